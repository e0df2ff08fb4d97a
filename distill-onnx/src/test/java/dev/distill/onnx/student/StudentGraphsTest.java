package dev.distill.onnx.student;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.distill.annotations.Architecture;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.DistillVersion;
import dev.distill.onnx.Ort;
import dev.distill.onnx.student.bag.BagOfEmbeddingsGraph;
import dev.distill.onnx.student.bilstm.BiLstmGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.distill.onnx.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fp32 student graphs, run by ONNX Runtime, against the plain-Java reference of the specification. */
class StudentGraphsTest {

    /** Includes length 1 and lengths below, at and above every kernel size. */
    private static final int[] LENGTHS = {1, 2, 3, 4, 5, 6, 9, 17, 1, 23};

    @ParameterizedTest
    @MethodSource("dev.distill.onnx.student.RandomStudents#textArchitectures")
    void logitsMatchTheReferenceForwardPass(Architecture architecture) {
        StudentGraphWriter shape = RandomStudents.smallShape(architecture);
        StudentWeights weights = RandomStudents.weights(shape, 1);
        long[][][] batch = RandomStudents.batch(LENGTHS, 23, 2);
        try (Ort session = Ort.of(StudentGraphs.fp32(shape, weights, Map.of()))) {
            float[][] logits = session.run2d(batch[0], batch[1], ClassifierGraph.LOGITS);
            assertEquals(3, logits[0].length);
            assertClose(new StudentReference(shape, weights).logits(batch[0], batch[1]), logits, 1e-4,
                    architecture + " vs reference");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.distill.onnx.student.RandomStudents#textArchitectures")
    void paddingDoesNotChangeTheLogits(Architecture architecture) {
        StudentGraphWriter shape = RandomStudents.smallShape(architecture);
        long[][][] tight = RandomStudents.batch(LENGTHS, 23, 3);
        long[][][] padded = RandomStudents.batch(LENGTHS, 30, 4);
        for (int row = 0; row < LENGTHS.length; row++) {
            // Same real tokens, different (random) ids in the 7 extra padded positions.
            System.arraycopy(tight[0][row], 0, padded[0][row], 0, LENGTHS[row]);
        }
        try (Ort session = Ort.of(StudentGraphs.fp32(shape, RandomStudents.weights(shape, 5), Map.of()))) {
            assertClose(session.run2d(tight[0], tight[1], ClassifierGraph.LOGITS),
                    session.run2d(padded[0], padded[1], ClassifierGraph.LOGITS), 1e-5, architecture + " padded by 7");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.distill.onnx.student.RandomStudents#textArchitectures")
    void batchOfOneGivesTheSameAnswersAsABatchOf64(Architecture architecture) {
        StudentGraphWriter shape = RandomStudents.smallShape(architecture);
        int[] lengths = RandomStudents.lengths(64, 20, 6);
        long[][][] batch = RandomStudents.batch(lengths, 20, 7);
        try (Ort session = Ort.of(StudentGraphs.fp32(shape, RandomStudents.weights(shape, 8), Map.of()))) {
            float[][] together = session.run2d(batch[0], batch[1], ClassifierGraph.LOGITS);
            for (int row = 0; row < lengths.length; row++) {
                long[][] ids = {Arrays.copyOf(batch[0][row], lengths[row])};
                long[][] mask = {Arrays.copyOf(batch[1][row], lengths[row])};
                assertClose(together[row], session.run2d(ids, mask, ClassifierGraph.LOGITS)[0], 1e-5,
                        architecture + " row " + row + " alone");
            }
        }
    }

    @Test
    void wrongShapedTensorIsNamedWithExpectedAndActualShapes() {
        StudentGraphWriter shape = RandomStudents.smallShape(Architecture.BILSTM);
        StudentWeights weights = RandomStudents.weights(shape, 9);
        weights.put(Tensor.of("lstm.bwd.w_hh", new float[96 * 23], 96, 23));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StudentGraphs.fp32(shape, weights, Map.of()));
        assertTrue(error.getMessage().contains("'lstm.bwd.w_hh' has shape [96, 23], expected [96, 24]"),
                error.getMessage());
    }

    @Test
    void missingAndUnexpectedTensorsAreNamed() {
        StudentGraphWriter shape = RandomStudents.smallShape(Architecture.CNN);
        StudentWeights weights = new StudentWeights();
        RandomStudents.weights(shape, 9).tensors().values().stream()
                .filter(t -> !t.name().equals("conv3.b")).forEach(weights::put);
        weights.put(Tensor.of("conv4.b", new float[24], 24));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> weights.validate(shape));
        assertTrue(error.getMessage().contains("missing tensor 'conv3.b' of shape [24]")
                && error.getMessage().contains("unexpected tensor 'conv4.b'"), error.getMessage());
    }

    @Test
    void aHiddenSizeThatIsNotPositiveIsNamed() {
        StudentSizes sizes = new StudentSizes(23, 8, 3);
        for (Executable graph : new Executable[] {() -> new BagOfEmbeddingsGraph(sizes, 0),
                () -> new BiLstmGraph(sizes, -2)}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, graph);
            assertTrue(error.getMessage().startsWith("hiddenSize must be positive, was "), error.getMessage());
        }
    }

    @Test
    void tensorWhoseDataDoesNotFillItsShapeIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of("fc1.w", new float[10], 3, 4));
        assertTrue(error.getMessage().contains("'fc1.w'") && error.getMessage().contains("12"), error.getMessage());
    }

    @Test
    void metadataRecordsProducerVersionArchitectureAndSettings() {
        StudentGraphWriter shape = RandomStudents.smallShape(Architecture.BAG_OF_EMBEDDINGS);
        ModelProto model = StudentGraphs.fp32(shape, RandomStudents.weights(shape, 10), Map.of("temperature", "2.0"));
        Map<String, String> metadata = model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertEquals("distill", metadata.get("producer"));
        assertEquals(DistillVersion.get(), metadata.get("version"));
        assertTrue(DistillVersion.get().matches("\\d+\\.\\d+.*"), DistillVersion.get());
        assertEquals("BAG_OF_EMBEDDINGS", metadata.get("architecture"));
        assertEquals("2.0", metadata.get("temperature"));
    }
}
