package dev.distill.onnx.student;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.distill.onnx.DistillVersion;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link StudentGraphs} and {@link StudentWeights} check and record for any student, on {@link MeanEmbeddingGraph}. The
 * students' graphs against the specification are the engine's tests ({@code StudentArchitectureContract}).
 */
class StudentGraphsTest {

    @Test
    void wrongShapedTensorIsNamedWithExpectedAndActualShapes() {
        MeanEmbeddingGraph shape = MeanEmbeddingGraph.small();
        StudentWeights weights = RandomStudents.weights(shape, 9);
        weights.put(Tensor.of("out.w", new float[3 * 31], 3, 31));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StudentGraphs.fp32(shape, weights, Map.of()));
        assertTrue(error.getMessage().contains("'out.w' has shape [3, 31], expected [3, 32]"), error.getMessage());
    }

    @Test
    void missingAndUnexpectedTensorsAreNamed() {
        MeanEmbeddingGraph shape = MeanEmbeddingGraph.small();
        StudentWeights weights = new StudentWeights();
        RandomStudents.weights(shape, 9).tensors().values().stream()
                .filter(t -> !t.name().equals("out.b")).forEach(weights::put);
        weights.put(Tensor.of("conv4.b", new float[24], 24));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> weights.validate(shape));
        assertTrue(error.getMessage().contains("missing tensor 'out.b' of shape [3]")
                && error.getMessage().contains("unexpected tensor 'conv4.b'"), error.getMessage());
    }

    @Test
    void tensorWhoseDataDoesNotFillItsShapeIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of("fc1.w", new float[10], 3, 4));
        assertTrue(error.getMessage().contains("'fc1.w'") && error.getMessage().contains("12"), error.getMessage());
    }

    @Test
    void metadataRecordsProducerVersionArchitectureAndSettings() {
        MeanEmbeddingGraph shape = MeanEmbeddingGraph.small();
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
