package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.StudentArchitectures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Global-norm clipping reaches PyTorch's gradients, gradients are zeroed, and nothing is left attached. */
class ParameterUpdateTest {

    private static final int[][] ROWS = {{1, 5, 9, 2}, {7, 3}, {4, 4, 8}};

    @Test
    void clipsTheGlobalNormZeroesTheGradientsAndLeaksNoArrays() {
        TorchRuntime.start(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Student student = StudentArchitectures.design(
                    new StudentPlan(Architecture.BAG_OF_EMBEDDINGS, 6, 5, new int[0], 0, 1, 8, Embeddings.RANDOM), 12, 2).create(0f);
            student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            List<float[]> before = values(student);
            backward(manager, student);
            float clip = 1e-3f;
            // plain SGD with learning rate 1: each weight moves by exactly minus its (clipped) gradient
            ParameterUpdate update = new ParameterUpdate(
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1f)).optWeightDecays(0f).build(), clip);
            int attached = manager.getManagedArrays().size();
            float norm = update.step(student, manager);
            assertEquals(attached, manager.getManagedArrays().size(), "arrays left on the parameters' manager");
            assertTrue(norm > clip, "the test needs a gradient norm above the clip, got " + norm);
            List<float[]> after = values(student);
            double moved = 0;
            for (int p = 0; p < before.size(); p++) {
                for (int i = 0; i < before.get(p).length; i++) {
                    moved += Math.pow(after.get(p)[i] - before.get(p)[i], 2);
                }
            }
            assertEquals(clip, Math.sqrt(moved), clip * 1e-3);
            for (Pair<String, Parameter> pair : student.getParameters()) {
                assertEquals(0f, pair.getValue().getArray().getGradient().abs().sum().getFloat(), pair.getKey());
            }
        }
    }

    private static void backward(NDManager manager, Student student) {
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = scope.getEngine().newGradientCollector()) {
            NDArray logits = student.forward(new ParameterStore(manager, false), TokenIdBatch.of(ROWS).toNDList(scope), true)
                    .head();
            collector.backward(logits.square().sum());
        }
    }

    private static List<float[]> values(Student student) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> pair : student.getParameters()) {
            values.add(pair.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
