package dev.distill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.annotations.Head;
import dev.distill.annotations.Quantization;
import dev.distill.engine.augment.AugmentOptions;
import dev.distill.engine.data.DataSpec;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.report.ModelRole;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.FixedEnsembleWeights;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.engine.train.LossTermValue;
import dev.distill.engine.train.TrainingConfig;
import dev.distill.runtime.TextClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A short whole build of a TRANSFORMER student cut from its teacher: the MiniLM encoder with a linear probe fitted
 * at build time labels an SST-2 slice, a one-layer student starts from the teacher's last layer, embeddings and
 * fitted head, trains an epoch, is exported, passes the parity and int8 checks and is served by the runtime.
 */
class TransformerDistillerTest {

    private static final int TRAIN_ROWS = 300;
    private static final int DEV_ROWS = 150;

    @Test
    void aOneLayerStudentCutFromTheProbeTeacherTrainsExportsAndSaysWhereItCameFrom() throws IOException {
        Path root = EngineFixtures.targetDir("transformer-distiller");
        Path train = slice(root, "sst2/train.tsv", TRAIN_ROWS);
        Path dev = slice(root, "sst2/dev.tsv", DEV_ROWS);
        // A student cut from its teacher keeps the teacher's function only with a small step: the architecture's
        // learning rate, which Plans gives a descriptor that leaves learningRate unset.
        TrainingConfig training = TrainingConfig.builder().epochs(1).batchSize(32).alpha(0.7f).temperature(2f)
                .learningRate(1e-4f).seed(3).patience(1).threads(1).build();
        List<String> log = new ArrayList<>();
        // The probe folder and the soft-target cache are kept in target/ between runs.
        boolean fitsTheProbe = !Files.isRegularFile(root.resolve("probe/config.json"));
        boolean coldCache = !Files.isDirectory(root.resolve("cache"));
        DistillationPlan plan = new DistillationPlan("cut",
                List.of(new TeacherSpec(EngineFixtures.encoder(), EngineFixtures.tokenizer(), Head.LINEAR_PROBE, 48, 1,
                        32, root.resolve("probe"), SoftmaxRegression.Options.defaults(1))),
                new FixedEnsembleWeights(new double[] {1}),
                DataSpec.of(train, "sentence", "label").withDev(dev),
                new StudentPlan(Architecture.TRANSFORMER, 128, 256, new int[] {3}, 1, 4, 48, Embeddings.AUTO), null,
                training, AugmentOptions.tang(0, 3), Quantization.INT8, false, 0.0, new Thresholds(1e-4, 0.97, 0.02),
                1, root.resolve("classes/cut"), root.resolve("work"), root.resolve("cache"),
                Map.of("student.architecture", "TRANSFORMER"), Map.of());
        DistillOutcome outcome = new Distiller(log::add).run(plan);
        if (fitsTheProbe) {
            // A build that fits the probe labels its training texts from the fit's embeddings, not a second pass.
            String reused = coldCache ? "[1-9][0-9,]*" : "[0-9,]+"; // a warm cache answers the texts before the teacher
            assertTrue(log.stream().anyMatch(line -> line.matches("distill: teacher labeling: " + reused + " texts from"
                    + " the probe's embeddings, [0-9,]+ through the encoder")), log.toString());
        }

        String cut = outcome.report().provenance().get(ProvenanceKeys.STUDENT_INITIAL_WEIGHTS);
        assertTrue(cut != null && cut.startsWith("cut from the teacher") && cut.contains("its layers 6 of 6")
                && cut.contains("the teacher's classifier"), "provenance: " + cut);
        // layerWeight and attentionWeight are unset (automatic): on for a student cut from the teacher, whose one layer
        // is compared with the teacher's last, run beside the training on the student's own token rows.
        String layerWeight = outcome.report().provenance().get(ProvenanceKeys.LAYER_WEIGHT);
        String attentionWeight = outcome.report().provenance().get(ProvenanceKeys.ATTENTION_WEIGHT);
        assertTrue(layerWeight.startsWith("weight 1.0") && layerWeight.contains("copied from (6)"), layerWeight);
        assertTrue(attentionWeight.startsWith("weight 1.0") && attentionWeight.contains("teacher layer 6"),
                attentionWeight);
        assertEquals(List.of("soft", "hidden", "layers", "attention", "hard"), outcome.report().epochs().get(0)
                .lossTerms().stream().map(LossTermValue::name).toList());
        String beside = outcome.report().provenance().get(ProvenanceKeys.TEACHER_BESIDE_TRAINING);
        assertTrue(beside != null && beside.matches("[0-9.]+ s in all, [0-9.]+ s per epoch .*"), "provenance: " + beside);
        assertTrue(log.stream().anyMatch(line -> line.equals("distill: the teacher ran beside the training for "
                + beside)), log.toString());
        log.stream().filter(line -> line.contains("the teacher ran beside")).forEach(System.out::println);
        String embeddings = outcome.report().provenance().get(ProvenanceKeys.STUDENT_EMBEDDINGS);
        assertTrue(embeddings.contains("unscaled") && !embeddings.contains("PCA"), embeddings);
        assertTrue(log.stream().anyMatch(line -> line.contains("student.embeddingSize, student.hiddenSize and"
                + " student.heads are not used")), log.toString());
        // Its linear layers ship int8 (weights only, activations float), not the fallback's float layers.
        assertTrue(log.stream().anyMatch(line -> line.startsWith("distill: INT8: int8 tensors")
                && line.contains("layer0.query.w_t") && line.contains("(DequantizeLinear->MatMul)")), log.toString());
        double parity = Double.parseDouble(outcome.report().provenance().get(ProvenanceKeys.PARITY_MAX_ABS_LOGIT_DIFF));
        assertTrue(parity <= 1e-4, "parity " + parity);
        // Its one layer is the teacher's last, under the teacher's own head: far better than chance after one epoch.
        double accuracy = outcome.report().model(ModelRole.STUDENT_INT8).accuracy();
        assertTrue(accuracy > 0.6, "int8 student dev accuracy " + accuracy);
        System.out.println("cut student: int8 dev accuracy " + accuracy + " (teacher "
                + outcome.report().model(ModelRole.TEACHER).accuracy() + "), parity " + parity);
        try (TextClassifier classifier = TextClassifier.load(outcome.outputFolder())) {
            // A probe takes its labels from the training data, in their order of first appearance.
            assertEquals(Set.of("0", "1"), Set.copyOf(classifier.labels()));
        }
    }

    private static Path slice(Path root, String file, int rows) throws IOException {
        Files.createDirectories(root);
        Path slice = root.resolve(Path.of(file).getFileName());
        List<String> lines = Files.readAllLines(EngineFixtures.testdata().resolve(file));
        Files.write(slice, lines.subList(0, rows + 1));
        return slice;
    }
}
