package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxGraphTest {

    @Test
    void uniqueNamesNeverCollideAndInitializersKeepTheirBaseName() {
        OnnxGraph graph = OnnxGraph.create("names").input("x", DataType.FLOAT, "batch", 2L);
        assertEquals("w", graph.floats("w", new float[] {1, 2}, 2));
        assertEquals("w_1", graph.floats("w", new float[] {3, 4}, 2));
        assertEquals("x_1", graph.uniqueName("x"));
        assertEquals("w_2", graph.node("Add").inputs("x", "w").output("w"));
        assertThrows(IllegalArgumentException.class, () -> graph.node("Add").inputs("x", "w").exactOutput("w_1"));
    }

    @Test
    void initializerWhoseDataDoesNotFillItsShapeIsNamed() {
        OnnxGraph graph = OnnxGraph.create("bad");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> graph.floats("table", new float[5], 2, 3));
        assertTrue(error.getMessage().contains("'table'") && error.getMessage().contains("[2, 3]"), error.getMessage());
    }

    /** A graph exercising int64/int32/int8 initializers, attributes and symbolic dims, run by ONNX Runtime. */
    @Test
    void builtGraphRunsInOnnxRuntime() {
        OnnxGraph graph = OnnxGraph.create("tiny")
                .input("input_ids", DataType.INT64, "batch", "sequence")
                .input("attention_mask", DataType.INT64, "batch", "sequence")
                .metadata("purpose", "test");
        OnnxOps ops = new OnnxOps(graph);
        // int8 table [4, 2] gathered by id, scaled by 0.5: row i = (i, -i) * 0.5
        String table = graph.int8s("table", new byte[] {0, 0, 1, -1, 2, -2, 3, -3}, 4, 2);
        String rows = ops.cast(graph.node("Gather").inputs(table, "input_ids").output("rows"), DataType.FLOAT, "rows_f");
        String scaled = ops.binary("Mul", rows, graph.scalar("half", 0.5f), "scaled");
        String summed = ops.reduceSum(scaled, false, "summed", 1);
        String lengths = ops.cast(ops.reduceSum(ops.cast("attention_mask", DataType.FLOAT, "m"), true, "len", 1),
                DataType.INT32, "len_i");
        String plusLength = ops.binary("Add", summed, ops.cast(lengths, DataType.FLOAT, "len_f"), "plus_len");
        String logits = graph.node("Identity").inputs(plusLength).exactOutput("logits");
        graph.output(logits, DataType.FLOAT, "batch", 2L);
        ModelProto model = graph.build();

        assertEquals(List.of(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17).build()),
                model.getOpsetImportList());
        assertEquals("test", model.getMetadataProps(0).getValue());
        try (Ort session = Ort.of(model)) {
            float[][] out = session.run2d(new long[][] {{1, 3}, {2, 2}}, new long[][] {{1, 1}, {1, 0}}, "logits");
            assertArrayEquals(new float[] {2 + 2, -2 + 2}, out[0]);
            assertArrayEquals(new float[] {2 + 1, -2 + 1}, out[1]);
        }
    }

    @Test
    void contribDomainIsImportedWhenUsed() {
        OnnxGraph graph = OnnxGraph.create("contrib").input("x", DataType.FLOAT, 2L, 2L);
        graph.node("FusedGemm").domain(OnnxGraph.MICROSOFT_DOMAIN).inputs("x", "x").output("y");
        Map<String, Long> opsets = new java.util.HashMap<>();
        graph.build().getOpsetImportList().forEach(o -> opsets.put(o.getDomain(), o.getVersion()));
        assertEquals(Map.of("", 17L, OnnxGraph.MICROSOFT_DOMAIN, 1L), opsets);
    }

    @Test
    void sortTopologicallyMovesAppendedProducersFirstAndNamesAMissingInput() {
        OnnxGraph graph = OnnxGraph.create("sort").input("x", DataType.FLOAT, 1L);
        String y = graph.node("Relu").inputs("x").output("y");
        graph.node("Neg").inputs("late").output("z");
        graph.node("Abs").inputs(y).exactOutput("late");
        graph.sortTopologically();
        assertEquals(List.of("Relu", "Abs", "Neg"), graph.nodes().stream().map(NodeProto::getOpType).toList());

        graph.node("Sqrt").inputs("nowhere").output("w");
        IllegalStateException error = assertThrows(IllegalStateException.class, graph::sortTopologically);
        assertTrue(error.getMessage().contains("Sqrt"), error.getMessage());
    }
}
