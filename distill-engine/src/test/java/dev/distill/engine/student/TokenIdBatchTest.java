package dev.distill.engine.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.contract.InputTensor;
import dev.distill.engine.train.TorchRuntime;
import dev.distill.nativelib.OnnxRuntimeNatives;
import dev.distill.runtime.TensorBuffers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The text student's inputs: the DJL arrays are the padded ids and float mask every student has always
 * taken, and the ONNX tensors hold the same ids and mask, named as {@link InputKind#TEXT} names them.
 */
class TokenIdBatchTest {

    private static final int[][] ROWS = {{7, 8, 9}, {5}, {4, 3}};

    /** A PyTorch manager of its own for one test. */
    private static NDManager manager() {
        TorchRuntime.start(1);
        return NDManager.newBaseManager("PyTorch");
    }

    @Test
    void theNetworkGetsIdsPaddedToTheLongestRowAndAFloatMask() {
        try (NDManager manager = manager()) {
            NDList inputs = TokenIdBatch.of(ROWS).toNDList(manager);
            assertEquals(2, inputs.size());
            assertEquals(DataType.INT64, inputs.get(0).getDataType());
            assertEquals(DataType.FLOAT32, inputs.get(1).getDataType());
            assertEquals(new Shape(3, 3), inputs.get(0).getShape());
            assertArrayEquals(new long[] {7, 8, 9, 5, 0, 0, 4, 3, 0}, inputs.get(0).toLongArray());
            assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 1, 1, 0}, inputs.get(1).toFloatArray());
        }
    }

    @Test
    void aLongerPaddingAddsMaskedPositions() {
        TokenIdBatch batch = TokenIdBatch.padded(ROWS, 5);
        assertEquals(3, batch.size());
        assertEquals(5, batch.length());
        try (NDManager manager = manager()) {
            NDList inputs = batch.toNDList(manager);
            assertEquals(new Shape(3, 5), inputs.get(1).getShape());
            assertArrayEquals(new float[] {1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0},
                    inputs.get(1).toFloatArray());
            assertEquals(TokenIdBatch.PAD_ID, inputs.get(0).toLongArray()[4]);
        }
    }

    @Test
    void theOnnxGraphGetsTheSameIdsAndMaskUnderTheTextInputNames() throws Exception {
        OnnxRuntimeNatives.load();
        TokenIdBatch batch = TokenIdBatch.of(ROWS);
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try (NDManager manager = manager()) {
            NDList arrays = batch.toNDList(manager);
            Set<String> declared = Set.of(ClassifierGraph.INPUT_IDS, ClassifierGraph.ATTENTION_MASK);
            assertEquals(declared.size(), InputKind.TEXT.studentTensors().size());
            assertTrue(InputKind.TEXT.studentTensors().stream().map(InputTensor::name).allMatch(declared::contains),
                    "the student graphs' inputs");
            batch.addTensors(OrtEnvironment.getEnvironment(), declared, new TensorBuffers(), tensors);
            assertEquals(declared, tensors.keySet());
            for (OnnxTensor tensor : tensors.values()) {
                assertEquals(OnnxJavaType.INT64, tensor.getInfo().type);
                assertArrayEquals(new long[] {3, 3}, tensor.getInfo().getShape());
            }
            assertArrayEquals(arrays.get(0).toLongArray(), flat(tensors.get(ClassifierGraph.INPUT_IDS)));
            long[] mask = flat(tensors.get(ClassifierGraph.ATTENTION_MASK));
            float[] floatMask = arrays.get(1).toFloatArray();
            for (int i = 0; i < mask.length; i++) {
                assertEquals(floatMask[i], mask[i], "mask position " + i);
            }
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    @Test
    void givesOnlyTheInputsAGraphDeclaresAndNamesOneItCannotGive() throws Exception {
        OnnxRuntimeNatives.load();
        TokenIdBatch batch = TokenIdBatch.of(ROWS);
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            batch.addTensors(OrtEnvironment.getEnvironment(), Set.of(ClassifierGraph.INPUT_IDS), new TensorBuffers(),
                    tensors);
            assertEquals(Set.of(ClassifierGraph.INPUT_IDS), tensors.keySet());
            tensors.values().forEach(OnnxTensor::close);
            tensors.clear();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.addTensors(
                    OrtEnvironment.getEnvironment(), Set.of(ClassifierGraph.TOKEN_TYPE_IDS), new TensorBuffers(),
                    tensors));
            assertTrue(e.getMessage().contains("'" + ClassifierGraph.TOKEN_TYPE_IDS + "'"), e.getMessage());
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    @Test
    void rejectsAnEmptyBatchAnEmptyRowAndATooShortPadding() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenIdBatch.of(new int[0][]))
                .getMessage().contains("at least one row"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenIdBatch.of(new int[][] {{1}, {}}))
                .getMessage().contains("row 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenIdBatch.padded(ROWS, 2))
                .getMessage().contains("longest row (3)"));
    }

    private static long[] flat(OnnxTensor tensor) throws OrtException {
        return Arrays.stream((long[][]) tensor.getValue()).flatMapToLong(Arrays::stream).toArray();
    }
}
