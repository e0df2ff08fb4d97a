package dev.distill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.distill.engine.report.EnsembleMember;
import dev.distill.engine.report.ModelRole;
import dev.distill.engine.report.ReportSummary;
import dev.distill.engine.report.ReportWriter;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.FittedEnsembleWeights;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.TextClassifier;
import dev.distill.engine.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A short whole build from an ensemble of two real teachers (the MiniLM probe classifier and a bge-small probe, both
 * from Maven Central jars) with FITTED weights: what the log, the report and config.json say of the teachers.
 */
class EnsembleDistillerTest {

    @Test
    void reportsEachTeacherTheWeightsAndTheRetentionAgainstTheBestOne() throws Exception {
        Path root = EngineFixtures.targetDir("ensemble-distiller");
        DistillationPlan plan = plan("ensemble", root, Embeddings.TEACHER, null, true, 0.5);
        List<String> log = new ArrayList<>();

        DistillOutcome outcome = new Distiller(log::add).run(plan);

        DistillReport report = outcome.report();
        List<EnsembleMember> members = report.teachers();
        assertEquals(List.of("teacher[0] (sst2-minilm-probe)", "teacher[1] (bge-small-en-v1.5-q.onnx)"),
                members.stream().map(EnsembleMember::name).toList());
        assertEquals(1.0, members.get(0).weight() + members.get(1).weight(), 1e-9);
        assertTrue(report.weighting().startsWith("fitted on 160 labelled dev rows"), report.weighting());
        double best = Math.max(members.get(0).devAccuracy(), members.get(1).devAccuracy());
        assertEquals(ReportSummary.shipped(report).accuracy() / best, ReportSummary.retentionAgainstBestTeacher(report),
                1e-12);
        assertTrue(report.model(ModelRole.TEACHER).accuracy() > 0.6, "the ensemble is the report's teacher");
        assertTrue(log.stream().anyMatch(line -> line.startsWith("distill: hidden-state term: off")
                && line.contains("with several teachers")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(line -> line.startsWith("distill: teachers: an ensemble of 2")
                && line.contains("fitted on 160")), String.join("\n", log));

        String json = Files.readString(plan.workFolder().resolve(ReportWriter.JSON));
        assertTrue(json.contains("\"retentionAgainstBestTeacher\""), json);
        assertTrue(Files.readString(plan.workFolder().resolve(ReportWriter.HTML)).contains("id=\"teachers\""));
        JsonObject provenance = JsonParser.parseString(Files.readString(outcome.outputFolder().resolve("config.json")))
                .getAsJsonObject().getAsJsonObject("distill").getAsJsonObject("provenance");
        String weights = provenance.get(ProvenanceKeys.TEACHER_WEIGHTS).getAsString();
        assertTrue(weights.startsWith("teacher[0] (sst2-minilm-probe) 0.") && weights.contains("fitted on 160"),
                weights);
    }

    /**
     * {@code student.tokenizer} with a smaller vocabulary than the teachers': each teacher labels with its own tokenizer
     * (the ensemble is as good as with the first test's student), the student reads and ships the named one, starts
     * from random rows (the teacher's are indexed by other ids), and what ships answers as the report says.
     */
    @Test
    void aStudentTokenizerOfItsOwnCutsTheTextsForTheStudentOnlyAndShipsWithIt() throws Exception {
        Path root = EngineFixtures.targetDir("ensemble-student-tokenizer");
        Path small = EngineFixtures.smallerTokenizer(root, 20_000);
        DistillationPlan plan = plan("own-tokenizer", root, Embeddings.AUTO, small, false, 0.0);
        List<String> devLines = Files.readAllLines(plan.data().dev());
        List<String> log = new ArrayList<>();

        DistillOutcome outcome = new Distiller(log::add).run(plan);

        String all = String.join("\n", log);
        assertTrue(log.stream().anyMatch(line -> line.startsWith("distill: student tokenizer: student.tokenizer "
                + small + " has another vocabulary than the first teacher's: 20000 tokens against 30522")), all);
        assertTrue(log.stream().anyMatch(line -> line.startsWith("distill: student embeddings: random"
                + " (student.embeddings = AUTO: student.tokenizer ")), all);
        // The teachers read the texts with their own tokenizers: the mix is a real teacher, not one cut by 20k tokens.
        assertTrue(outcome.report().model(ModelRole.TEACHER).accuracy() > 0.75, all);
        Path shipped = outcome.outputFolder().resolve("tokenizer.json");
        assertEquals(Files.readString(small), Files.readString(shipped));
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String line : devLines.subList(1, devLines.size())) {
            String[] columns = line.split("\t");
            labels.add(columns[0]);
            texts.add(columns[1]);
        }
        try (TextClassifier student = TextClassifier.load(outcome.outputFolder(),
                ClassifierOptions.builder().intraOpThreads(1).build())) {
            var predictions = student.predictBatch(texts);
            int right = 0;
            for (int i = 0; i < texts.size(); i++) {
                right += predictions.get(i).label().equals(labels.get(i)) ? 1 : 0;
            }
            assertEquals(ReportSummary.shipped(outcome.report()).accuracy(), right / (double) texts.size(), 1e-9,
                    "the shipped folder reads with the student's tokenizer, as the build evaluated it");
        }
    }

    /**
     * A one-epoch bag-of-embeddings build on 200 SST-2 training rows and 160 dev rows, from the MiniLM probe classifier
     * and a bge-small probe with FITTED weights.
     */
    private static DistillationPlan plan(String name, Path root, Embeddings embeddings, Path studentTokenizer,
            boolean pruneVocabulary, double minRetention) throws IOException {
        Path train = root.resolve("train.tsv");
        Path dev = root.resolve("dev.tsv");
        Files.write(train, Files.readAllLines(EngineFixtures.testdata().resolve("sst2/train.tsv")).subList(0, 201));
        Files.write(dev, Files.readAllLines(EngineFixtures.testdata().resolve("sst2/dev.tsv")).subList(0, 161));
        TrainingConfig training = TrainingConfig.builder().epochs(1).batchSize(32).alpha(0.7f).temperature(2f)
                .seed(5).patience(1).threads(1).build();
        List<TeacherSpec> teachers = List.of(
                new TeacherSpec(EngineFixtures.probeFolder(), null, Head.AUTO, 0, 1, 32, root.resolve("probe"),
                        SoftmaxRegression.Options.defaults(1)),
                new TeacherSpec(EngineFixtures.bgeEncoder(), EngineFixtures.bgeTokenizer(), Head.LINEAR_PROBE, 32, 1,
                        32, root.resolve("probe-bge"), SoftmaxRegression.Options.defaults(3)));
        return new DistillationPlan(name, teachers, new FittedEnsembleWeights(),
                DataSpec.of(train, "sentence", "label").withDev(dev),
                new StudentPlan(Architecture.BAG_OF_EMBEDDINGS, 64, 64, new int[] {3}, 0, 4, 48, embeddings),
                studentTokenizer, training, AugmentOptions.tang(0, 5), Quantization.NONE, pruneVocabulary, minRetention,
                new Thresholds(1e-4, 0.97, 0.02), 1, root.resolve("classes/" + name), root.resolve("work"),
                root.resolve("cache"), Map.of("student.architecture", "BAG_OF_EMBEDDINGS"), Map.of());
    }
}
