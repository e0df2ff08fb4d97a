package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.SoftLoss;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.data.TransferSet;
import dev.distill.onnx.student.StudentWeights;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real distillations on the SST-2 slice with DJL's PyTorch engine on the CPU. */
class DistillationTrainerTest {

    private static TrainingConfig.Builder base() {
        return TrainingConfig.builder().epochs(3).batchSize(32).learningRate(2e-3f).weightDecay(0.01f)
                .warmupFraction(0.1f).gradientClip(1f).temperature(2f).alpha(0.5f).dropout(0.1f).seed(7)
                .patience(2).threads(1).progressIntervalSeconds(2);
    }

    private static void distillsWellAboveTheMajorityClass(Architecture architecture) {
        TransferSet data = Sst2Fixture.transferSet();
        List<String> lines = new ArrayList<>();
        try (TrainedStudent trained = new DistillationTrainer(base().build(), lines::add)
                .train(Sst2Fixture.design(architecture), data.train(), data.dev())) {
            TrainingHistory history = trained.history();
            double accuracy = trained.accuracy(data.dev());
            double majority = Sst2Fixture.majorityAccuracy();
            System.out.printf("%s distilled: dev accuracy %.4f (majority %.4f, teacher %.4f); %s%n", architecture,
                    accuracy, majority, data.teacherDevAccuracy(), history.epochs());
            assertTrue(accuracy >= majority + 0.10, "dev accuracy " + accuracy + " vs majority " + majority);
            assertEquals(history.best().devAccuracy(), accuracy, 1e-12,
                    "the student does not hold the best epoch's parameters");
            assertTrue(history.epochs().get(history.epochs().size() - 1).trainLoss()
                    < history.epochs().get(0).trainLoss(), "the training loss did not fall");
            // The meter prints at most every 2 s, and always after the last step: an epoch can finish in under 2 s.
            assertTrue(lines.stream().anyMatch(l -> l.matches("epoch 3/3 step (\\d+)/\\1 loss .* texts/s ETA 0:00")),
                    "no final progress line in " + lines);
            StudentWeights weights = trained.exportWeights();
            weights.validate(Sst2Fixture.design(architecture).graph());
        }
    }

    @Test
    void distilledBiLstmBeatsTheMajorityClassByAWideMargin() {
        distillsWellAboveTheMajorityClass(Architecture.BILSTM);
    }

    @Test
    void distilledCnnBeatsTheMajorityClassByAWideMargin() {
        distillsWellAboveTheMajorityClass(Architecture.CNN);
    }

    @Test
    void theHardLabelBaselineTrainsWithoutTeacherLogits() {
        TransferSet data = Sst2Fixture.transferSet();
        TokenizedExamples train = data.train();
        TokenizedExamples goldOnly = new TokenizedExamples(train.tokenIds(), train.labels(), null);
        TrainingConfig config = base().alpha(0f).epochs(2).build();
        try (TrainedStudent trained = new DistillationTrainer(config, line -> { })
                .train(Sst2Fixture.design(Architecture.BAG_OF_EMBEDDINGS), goldOnly, data.dev())) {
            double accuracy = trained.accuracy(data.dev());
            System.out.printf("BAG_OF_EMBEDDINGS on gold labels only: dev accuracy %.4f; %s%n", accuracy,
                    trained.history().epochs());
            assertTrue(accuracy >= Sst2Fixture.majorityAccuracy() + 0.05, "dev accuracy " + accuracy);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DistillationTrainer(base().build(), line -> { })
                        .train(Sst2Fixture.design(Architecture.BAG_OF_EMBEDDINGS), goldOnly, data.dev()));
        assertTrue(e.getMessage().startsWith("training data has no teacher logits but alpha > 0"), e.getMessage());
    }

    @Test
    void theSameSeedGivesBitwiseIdenticalParameters() {
        TokenizedExamples slice = Sst2Fixture.trainHead(320);
        TrainingConfig config = base().epochs(1).dropout(0.3f).build();
        StudentWeights first;
        StudentWeights second;
        StudentWeights otherSeed;
        try (TrainedStudent a = new DistillationTrainer(config, line -> { })
                .train(Sst2Fixture.design(Architecture.BILSTM), slice, null)) {
            first = a.exportWeights();
        }
        try (TrainedStudent b = new DistillationTrainer(config, line -> { })
                .train(Sst2Fixture.design(Architecture.BILSTM), slice, null)) {
            second = b.exportWeights();
        }
        try (TrainedStudent c = new DistillationTrainer(config.toBuilder().seed(8).build(), line -> { })
                .train(Sst2Fixture.design(Architecture.BILSTM), slice, null)) {
            otherSeed = c.exportWeights();
        }
        assertEquals(first.tensors(), second.tensors());
        assertFalse(first.tensors().equals(otherSeed.tensors()), "another seed gave the same parameters");
    }

    @Test
    void aDivergingLossStopsWithTheEpochAndStep() {
        TrainingConfig config = base().learningRate(1e30f).gradientClip(0f).warmupFraction(0f).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new DistillationTrainer(config, line -> { })
                        .train(Sst2Fixture.design(Architecture.BAG_OF_EMBEDDINGS), Sst2Fixture.trainHead(640), null));
        assertTrue(e.getMessage().matches("training diverged: the (loss|gradient norm) is (NaN|Infinity) at epoch 1, "
                + "step \\d+ .*smaller learningRate.*"), e.getMessage());
    }

    @Test
    void oneBatchWithAnInfiniteLossIsSkippedAndTrainingGoesOn() {
        // A teacher logit of 1e30 is finite, so it passes the input checks, but its squared error overflows
        // float32: the one batch holding that row has an infinite MSE loss.
        TokenizedExamples slice = Sst2Fixture.trainHead(320);
        float[][] logits = slice.teacherLogits().clone();
        logits[5] = new float[] {1e30f, 0f};
        TokenizedExamples poisoned = new TokenizedExamples(slice.tokenIds(), slice.labels(), logits);
        TrainingConfig config = base().epochs(1).patience(0).softLoss(SoftLoss.MSE).build();
        List<String> lines = new ArrayList<>();
        try (TrainedStudent trained = new DistillationTrainer(config, lines::add)
                .train(Sst2Fixture.design(Architecture.BAG_OF_EMBEDDINGS), poisoned, null)) {
            assertEquals(1, lines.stream().filter(l -> l.matches(
                    "skipped step \\d+ of epoch 1: the loss is Infinity \\(the parameters are unchanged\\)")).count(),
                    String.valueOf(lines));
            assertTrue(lines.contains("skipped 1 of 10 steps whose loss or gradients were not finite"),
                    String.valueOf(lines));
            assertTrue(Double.isFinite(trained.history().best().trainLoss()), "the epoch's mean loss is not finite");
            trained.exportWeights().tensors().forEach((name, tensor) -> {
                for (float w : tensor.data()) {
                    assertTrue(Float.isFinite(w), name + " holds a weight of " + w);
                }
            });
        }
    }

    @Test
    void nanTeacherLogitsAreRejectedNamingTheRow() {
        TokenizedExamples slice = Sst2Fixture.trainHead(64);
        float[][] logits = slice.teacherLogits().clone();
        logits[17] = new float[] {Float.NaN, 0f};
        TokenizedExamples poisoned = new TokenizedExamples(slice.tokenIds(), slice.labels(), logits);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DistillationTrainer(base().build(), line -> { })
                        .train(Sst2Fixture.design(Architecture.CNN), poisoned, null));
        assertEquals("training data row 17 has a teacher logit of NaN; the teacher's output must be finite",
                e.getMessage());
    }

    @Test
    void askingForAGpuOnAMachineWithoutOneExplainsTheFix() {
        TrainingConfig config = base().device(TrainingDevice.GPU).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DistillationTrainer(config, line -> { })
                        .train(Sst2Fixture.design(Architecture.CNN), Sst2Fixture.trainHead(64), null));
        assertTrue(e.getMessage().contains("sees no GPU"), e.getMessage());
        assertTrue(e.getMessage().contains("pytorch-native-cu124") && e.getMessage().contains("docs/gpu.md"),
                e.getMessage());
        Engine engine = TorchRuntime.start(1);
        assertEquals(0, engine.getGpuCount());
        assertEquals(Device.cpu(), TorchRuntime.resolve(TrainingDevice.AUTO, engine), "AUTO without a GPU");
    }
}
