package dev.distill.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Format;
import dev.distill.annotations.Head;
import dev.distill.engine.augment.AugmentOptions;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.Logits;
import dev.distill.engine.teacher.OnnxClassifierTeacher;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.Teacher;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.onnx.EncoderGraphs;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.TextEncoder;
import dev.distill.runtime.data.TextFileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole data path on real parts: read, teacher (probe folder or freshly fitted probe), augment, cache, tokenize. */
class TransferSetBuilderTest {

    private static final int STUDENT_MAX_LENGTH = 16;

    @TempDir
    static Path dir;

    private static Path train;
    private static Path dev;
    private static Path transfer;

    @BeforeAll
    static void writeSlices() throws IOException {
        List<String> lines = Files.readAllLines(EngineFixtures.testdata().resolve("sst2/train.tsv"));
        train = Files.write(dir.resolve("train.tsv"), lines.subList(0, 121), StandardCharsets.UTF_8);
        dev = Files.write(dir.resolve("dev.tsv"),
                Files.readAllLines(EngineFixtures.testdata().resolve("sst2/dev.tsv")).subList(0, 61));
        List<String> json = new ArrayList<>();
        for (String line : lines.subList(3000, 3030)) {
            json.add("{\"sentence\": \"" + line.substring(2).replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        }
        transfer = Files.write(dir.resolve("transfer.jsonl"), json);
    }

    private static DataSpec dataSpec() {
        return DataSpec.of(train, "sentence", "label").withDev(dev).withTransfer(transfer);
    }

    private static TeacherSpec teacherSpec(Path model, Path tokenizer) {
        return new TeacherSpec(model, tokenizer, Head.AUTO, 0, 1, 32, dir.resolve("probe"),
                SoftmaxRegression.Options.defaults(3));
    }

    /** A real teacher that counts the texts it labels. */
    private static final class Counting implements Teacher {
        final Teacher teacher;
        final AtomicInteger texts = new AtomicInteger();
        final Set<String> asked = new HashSet<>();
        final List<String> askedTwice = new ArrayList<>();

        Counting(Teacher teacher) {
            this.teacher = teacher;
        }

        @Override
        public List<String> labels() {
            return teacher.labels();
        }

        @Override
        public float[][] logits(List<String> batch) {
            texts.addAndGet(batch.size());
            for (String text : batch) {
                if (!asked.add(text)) {
                    askedTwice.add(text);
                }
            }
            return teacher.logits(batch);
        }

        @Override
        public String fingerprint() {
            return teacher.fingerprint();
        }

        @Override
        public int maxLength() {
            return teacher.maxLength();
        }

        @Override
        public Path tokenizerFile() {
            return teacher.tokenizerFile();
        }

        @Override
        public void close() {
            teacher.close();
        }
    }

    @Test
    void buildsTrainAndDevFromAClassifierFolderAndCachesTheTeacher() {
        List<String> warnings = new ArrayList<>();
        SoftTargetCache cache = new SoftTargetCache(dir.resolve("cache"), warnings::add);
        int[] lastProgress = {0, 0};
        try (TeacherSetup.Prepared prepared = TeacherSetup.open(teacherSpec(EngineFixtures.probeFolder(), null),
                dataSpec(), (done, total) -> { })) {
            assertEquals(Head.CLASSIFIER, prepared.head());
            Counting teacher = new Counting(prepared.teacher());
            TransferSet set = new TransferSetBuilder(teacher, STUDENT_MAX_LENGTH)
                    .augment(AugmentOptions.tang(2, 5)).cache(cache)
                    .progress((done, total) -> {
                        lastProgress[0] = done;
                        lastProgress[1] = total;
                    })
                    .build(prepared.data());
            assertEquals(120, set.goldRows());
            assertEquals(30, set.transferRows());
            // Up to 2 copies of each of the 120 gold texts; copies equal to a training text or another copy dropped.
            assertTrue(set.augmentedRows() > 120 && set.augmentedRows() <= 240, "copies: " + set.augmentedRows());
            assertEquals(150 + set.augmentedRows(), set.train().size());
            assertEquals(60, set.dev().size());
            // The cache is per text: each distinct text is labelled once (augmented copies repeat themselves and
            // their originals), the training texts and the dev texts all among them.
            assertEquals(List.of(), teacher.askedTwice, "texts labelled twice");
            int labelled = teacher.texts.get();
            assertTrue(teacher.asked.containsAll(prepared.data().train().texts())
                    && teacher.asked.containsAll(prepared.data().dev().texts()), "a text was not labelled");
            assertTrue(labelled > 150 && labelled < 450, "distinct texts labelled: " + labelled);
            assertEquals(lastProgress[1], lastProgress[0]);
            assertEquals(120, set.train().labeledCount());
            for (int i = 0; i < set.train().size(); i++) {
                int[] ids = set.train().tokenIds()[i];
                assertTrue(ids.length >= 2 && ids.length <= STUDENT_MAX_LENGTH, "row " + i + ": " + ids.length);
                assertEquals(101, ids[0], "[CLS] first");
                assertEquals(102, ids[ids.length - 1], "[SEP] last");
                assertEquals(i < 120, set.train().labels()[i] >= 0, "row " + i);
            }
            assertEquals(prepared.data().train().labels()[7], set.train().labels()[7]);
            assertEquals(2, set.train().numClasses());
            assertEquals(Logits.accuracy(set.dev().teacherLogits(), set.dev().labels()),
                    set.teacherDevAccuracy());
            assertTrue(set.teacherDevAccuracy() > 0.6, "teacher dev accuracy " + set.teacherDevAccuracy());

            TransferSet again = new TransferSetBuilder(teacher, STUDENT_MAX_LENGTH)
                    .augment(AugmentOptions.tang(2, 5)).cache(cache).build(prepared.data());
            assertEquals(labelled, teacher.texts.get(), "the teacher ran although every logit was cached");
            int last = set.train().size() - 1;
            assertArrayEquals(set.train().teacherLogits()[last], again.train().teacherLogits()[last], 0f);
            assertArrayEquals(set.train().tokenIds()[200], again.train().tokenIds()[200]);

            new TransferSetBuilder(teacher, STUDENT_MAX_LENGTH).augment(AugmentOptions.tang(2, 6)).cache(cache)
                    .build(prepared.data());
            int relabelled = teacher.texts.get() - labelled;
            assertTrue(relabelled > 0 && relabelled < 240, "only the new augmented copies are labelled: " + relabelled);
            assertEquals(List.of(), teacher.askedTwice, "texts labelled twice");
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void anEncoderBecomesAProbeTeacherFittedOnTheTrainingRows() {
        DataSpec spec = DataSpec.of(train, "sentence", "label");
        try (TeacherSetup.Prepared prepared = TeacherSetup.open(
                teacherSpec(EngineFixtures.encoder(), EngineFixtures.tokenizer()), spec, (done, total) -> { })) {
            assertEquals(Head.LINEAR_PROBE, prepared.head());
            assertTrue(prepared.data().devHeldOut());
            assertEquals(12, prepared.data().dev().size());
            // SST-2 train's first row is labelled 1, so "1" is class 0 in order of first appearance.
            assertEquals(List.of("1", "0"), prepared.teacher().labels());
            assertTrue(Files.isRegularFile(dir.resolve("probe/model.onnx")));
            float[][] logits = prepared.teacher().logits(prepared.data().train().texts());
            double trainAccuracy = Logits.accuracy(logits, prepared.data().train().labels());
            assertTrue(trainAccuracy > 0.8, "probe train accuracy " + trainAccuracy);
        }
    }

    @Test
    void aClassifierModelFileWithoutConfigNeedsLabels() throws IOException {
        Path lone = dir.resolve("lone");
        Files.createDirectories(lone);
        Files.copy(EngineFixtures.probeFolder().resolve("model.onnx"), lone.resolve("classifier.onnx"));
        TeacherSpec spec = teacherSpec(lone.resolve("classifier.onnx"), EngineFixtures.tokenizer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TeacherSetup.open(spec, dataSpec(), (done, total) -> { }));
        assertTrue(e.getMessage().contains("classifier.onnx comes without labels"), e.getMessage());
        try (TeacherSetup.Prepared prepared = TeacherSetup.open(spec, dataSpec().withLabels(List.of("0", "1")),
                (done, total) -> { })) {
            assertEquals(List.of("0", "1"), prepared.teacher().labels());
            assertEquals(OnnxClassifierTeacher.DEFAULT_MAX_LENGTH, prepared.teacher().maxLength());
        }
    }

    @Test
    void nonFiniteTeacherLogitsNameTheTextsLine() {
        float[][] weight = new float[2][384];
        Path model = dir.resolve("nan-head.onnx");
        OnnxModels.write(EncoderGraphs.withLinearHead(OnnxModels.read(EngineFixtures.encoder()), weight,
                new float[] {Float.NaN, 0f}), model);
        try (OnnxClassifierTeacher teacher = OnnxClassifierTeacher.open(model, EngineFixtures.tokenizer(),
                List.of("0", "1"), 32, 1)) {
            TrainingData data = TrainingDataReader.read(DataSpec.of(train, "sentence", "label").withDev(dev),
                    teacher.labels());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new TransferSetBuilder(teacher, STUDENT_MAX_LENGTH).build(data));
            assertTrue(e.getMessage().startsWith(train + ":2: the teacher's logits for this text are not finite"),
                    e.getMessage());
        }
    }

    @Test
    void tokenIdsAreUnpaddedAndTruncatedToTheStudentsMaxLength() {
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), 8)) {
            int[][] ids = TransferSetBuilder.tokenize(encoder, List.of("good", "a rather long sentence that goes on"));
            assertArrayEquals(new int[] {101, 2204, 102}, ids[0]);
            assertEquals(8, ids[1].length);
            assertEquals(102, ids[1][7]);
        }
        assertEquals(Format.TSV, TextFileReader.resolve(Format.AUTO, train));
    }
}
