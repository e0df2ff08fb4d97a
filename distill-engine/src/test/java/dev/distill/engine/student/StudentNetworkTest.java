package dev.distill.engine.student;

import static dev.distill.engine.student.RandomNetworks.ROWS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.distill.annotations.Architecture;
import dev.distill.engine.train.TorchRuntime;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each student on the real PyTorch engine: shapes, padding invariance and export; its math against the specification
 * is each architecture's {@link StudentArchitectureContract}.
 */
class StudentNetworkTest {

    private static NDManager manager;

    @BeforeAll
    static void startEngine() {
        TorchRuntime.start(1);
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    private static Student randomStudent(Architecture architecture) {
        return RandomNetworks.create(manager, architecture);
    }

    private static float[][] logits(Student student, NDList inputs) {
        return RandomNetworks.logits(manager, student, inputs);
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void returnsOneRowOfClassLogitsPerText(Architecture architecture) {
        Student student = randomStudent(architecture);
        NDArray out = student.forward(new ParameterStore(manager, false), TokenIdBatch.of(ROWS).toNDList(manager), false).head();
        assertEquals(new Shape(ROWS.length, 3), out.getShape());
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void paddingNeverChangesTheLogits(Architecture architecture) {
        Student student = randomStudent(architecture);
        float[][] tight = logits(student, TokenIdBatch.of(ROWS).toNDList(manager));
        float[][] loose = logits(student, TokenIdBatch.padded(ROWS, 21).toNDList(manager));
        for (int b = 0; b < ROWS.length; b++) {
            float[][] alone = logits(student, TokenIdBatch.of(new int[][] {ROWS[b]}).toNDList(manager));
            assertArrayEquals(tight[b], loose[b], 1e-5f, "row " + b + " padded to 9 vs 21");
            assertArrayEquals(tight[b], alone[0], 1e-5f, "row " + b + " in a batch vs alone");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void exportsTheSpecsTensorNamesAndShapesInOrder(Architecture architecture) {
        StudentGraphWriter shape = RandomNetworks.designOf(architecture).graph();
        StudentWeights weights = randomStudent(architecture).exportWeights();
        Map<String, long[]> expected = shape.tensorShapes();
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(weights.tensors().keySet()));
        for (Tensor tensor : weights.tensors().values()) {
            assertArrayEquals(expected.get(tensor.name()), tensor.shape(), tensor.name());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void dropoutActsInTrainingPassesOnly(Architecture architecture) {
        Student student = randomStudent(architecture);
        NDList inputs = TokenIdBatch.of(ROWS).toNDList(manager);
        ParameterStore store = new ParameterStore(manager, false);
        float[] eval1 = student.forward(store, inputs, false).head().toFloatArray();
        float[] eval2 = student.forward(store, inputs, false).head().toFloatArray();
        float[] train = student.forward(store, inputs, true).head().toFloatArray();
        assertArrayEquals(eval1, eval2);
        assertThrows(AssertionError.class, () -> assertArrayEquals(eval1, train, 1e-6f));
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void refusesToExportBeforeInitialization(Architecture architecture) {
        Student student = RandomNetworks.designOf(architecture).create(0f);
        assertThrows(IllegalStateException.class, student::exportWeights);
    }
}
