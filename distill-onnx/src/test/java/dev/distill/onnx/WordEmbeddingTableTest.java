package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static dev.distill.onnx.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The word-embedding table of the real all-MiniLM-L6-v2 (int8) encoder, checked against ONNX Runtime. */
class WordEmbeddingTableTest {

    private static ModelProto encoder() throws IOException {
        try (InputStream in = WordEmbeddingTableTest.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
            return ModelProto.parseFrom(in);
        }
    }

    @Test
    void theInt8TableIsFoundByFollowingTheGraphAndDequantizedAsOnnxRuntimeDoes() throws IOException {
        ModelProto encoder = encoder();
        WordEmbeddingTable table = WordEmbeddingTable.find(encoder).orElseThrow("minilm");
        assertEquals(30522, table.vocabularySize());
        assertEquals(384, table.width());
        assertTrue(table.quantized());

        // Make the dequantized Gather output a graph output, and let ONNX Runtime compute the rows.
        NodeProto gather = encoder.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("Gather") && n.getInput(0).equals(table.initializer()))
                .findFirst().orElseThrow();
        NodeProto dequantize = encoder.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("DequantizeLinear") && n.getInput(0).equals(gather.getOutput(0)))
                .findFirst().orElseThrow();
        OnnxGraph graph = OnnxGraph.extend(encoder).clearOutputs();
        graph.output(dequantize.getOutput(0), DataType.FLOAT, "batch", "sequence", 384L);
        long[][] ids = {{101, 2023, 3185, 2003, 12476, 102}};
        try (Ort ort = Ort.of(graph.build())) {
            float[][][] rows = (float[][][]) ort.run(Map.of("input_ids", ids, "attention_mask",
                    new long[][] {{1, 1, 1, 1, 1, 1}}, "token_type_ids", new long[1][6]), dequantize.getOutput(0));
            for (int t = 0; t < ids[0].length; t++) {
                assertClose(rows[0][t], table.row((int) ids[0][t]), 1e-6, "token " + ids[0][t]);
            }
        }
    }

    @Test
    void aModelWithoutATableSaysWhatWasLookedFor() {
        OnnxGraph graph = OnnxGraph.create("no-table")
                .input("input_ids", DataType.INT64, "batch", "sequence");
        String cast = graph.node("Cast").inputs("input_ids").attrInt("to", DataType.FLOAT_VALUE).exactOutput("logits");
        graph.output(cast, DataType.FLOAT, "batch", "sequence");
        WordEmbeddingTable.Lookup lookup = WordEmbeddingTable.find(graph.build());
        assertFalse(lookup.table().isPresent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lookup.orElseThrow("teacher/model.onnx"));
        assertTrue(e.getMessage().contains("teacher/model.onnx has no word-embedding table"), e.getMessage());
        assertTrue(e.getMessage().contains("no Gather reads 'input_ids'"), e.getMessage());
    }

    @Test
    void aFloatTableBehindACastIsReadAsIs() {
        OnnxGraph graph = OnnxGraph.create("float-table").input("input_ids", DataType.INT64, "batch", "sequence");
        float[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        String weight = graph.floats("word.weight", values, 4, 3);
        String ids32 = graph.node("Cast").inputs("input_ids").attrInt("to", DataType.INT32_VALUE).output("ids32");
        String gathered = graph.node("Gather").inputs(weight, ids32).output("rows");
        graph.output(gathered, DataType.FLOAT, "batch", "sequence", 3L);
        WordEmbeddingTable table = WordEmbeddingTable.find(graph.build()).orElseThrow("float");
        assertEquals(4, table.vocabularySize());
        assertFalse(table.quantized());
        assertClose(new float[] {6, 7, 8}, table.row(2), 0, "row 2");
    }
}
