package dev.distill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.annotations.Head;
import dev.distill.annotations.Quantization;
import dev.distill.engine.augment.AugmentOptions;
import dev.distill.engine.data.DataSpec;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.report.DistillReport;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ModelRole;
import dev.distill.engine.report.ReportWriter;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.teacher.ContentHash;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.FixedEnsembleWeights;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.engine.train.TrainingConfig;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline without Maven: a real teacher (the MiniLM probe classifier built from the Maven
 * Central encoder) labels an SST-2 slice, a real CNN is trained with DJL, exported, quantized,
 * checked, evaluated and written as a folder that the runtime serves.
 */
class DistillerTest {

    private static final int TRAIN_ROWS = 1500;

    private static Path root;
    private static DistillOutcome outcome;
    private static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void distill() throws IOException {
        root = EngineFixtures.targetDir("distiller");
        Path train = root.resolve("train.tsv");
        List<String> lines = Files.readAllLines(EngineFixtures.testdata().resolve("sst2/train.tsv"));
        Files.write(train, lines.subList(0, TRAIN_ROWS + 1));
        outcome = new Distiller(log::add).run(plan("sentiment", train, 0.0));
    }

    static DistillationPlan plan(String name, Path train, double minRetention) {
        TrainingConfig training = TrainingConfig.builder().epochs(3).batchSize(32).alpha(0.7f).temperature(2f)
                .warmupFraction(0.1f).seed(11).patience(3).threads(1).build();
        return new DistillationPlan(name,
                List.of(new TeacherSpec(EngineFixtures.probeFolder(), null, Head.AUTO, 0, 1, 32, root.resolve("probe"),
                        SoftmaxRegression.Options.defaults(1))), new FixedEnsembleWeights(new double[] {1}),
                DataSpec.of(train, "sentence", "label").withDev(EngineFixtures.testdata().resolve("sst2/dev.tsv")),
                new StudentPlan(Architecture.CNN, 64, 64, new int[] {2, 3, 4}, 0, 4, 48, Embeddings.TEACHER), null, training,
                AugmentOptions.tang(0, 11), Quantization.INT8, true, minRetention,
                new Thresholds(1e-4, 0.97, 0.02), 1,
                root.resolve("classes/META-INF/distill").resolve(name), root.resolve("work").resolve(name),
                root.resolve("cache"), Map.of("architecture", "CNN"), Map.of("teacher", "minilm-probe"));
    }

    @Test
    void writesAFolderTheRuntimeServes() throws Exception {
        Path folder = outcome.outputFolder();
        JsonObject config = JsonParser.parseString(Files.readString(folder.resolve("config.json"))).getAsJsonObject();
        String sha = config.getAsJsonObject("distill").get("model_sha256").getAsString();
        assertEquals(ContentHash.sha256(Files.readAllBytes(folder.resolve("model.onnx"))), sha);
        assertEquals(48, config.get("max_length").getAsInt());
        assertFalse(Files.readString(folder.resolve("config.json")).contains(root.toString()),
                "config.json holds no absolute paths");

        ModelEvaluation int8 = outcome.report().model(ModelRole.STUDENT_INT8);
        try (TextClassifier classifier = TextClassifier.load(folder)) {
            Prediction p = classifier.predict("a gorgeous , witty , seductive movie .");
            assertTrue(List.of("0", "1").contains(p.label()));
            assertEquals(config.getAsJsonObject("distill").getAsJsonObject("metrics").get("dev_accuracy").getAsDouble(),
                    int8.accuracy(), 1e-12);
        }
        try (var siblings = Files.list(folder.getParent())) {
            assertEquals(List.of("sentiment"), siblings.map(p -> p.getFileName().toString()).toList(),
                    "no staging folder is left beside the student");
        }
    }

    @Test
    void theStudentLearnsFromTheTeacher() {
        ModelEvaluation teacher = outcome.report().model(ModelRole.TEACHER);
        ModelEvaluation int8 = outcome.report().model(ModelRole.STUDENT_INT8);
        // SST-2 dev is 50.9% positive: the student must clearly beat that.
        assertTrue(int8.accuracy() > 0.62, "int8 student dev accuracy " + int8.accuracy());
        assertTrue(teacher.accuracy() > 0.70, "teacher dev accuracy " + teacher.accuracy());
        assertTrue(int8.fileBytes() * 5 < teacher.fileBytes(), "the student is far smaller than the teacher");
        assertTrue(outcome.report().stageSeconds().keySet().containsAll(
                List.of(BuildStage.TEACHER_LABELING.title(), BuildStage.TRAINING.title())));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("epoch 1:")), "per-epoch summaries are logged");
    }

    @Test
    void theStudentStartsFromTheTeachersWordEmbeddingsAndTheReportSaysSo() {
        String line = log.stream().filter(l -> l.startsWith("distill: student embeddings: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no embeddings line in " + log));
        assertTrue(line.contains("PCA to 64 dimensions") && line.contains("student.embeddings = TEACHER"), line);
        String recorded = outcome.report().provenance().get(ProvenanceKeys.STUDENT_EMBEDDINGS);
        assertEquals(line.substring("distill: student embeddings: ".length()), recorded);
        double cka = outcome.report().knowledge().get(DistillReport.SENTENCE_CKA);
        assertTrue(cka > 0.05 && cka <= 1, "CKA between the student's and the teacher's sentence vectors: " + cka);
    }

    @Test
    void theRealReportRendersInChromium() throws Exception {
        Path page = outcome.reportFolder().resolve(ReportWriter.HTML);
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.contains("student-int8") && html.contains("chart-accuracy"));
        dev.distill.engine.report.ChromiumCheck.assertRenders(page, root.resolve("chromium"),
                String.format(java.util.Locale.ROOT, "%.2f%%", outcome.report().model(ModelRole.TEACHER).accuracy() * 100));
    }

    @Test
    void theFingerprintSeesDataChanges() throws Exception {
        Path work = root.resolve("fingerprint");
        Path data = root.resolve("fp.tsv");
        Files.writeString(data, "label\tsentence\n1\tgood\n");
        String before = BuildFingerprint.of(Map.of("a", "1"), List.of(data), Thresholds.DEFAULTS, "1");
        BuildFingerprint.record(before, work);
        assertTrue(BuildFingerprint.upToDate(before, work, outcome.outputFolder()));
        Files.writeString(data, "label\tsentence\n0\tgood\n");
        String after = BuildFingerprint.of(Map.of("a", "1"), List.of(data), Thresholds.DEFAULTS, "1");
        assertFalse(after.equals(before));
        assertFalse(BuildFingerprint.upToDate(after, work, outcome.outputFolder()));
        assertFalse(BuildFingerprint.upToDate(before, work, root.resolve("no-such-student")));
    }

    @Test
    void aQualityGateThatCannotBeMetWritesNoStudent() throws IOException {
        Path train = root.resolve("train.tsv");
        QualityGateException e = assertThrows(QualityGateException.class,
                () -> new Distiller(l -> { }).run(plan("gated", train, 1.0)));
        assertTrue(e.getMessage().contains("dev accuracy") && e.getMessage().contains("of the teacher's"),
                e.getMessage());
        assertTrue(e.getMessage().contains("minRetention = 1.0"), e.getMessage());
        assertFalse(Files.exists(root.resolve("classes/META-INF/distill/gated")));
        assertNotNull(outcome);
    }
}
