package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk soft-target cache, in front of the real probe teacher served from its classifier folder. */
class SoftTargetCacheTest {

    @TempDir
    Path dir;

    private static final List<String> TEXTS = EngineFixtures.sst2Dev().texts().subList(0, 40);

    /** Counts the texts a real teacher is asked about. */
    private static final class CountingTeacher implements AutoCloseable {
        final OnnxClassifierTeacher teacher;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger texts = new AtomicInteger();

        CountingTeacher() {
            teacher = OnnxClassifierTeacher.openFolder(EngineFixtures.probeFolder(), 0, 1);
        }

        SoftTargetCache.Labeller labeller() {
            return (missing, indices) -> {
                calls.incrementAndGet();
                texts.addAndGet(missing.size());
                return new BatchedTeacherRun(teacher, 16, ProgressListener.NONE).logits(missing, i -> "text " + i);
            };
        }

        @Override
        public void close() {
            teacher.close();
        }

        String key() {
            return SoftTargetCache.teacherKey(teacher.fingerprint(), ContentHash.ofFile(teacher.tokenizerFile()),
                    teacher.maxLength());
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void heldRowsComeBeforeTheStoredOnesAndAreNeverWritten() throws IOException {
        SoftTargetCache cache = new SoftTargetCache(dir, warning -> { });
        cache.write("teacher", List.of("a", "b"), new float[][] {{1, 1}, {2, 2}});
        cache.hold("teacher", SoftTargetCache.LOGITS, List.of("b", "c"), new float[][] {{20, 20}, {30, 30}});
        List<String> labelled = new ArrayList<>();
        float[][] rows = cache.getOrCompute("teacher", List.of("a", "b", "c", "d"), (missing, indices) -> {
            labelled.addAll(missing);
            return new float[][] {{4, 4}};
        });
        assertEquals(List.of("d"), labelled, "only the text neither stored nor held goes to the teacher");
        assertArrayEquals(new float[][] {{1, 1}, {20, 20}, {30, 30}, {4, 4}}, rows, "a held row wins over a stored one");
        assertEquals(Map.of(SoftTargetCache.TextKey.of("a"), 1f, SoftTargetCache.TextKey.of("b"), 2f,
                SoftTargetCache.TextKey.of("d"), 4f), firstValues(new SoftTargetCache(dir, w -> { }).read("teacher")),
                "the held rows were not written, the teacher's were");

        SoftTargetCache memory = SoftTargetCache.inMemory();
        memory.hold("teacher", SoftTargetCache.LOGITS, List.of("c"), new float[][] {{30, 30}});
        assertArrayEquals(new float[][] {{30, 30}, {5, 5}}, memory.getOrCompute("teacher", List.of("c", "e"),
                (missing, indices) -> new float[][] {{5, 5}}));
        assertEquals(Map.of(), memory.read("teacher"), "an in-memory cache stores nothing");
    }

    private static Map<SoftTargetCache.TextKey, Float> firstValues(Map<SoftTargetCache.TextKey, float[]> rows) {
        Map<SoftTargetCache.TextKey, Float> first = new java.util.HashMap<>();
        rows.forEach((key, row) -> first.put(key, row[0]));
        return first;
    }

    @Test
    void secondRunReadsTheCacheAndDoesNotRunTheTeacher() {
        List<String> warnings = new ArrayList<>();
        try (CountingTeacher counting = new CountingTeacher()) {
            SoftTargetCache cache = new SoftTargetCache(dir.resolve("cache"), warnings::add);
            float[][] first = cache.getOrCompute(counting.key(), TEXTS, counting.labeller());
            assertEquals(1, counting.calls.get());
            SoftTargetCache reopened = new SoftTargetCache(dir.resolve("cache"), warnings::add);
            float[][] second = reopened.getOrCompute(counting.key(), TEXTS, counting.labeller());
            assertEquals(1, counting.calls.get(), "the teacher ran again although the cache held its logits");
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(first[i], second[i], 0f);
            }
            assertEquals(List.of(), warnings);
            assertEquals(2, first[0].length);
        }
    }

    /** Logits that are a function of the text alone, so that a row mixed up with another's shows. */
    private static float[] signature(String text) {
        return new float[] {text.length(), text.hashCode()};
    }

    @Test
    void onlyNewOrChangedTextsAreLabelledAndEachRowBelongsToItsText() {
        List<String> labelled = new ArrayList<>();
        SoftTargetCache.Labeller labeller = (missing, indices) -> {
            labelled.addAll(missing);
            return missing.stream().map(SoftTargetCacheTest::signature).toArray(float[][]::new);
        };
        SoftTargetCache cache = new SoftTargetCache(dir, line -> fail(line));
        cache.getOrCompute("teacher", TEXTS, labeller);
        assertEquals(TEXTS, labelled);

        List<String> changed = new ArrayList<>(TEXTS);
        changed.set(7, changed.get(7) + " !");                 // one training row edited
        changed.addAll(List.of("an added row", TEXTS.get(3)));  // one new text, one duplicate
        changed.add(5, "inserted"); // shifts every later row: rows are found by text, not by position
        labelled.clear();
        float[][] logits = new SoftTargetCache(dir, line -> fail(line)).getOrCompute("teacher", changed, labeller);
        assertEquals(List.of("inserted", TEXTS.get(7) + " !", "an added row"), labelled);
        for (int i = 0; i < changed.size(); i++) {
            assertArrayEquals(signature(changed.get(i)), logits[i], 0f, "row " + i);
        }
    }

    @Test
    void columnsAreKeptApartAndATextMissingFromOneColumnIsLabelledAgain() throws IOException {
        List<String> labelled = new ArrayList<>();
        SoftTargetCache.ColumnsLabeller both = (missing, indices) -> {
            labelled.addAll(missing);
            return Map.of(SoftTargetCache.LOGITS, missing.stream().map(SoftTargetCacheTest::signature)
                    .toArray(float[][]::new), "pooled", missing.stream().map(t -> new float[] {t.length(), 1, 2})
                    .toArray(float[][]::new));
        };
        SoftTargetCache cache = new SoftTargetCache(dir, line -> fail(line));
        // The logits of the first 20 texts only, as a build without the hidden-state term leaves them.
        cache.getOrCompute("teacher", TEXTS.subList(0, 20), (missing, indices) -> missing.stream()
                .map(SoftTargetCacheTest::signature).toArray(float[][]::new));

        Map<String, float[][]> rows = cache.getOrCompute("teacher", List.of(SoftTargetCache.LOGITS, "pooled"), TEXTS,
                both);
        assertEquals(TEXTS, labelled, "every text lacks its pooled row, so every text is labelled");
        for (int i = 0; i < TEXTS.size(); i++) {
            assertArrayEquals(signature(TEXTS.get(i)), rows.get(SoftTargetCache.LOGITS)[i], 0f);
            assertArrayEquals(new float[] {TEXTS.get(i).length(), 1, 2}, rows.get("pooled")[i], 0f);
        }
        labelled.clear();
        cache.getOrCompute("teacher", List.of(SoftTargetCache.LOGITS, "pooled"), TEXTS, both);
        assertEquals(List.of(), labelled, "both columns are cached now");
        float[][] logits = cache.getOrCompute("teacher", TEXTS, (missing, indices) -> fail("relabelled " + missing));
        assertArrayEquals(signature(TEXTS.get(30)), logits[30], 0f);
    }

    @Test
    void corruptSegmentIsReportedAndItsTextsRecomputed() throws IOException {
        List<String> warnings = new ArrayList<>();
        try (CountingTeacher counting = new CountingTeacher()) {
            SoftTargetCache cache = new SoftTargetCache(dir, warnings::add);
            float[][] good = cache.getOrCompute(counting.key(), TEXTS, counting.labeller());
            Path segment = files(cache.folder(counting.key())).get(0);
            byte[] bytes = Files.readAllBytes(segment);
            bytes[80] ^= 0x10; // flips one bit of a row
            Files.write(segment, bytes);

            float[][] recovered = cache.getOrCompute(counting.key(), TEXTS, counting.labeller());
            assertEquals(2, counting.calls.get(), "a corrupt segment was served instead of recomputed");
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains(segment.toString())
                    && warnings.get(0).contains("content hash"), warnings.get(0));
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(good[i], recovered[i], 1e-6f);
            }
            // The rewritten segment is good again, with the same bytes; a truncated one is caught too.
            assertEquals(Optional.empty(), SoftTargetCache.defect(segment));
            Files.write(segment, Arrays.copyOf(bytes, 100));
            assertTrue(SoftTargetCache.defect(segment).isPresent());
            cache.getOrCompute(counting.key(), TEXTS, counting.labeller());
            assertEquals(2, warnings.size());
            assertEquals(3, counting.calls.get());
        }
    }

    @Test
    void keyChangesWithTeacherTokenizerAndMaxLength() {
        String key = SoftTargetCache.teacherKey("teacher-a", "tok", 64);
        assertEquals(key, SoftTargetCache.teacherKey("teacher-a", "tok", 64));
        assertNotEquals(key, SoftTargetCache.teacherKey("teacher-b", "tok", 64));
        assertNotEquals(key, SoftTargetCache.teacherKey("teacher-a", "tok2", 64));
        assertNotEquals(key, SoftTargetCache.teacherKey("teacher-a", "tok", 128));
    }

    @Test
    void manySegmentsAreMergedIntoOne() throws IOException {
        SoftTargetCache cache = new SoftTargetCache(dir, line -> fail(line));
        List<String> all = new ArrayList<>();
        for (int build = 0; build <= SoftTargetCache.MAX_SEGMENTS; build++) {
            String text = "text of build " + build;
            all.add(text);
            float value = build;
            cache.getOrCompute("k", all, (missing, indices) -> new float[][] {{value, -value}});
        }
        List<Path> segments = files(cache.folder("k"));
        assertEquals(1, segments.size(), "segments were not merged: " + segments);
        float[][] logits = cache.getOrCompute("k", all, (missing, indices) -> fail("relabelled " + missing));
        for (int build = 0; build < all.size(); build++) {
            assertArrayEquals(new float[] {build, -build}, logits[build], 0f);
        }
    }

    @Test
    void concurrentWritersNeverExposeAPartialSegment() throws Exception {
        List<String> texts = new ArrayList<>();
        float[][] logits = new float[2000][4];
        for (int i = 0; i < logits.length; i++) {
            texts.add("text " + i);
            logits[i] = new float[] {i, -i, i * 0.5f, 1f / (i + 1)};
        }
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        SoftTargetCache cache = new SoftTargetCache(dir, warnings::add);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                jobs.add(pool.submit(() -> {
                    for (int n = 0; n < 30; n++) {
                        cache.write("shared", texts, logits);
                    }
                }));
            }
            jobs.add(pool.submit(() -> {
                for (int n = 0; n < 200; n++) {
                    float[] last = cache.read("shared").get(SoftTargetCache.TextKey.of("text 1999"));
                    if (last != null) {
                        assertArrayEquals(logits[1999], last, 0f);
                    }
                }
            }));
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(), warnings, "a reader saw a partial segment");
        List<Path> left = files(cache.folder("shared"));
        assertEquals(1, left.size(), "temporary files were left behind: " + left);
        assertTrue(left.get(0).toString().endsWith(SoftTargetCache.SEGMENT_SUFFIX));
    }

    @Test
    void aWriteSweepsTheTemporaryFilesOfKilledBuildsButNotFreshOnes() throws IOException {
        SoftTargetCache cache = new SoftTargetCache(dir, line -> { });
        Path folder = Files.createDirectories(cache.folder("abc"));
        Path abandoned = Files.writeString(folder.resolve("abc.123.tmp"), "half a segment");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path inProgress = Files.writeString(folder.resolve("abc.456.tmp"), "another build, writing now");
        cache.write("abc", List.of("a text"), new float[][] {{1f, 2f}});
        assertFalse(Files.exists(abandoned), "a temporary file of a killed build was kept");
        assertTrue(Files.exists(inProgress), "another build's write in progress was deleted");
        Path segment = files(folder).stream().filter(f -> f.toString().endsWith(SoftTargetCache.SEGMENT_SUFFIX))
                .findFirst().orElseThrow();
        assertEquals(Optional.empty(), SoftTargetCache.defect(segment));
    }

    @Test
    void aTextsKeyIsTheSha256OfItsUtf8Bytes() {
        // What sha256sum prints for the bytes: the key distill-spark writes beside each row.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                SoftTargetCache.textSha256("abc"));
        assertEquals(ContentHash.sha256("caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                SoftTargetCache.textSha256("caf\u00e9"));
    }
}
