package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

        CountingTeacher() {
            teacher = OnnxClassifierTeacher.openFolder(EngineFixtures.probeFolder(), 0, 1);
        }

        float[][] run(List<String> texts) {
            calls.incrementAndGet();
            return new BatchedTeacherRun(teacher, 16, ProgressListener.NONE).logits(texts, i -> "text " + i);
        }

        @Override
        public void close() {
            teacher.close();
        }

        String key(List<String> texts) {
            return SoftTargetCache.key(teacher.fingerprint(), ContentHash.ofFile(teacher.tokenizerFile()),
                    teacher.maxLength(), texts);
        }
    }

    @Test
    void secondRunReadsTheCacheAndDoesNotRunTheTeacher() {
        List<String> warnings = new ArrayList<>();
        try (CountingTeacher counting = new CountingTeacher()) {
            SoftTargetCache cache = new SoftTargetCache(dir.resolve("cache"), warnings::add);
            String key = counting.key(TEXTS);
            float[][] first = cache.getOrCompute(key, TEXTS.size(), () -> counting.run(TEXTS));
            assertEquals(1, counting.calls.get());
            SoftTargetCache reopened = new SoftTargetCache(dir.resolve("cache"), warnings::add);
            float[][] second = reopened.getOrCompute(counting.key(TEXTS), TEXTS.size(), () -> counting.run(TEXTS));
            assertEquals(1, counting.calls.get(), "the teacher ran again although the cache held its logits");
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(first[i], second[i], 0f);
            }
            assertEquals(List.of(), warnings);
            assertEquals(2, first[0].length);
        }
    }

    @Test
    void corruptEntryIsReportedAndRecomputed() throws IOException {
        List<String> warnings = new ArrayList<>();
        try (CountingTeacher counting = new CountingTeacher()) {
            SoftTargetCache cache = new SoftTargetCache(dir, warnings::add);
            String key = counting.key(TEXTS);
            float[][] good = cache.getOrCompute(key, TEXTS.size(), () -> counting.run(TEXTS));
            byte[] bytes = Files.readAllBytes(cache.file(key));
            bytes[40] ^= 0x10; // flips one bit of a logit
            Files.write(cache.file(key), bytes);

            float[][] recovered = cache.getOrCompute(key, TEXTS.size(), () -> counting.run(TEXTS));
            assertEquals(2, counting.calls.get(), "a corrupt entry was served instead of recomputed");
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains(cache.file(key).toString())
                    && warnings.get(0).contains("content hash"), warnings.get(0));
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(good[i], recovered[i], 1e-6f);
            }
            // The rewritten entry is good again; a truncated one is caught too.
            assertEquals(TEXTS.size(), cache.read(key, TEXTS.size()).length);
            Files.write(cache.file(key), Arrays.copyOf(bytes, 100));
            assertNull(cache.read(key, TEXTS.size()));
            assertEquals(2, warnings.size());
        }
    }

    @Test
    void keyChangesWithTextsTeacherAndMaxLength() {
        String key = SoftTargetCache.key("teacher-a", "tok", 64, List.of("a b", "c"));
        assertEquals(key, SoftTargetCache.key("teacher-a", "tok", 64, List.of("a b", "c")));
        assertNotEquals(key, SoftTargetCache.key("teacher-a", "tok", 64, List.of("a b", "c ")));
        assertNotEquals(key, SoftTargetCache.key("teacher-a", "tok", 64, List.of("a", "b c")));
        assertNotEquals(key, SoftTargetCache.key("teacher-a", "tok", 64, List.of("c", "a b")));
        assertNotEquals(key, SoftTargetCache.key("teacher-b", "tok", 64, List.of("a b", "c")));
        assertNotEquals(key, SoftTargetCache.key("teacher-a", "tok2", 64, List.of("a b", "c")));
        assertNotEquals(key, SoftTargetCache.key("teacher-a", "tok", 128, List.of("a b", "c")));
    }

    @Test
    void concurrentWritersNeverExposeAPartialEntry() throws Exception {
        float[][] logits = new float[2000][4];
        for (int i = 0; i < logits.length; i++) {
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
                        cache.write("shared", logits);
                    }
                }));
            }
            jobs.add(pool.submit(() -> {
                for (int n = 0; n < 200; n++) {
                    float[][] read = cache.read("shared", logits.length);
                    if (read != null) {
                        assertArrayEquals(logits[1999], read[1999], 0f);
                    }
                }
            }));
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(), warnings, "a reader saw a partial entry");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(cache.file("shared")), files.toList(), "temporary files were left behind");
        }
    }

    @Test
    void aWriteSweepsTheTemporaryFilesOfKilledBuildsButNotFreshOnes() throws IOException {
        SoftTargetCache cache = new SoftTargetCache(dir, line -> { });
        Path abandoned = Files.writeString(dir.resolve("abc.123.tmp"), "half an entry");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path inProgress = Files.writeString(dir.resolve("abc.456.tmp"), "another build, writing now");
        cache.write("abc", new float[][] {{1f, 2f}});
        assertFalse(Files.exists(abandoned), "a temporary file of a killed build was kept");
        assertTrue(Files.exists(inProgress), "another build's write in progress was deleted");
        assertEquals(Optional.empty(), SoftTargetCache.defect(cache.file("abc")));
    }
}
