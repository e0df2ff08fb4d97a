package dev.distill.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.annotations.Head;
import dev.distill.engine.teacher.BatchedTeacherRun;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.EnsembleTeacher;
import dev.distill.engine.teacher.FittedEnsembleWeights;
import dev.distill.engine.teacher.FixedEnsembleWeights;
import dev.distill.engine.teacher.OnnxClassifierTeacher;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.Teacher;
import dev.distill.engine.teacher.TeacherSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ensemble of two real teachers from Maven Central jars: the MiniLM probe classifier ({@link EngineFixtures}) and
 * the bge-small encoder with a probe fitted here, on a slice of the committed SST-2 data. Small slices, one thread:
 * the bge encoder has 12 layers.
 */
class EnsembleSetupTest {

    private static final int TRAIN_ROWS = 200;
    private static final int DEV_ROWS = 160;
    private static final float TEMPERATURE = 2f;

    @TempDir
    static Path temp;
    private static Path train;
    private static Path dev;

    @BeforeAll
    static void writeSlices() throws IOException {
        train = slice("sst2/train.tsv", TRAIN_ROWS, temp.resolve("train.tsv"));
        dev = slice("sst2/dev.tsv", DEV_ROWS, temp.resolve("dev.tsv"));
    }

    @Test
    void mixesTheTeachersProbabilitiesAndCachesEachTeacherApart() {
        SoftTargetCache cache = new SoftTargetCache(temp.resolve("cache"), warning -> { });
        DataSpec data = DataSpec.of(train, "sentence", "label").withDev(dev);
        // The first teacher alone labels everything once...
        try (TeacherSetup.Prepared alone = TeacherSetup.open(miniLm(), data, ProgressListener.NONE)) {
            new TransferSetBuilder(alone.teacher(), 48).cache(cache).build(alone.data());
        }
        // ... so adding a teacher labels with the new one only.
        try (TeacherSetup.Prepared prepared = TeacherSetup.open(List.of(miniLm(), bge("probe-bge")), data,
                new FixedEnsembleWeights(new double[] {1, 3}), TEMPERATURE,
                new TeacherLabels(cache, 32, ProgressListener.NONE), ProgressListener.NONE)) {
            TransferSet transfer = new TransferSetBuilder(prepared.teacher(), 48).cache(cache).build(prepared.data());

            EnsembleTeacher ensemble = assertInstanceOf(EnsembleTeacher.class, prepared.teacher());
            assertEquals(List.of(Head.CLASSIFIER, Head.LINEAR_PROBE),
                    prepared.members().stream().map(TeacherSetup.Member::head).toList());
            assertArrayEquals(new double[] {0.25, 0.75}, prepared.weighting().weights(), 1e-12);
            assertEquals(EngineFixtures.probeFolder().resolve("tokenizer.json"), ensemble.tokenizerFile(),
                    "the student reads with the first teacher's tokenizer");
            Teacher first = prepared.members().get(0).teacher();
            Teacher second = prepared.members().get(1).teacher();
            assertEquals(0, assertInstanceOf(OnnxClassifierTeacher.class, first).textsRun(),
                    "the first teacher's soft targets all came from the cache");

            // Each teacher's own soft targets, in the batches labelling runs (an int8 encoder scales per batch).
            List<String> texts = prepared.data().train().texts();
            float[][] a = new BatchedTeacherRun(first, 32, ProgressListener.NONE).logits(texts, i -> "row " + i);
            float[][] b = new BatchedTeacherRun(second, 32, ProgressListener.NONE).logits(texts, i -> "row " + i);
            float[][] mixed = transfer.train().teacherLogits();
            for (int i = 0; i < texts.size(); i++) {
                double[] expected = new double[a[i].length];
                double[] softA = softmax(a[i], TEMPERATURE);
                double[] softB = softmax(b[i], TEMPERATURE);
                for (int c = 0; c < expected.length; c++) {
                    expected[c] = 0.25 * softA[c] + 0.75 * softB[c];
                }
                assertArrayEquals(expected, softmax(mixed[i], TEMPERATURE), 1e-5, "row " + i);
            }
            for (TeacherSetup.Member member : prepared.members()) {
                assertTrue(Files.isDirectory(cache.folder(TeacherLabels.key(member.teacher()))), member.name());
                assertTrue(member.devAccuracy() > 0.6, member.name() + " " + member.devAccuracy());
            }
            assertFalse(Files.exists(cache.folder(TeacherLabels.key(ensemble))),
                    "the mix is computed from the teachers' rows, not cached as a teacher of its own");
        }
    }

    @Test
    void fittedWeightsFavourTheBetterTeacher() throws IOException {
        // The bge probe is fitted on shuffled labels: a teacher that knows nothing, beside the MiniLM probe.
        DataSpec shuffled = DataSpec.of(shuffledLabels(train, temp.resolve("shuffled.tsv")), "sentence", "label")
                .withDev(dev);
        try (TeacherSetup.Prepared prepared = TeacherSetup.open(List.of(bge("probe-garbage"), miniLm()), shuffled,
                new FittedEnsembleWeights(), TEMPERATURE, new TeacherLabels(null, 32, ProgressListener.NONE),
                ProgressListener.NONE)) {
            double garbage = prepared.members().get(0).devAccuracy();
            double good = prepared.members().get(1).devAccuracy();
            assertTrue(good > garbage + 0.15, good + " against " + garbage);

            double[] weights = prepared.weighting().weights();
            assertTrue(weights[1] > 0.8, java.util.Arrays.toString(weights) + ": " + prepared.weighting().explanation());
            assertEquals(1.0, weights[0] + weights[1], 1e-9);
            assertTrue(prepared.weighting().explanation().startsWith("fitted on " + DEV_ROWS + " labelled dev rows"),
                    prepared.weighting().explanation());
        }
    }

    @Test
    void labelsAreMatchedByNameAndADifferentSetIsAnError() throws IOException {
        // Both teachers are the same MiniLM probe classifier; only the second's config.json names its columns.
        DataSpec data = DataSpec.of(train, "sentence", "label").withDev(dev);
        // Given as a model file: its tokenizer.json and config.json are the ones beside it.
        Path swapped = relabelled("swapped", "1", "0").resolve("model.onnx");
        try (TeacherSetup.Prepared prepared = TeacherSetup.open(List.of(miniLm(), classifier(swapped)), data,
                new FixedEnsembleWeights(new double[] {1, 1}), TEMPERATURE,
                new TeacherLabels(null, 32, ProgressListener.NONE), ProgressListener.NONE)) {
            List<String> texts = prepared.data().dev().texts().subList(0, 8);
            float[][] original = prepared.members().get(0).teacher().logits(texts);
            float[][] mapped = prepared.members().get(1).teacher().logits(texts);
            for (int i = 0; i < texts.size(); i++) {
                // The same model, its columns named the other way round: mapped by name, they swap.
                assertArrayEquals(new float[] {original[i][1], original[i][0]}, mapped[i], 1e-5f);
            }
        }

        Path other = relabelled("other-names", "neg", "pos");
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> TeacherSetup.open(List.of(miniLm(), classifier(other)), data,
                        new FixedEnsembleWeights(new double[] {1, 1}), TEMPERATURE,
                        new TeacherLabels(null, 32, ProgressListener.NONE), ProgressListener.NONE));
        assertTrue(mismatch.getMessage().contains("teacher[1] (other-names) has [neg, pos], teacher[0]"
                + " (sst2-minilm-probe) has [0, 1]"), mismatch.getMessage());
    }

    private static TeacherSpec miniLm() {
        return classifier(EngineFixtures.probeFolder());
    }

    private static TeacherSpec classifier(Path folder) {
        return new TeacherSpec(folder, null, Head.AUTO, 0, 1, 32, temp.resolve("unused-probe"),
                SoftmaxRegression.Options.defaults(1));
    }

    private static TeacherSpec bge(String probeFolder) {
        return new TeacherSpec(EngineFixtures.bgeEncoder(), EngineFixtures.bgeTokenizer(), Head.LINEAR_PROBE, 32, 1,
                32, EngineFixtures.targetDir("ensemble").resolve(probeFolder), SoftmaxRegression.Options.defaults(3));
    }

    /** A copy of the MiniLM probe classifier whose config.json names its two columns {@code first}, {@code second}. */
    private static Path relabelled(String name, String first, String second) throws IOException {
        Path folder = Files.createDirectories(temp.resolve(name));
        for (String file : List.of("model.onnx", "tokenizer.json")) {
            Files.copy(EngineFixtures.probeFolder().resolve(file), folder.resolve(file));
        }
        JsonObject config = JsonParser.parseString(Files.readString(EngineFixtures.probeFolder()
                .resolve("config.json"))).getAsJsonObject();
        JsonObject id2label = new JsonObject();
        id2label.addProperty("0", first);
        id2label.addProperty("1", second);
        JsonObject label2id = new JsonObject();
        label2id.addProperty(first, 0);
        label2id.addProperty(second, 1);
        config.add("id2label", id2label);
        config.add("label2id", label2id);
        Files.writeString(folder.resolve("config.json"), config.toString());
        return folder;
    }

    private static Path slice(String file, int rows, Path to) throws IOException {
        List<String> lines = Files.readAllLines(EngineFixtures.testdata().resolve(file));
        return Files.write(to, lines.subList(0, rows + 1));
    }

    /** The training slice with its labels shuffled among its rows (seeded), so that they say nothing. */
    private static Path shuffledLabels(Path file, Path to) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int label = header.indexOf("label");
        List<String[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split("\t", -1);
            rows.add(row);
            labels.add(row[label]);
        }
        Collections.shuffle(labels, new Random(5));
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i)[label] = labels.get(i);
            out.add(String.join("\t", rows.get(i)));
        }
        return Files.write(to, out);
    }

    private static double[] softmax(float[] z, float temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v / temperature);
        }
        double[] q = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            q[c] = Math.exp(z[c] / temperature - max);
            sum += q[c];
        }
        for (int c = 0; c < z.length; c++) {
            q[c] /= sum;
        }
        return q;
    }
}
