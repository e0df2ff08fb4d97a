package dev.distill.engine.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.distill.annotations.Architecture;
import dev.distill.engine.train.TorchRuntime;
import dev.distill.onnx.OnnxTensors;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Named first values for a student's tensors, as a transformer cut from its teacher will get them. */
class InitialWeightsTest {

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void theGivenTensorsAreExportedAsGivenAndTheOthersKeepTheirValues(Architecture architecture) {
        TorchRuntime.start(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StudentDesign<?> design = RandomNetworks.designOf(architecture);
            Student student = initialized(manager, design);
            StudentWeights before = student.exportWeights();
            // Every tensor but the embedding table and the output layer: what a teacher's encoder gives.
            StudentWeights given = random(design, name -> !name.equals("embedding") && !name.startsWith("out."));
            student.loadWeights(new InitialWeights(given, "test values"));
            StudentWeights after = student.exportWeights();
            after.tensors().forEach((name, tensor) -> {
                Tensor expected = given.tensors().getOrDefault(name, before.get(name));
                assertArrayEquals(expected.data(), tensor.data(), 0f, architecture + " " + name);
            });
        }
    }

    @Test
    void theTransformersOnnxGraphHoldsExactlyTheLoadedValues() {
        TorchRuntime.start(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StudentDesign<?> design = RandomNetworks.designOf(Architecture.TRANSFORMER);
            StudentWeights given = random(design, name -> !name.equals("embedding"));
            StudentDesign<?> seeded = design.withWeights(new InitialWeights(given, "test values"));
            Student student = initialized(manager, seeded);
            student.loadWeights(seeded.weights());
            ModelProto model = StudentGraphs.fp32(student.graph(), student.exportWeights(), Map.of());
            for (Tensor tensor : given.tensors().values()) {
                long[] shape = tensor.shape();
                // A linear weight [out, in] is stored transposed for MatMul (the head stays a Gemm on [out, in]).
                boolean transposed = shape.length == 2 && tensor.name().startsWith("layer");
                TensorProto stored = initializer(model, tensor.name() + (transposed ? "_t" : ""));
                float[] expected = transposed ? OnnxTensors.transpose(tensor.data(), (int) shape[0], (int) shape[1]) : tensor.data();
                assertArrayEquals(expected, OnnxTensors.toFloats(stored), 0f, tensor.name());
            }
        }
    }

    @Test
    void aTensorTheStudentLacksOrOfAnotherShapeIsNamed() {
        StudentDesign<?> design = RandomNetworks.designOf(Architecture.TRANSFORMER);
        StudentWeights wrong = StudentWeights.of(java.util.List.of(
                Tensor.of("layer0.query.w", new float[8 * 4], 8, 4),
                Tensor.of("layer7.query.w", new float[64], 8, 8)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> design.withWeights(new InitialWeights(wrong, "a mistaken map")));
        assertTrue(e.getMessage().contains("(a mistaken map)")
                && e.getMessage().contains("tensor 'layer0.query.w' has shape [8, 4], the student's is [8, 8]")
                && e.getMessage().contains("the student has no tensor 'layer7.query.w'")
                && e.getMessage().contains("layer1.output_norm.b"), e.getMessage());
    }

    @Test
    void weightsLoadOnlyIntoAnInitializedStudent() {
        StudentDesign<?> design = RandomNetworks.designOf(Architecture.TRANSFORMER);
        Student student = design.create(0f);
        StudentWeights none = new StudentWeights();
        assertThrows(IllegalStateException.class, () -> student.loadWeights(new InitialWeights(none, "nothing")));
        assertFalse(student.isInitialized());
    }

    private static Student initialized(NDManager manager, StudentDesign<?> design) {
        Student student = design.create(0f);
        student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        return student;
    }

    /** Random values for the design's tensors whose names pass {@code include}. */
    private static StudentWeights random(StudentDesign<?> design, java.util.function.Predicate<String> include) {
        SplittableRandom random = new SplittableRandom(5);
        StudentWeights weights = new StudentWeights();
        design.graph().tensorShapes().forEach((name, shape) -> {
            if (include.test(name)) {
                float[] values = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                weights.put(Tensor.of(name, values, shape));
            }
        });
        return weights;
    }

    private static TensorProto initializer(ModelProto model, String name) {
        return model.getGraph().getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the graph has no initializer " + name));
    }
}
