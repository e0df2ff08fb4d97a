package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.distill.annotations.Architecture;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentDesign;
import dev.distill.onnx.student.StudentWeights;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gradient accumulation and temperature annealing, trained for real: accumulating every batch of an epoch makes a
 * single optimizer step (AdamW's first step moves each weight by at most the learning rate), and a temperature that
 * moves changes what the student learns.
 */
class TrainingScheduleTest {

    private static final float LEARNING_RATE = 1e-3f;
    private static final long SEED = 3;

    private static TrainingConfig.Builder config() {
        return TrainingConfig.builder().epochs(1).batchSize(16).learningRate(LEARNING_RATE).weightDecay(0f)
                .warmupFraction(0f).temperature(2f).alpha(0.7f).seed(SEED).patience(0).threads(1)
                .progressIntervalSeconds(60);
    }

    private static StudentWeights trained(TrainingConfig config, TokenizedExamples train) {
        try (TrainedStudent student = new DistillationTrainer(config, line -> { })
                .train(Sst2Fixture.design(Architecture.BAG_OF_EMBEDDINGS), train, null)) {
            return student.exportWeights();
        }
    }

    /** The weights the trainer starts from: the same engine seed, design and initialization as the trainer's. */
    private static StudentWeights initial() {
        Engine engine = TorchRuntime.start(1);
        engine.setRandomSeed((int) SEED);
        try (NDManager manager = NDManager.newBaseManager(engine.getEngineName())) {
            StudentDesign<?> design = Sst2Fixture.design(Architecture.BAG_OF_EMBEDDINGS);
            Student student = design.create(0.1f);
            student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            return student.exportWeights();
        }
    }

    private static double largestChange(StudentWeights before, StudentWeights after) {
        double largest = 0;
        for (Map.Entry<String, dev.distill.onnx.student.Tensor> tensor : before.tensors().entrySet()) {
            float[] a = tensor.getValue().data();
            float[] b = after.get(tensor.getKey()).data();
            for (int i = 0; i < a.length; i++) {
                largest = Math.max(largest, Math.abs(a[i] - b[i]));
            }
        }
        return largest;
    }

    @Test
    void accumulatingAWholeEpochMakesOneOptimizerStep() {
        TokenizedExamples train = Sst2Fixture.trainHead(320); // 20 batches of 16
        StudentWeights start = initial();
        double perBatch = largestChange(start, trained(config().accumulationSteps(1).build(), train));
        double oneStep = largestChange(start, trained(config().accumulationSteps(20).build(), train));
        assertTrue(oneStep <= LEARNING_RATE * 1.01, "one AdamW step moved a weight by " + oneStep);
        assertTrue(oneStep >= LEARNING_RATE * 0.5, "the single step did not move the weights: " + oneStep);
        assertTrue(perBatch > 3 * LEARNING_RATE, "20 steps moved the weights by only " + perBatch);
    }

    @Test
    void anAnnealedTemperatureChangesTrainingAndAConstantOneRepeatsIt() {
        TokenizedExamples train = Sst2Fixture.trainHead(320);
        StudentWeights constant = trained(config().build(), train);
        StudentWeights again = trained(config().finalTemperature(2f).build(), train);
        StudentWeights annealed = trained(config().finalTemperature(0.5f).build(), train);
        float[] embedding = constant.get("out.w").data();
        assertArrayEquals(embedding, again.get("out.w").data(), 0f, "the same schedule must repeat exactly");
        assertFalse(Arrays.equals(embedding, annealed.get("out.w").data()), "annealing changed nothing");
    }
}
