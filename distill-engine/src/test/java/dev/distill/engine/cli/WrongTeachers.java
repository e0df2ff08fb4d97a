package dev.distill.engine.cli;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.OnnxOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real ONNX models that are wrong for a classifier teacher, each put in place of an {@link EngineProject}'s
 * {@code teacher/model.onnx}. The file is replaced, never written into: it may be a hard link to the shared probe.
 */
final class WrongTeachers {

    private WrongTeachers() {
    }

    /**
     * A tiny classifier: logits = (sum of the input ids) times a constant row, so every logit is {@code row[c]} scaled
     * by the text; declared as [batch, classes].
     *
     * @param row the constant row (NaN in it gives NaN logits); its length is the number of classes
     * @param outputName the output's name ({@code logits} for a classifier)
     */
    static void scaledRow(EngineProject project, float[] row, String outputName) throws IOException {
        OnnxGraph graph = inputIdsAndMask("tiny-teacher");
        OnnxOps ops = new OnnxOps(graph);
        String ids = ops.cast("input_ids", DataType.FLOAT, "ids");
        String sum = ops.reduceSum(ids, true, "id_sum", 1);
        String scale = graph.floats("row", row, 1, row.length);
        String logits = graph.node("Mul").inputs(sum, scale).exactOutput(outputName);
        graph.output(logits, DataType.FLOAT, "batch", (long) row.length);
        replace(project, graph);
    }

    /**
     * A model whose "logits" are the input ids as floats: as wide as the longest text of a batch, which no declared
     * shape can show before a run.
     */
    static void idsAsLogits(EngineProject project) throws IOException {
        OnnxGraph graph = inputIdsAndMask("ids-as-logits");
        String logits = graph.node("Cast").inputs("input_ids").attrInt("to", DataType.FLOAT_VALUE)
                .exactOutput("logits");
        graph.output(logits, DataType.FLOAT, "batch", "sequence");
        replace(project, graph);
    }

    /** The bare MiniLM sentence encoder (output last_hidden_state, no logits). */
    static void encoder(EngineProject project) throws IOException {
        Path model = model(project);
        Files.delete(model);
        Files.copy(EngineFixtures.encoder(), model);
    }

    private static OnnxGraph inputIdsAndMask(String name) {
        return OnnxGraph.create(name)
                .input("input_ids", DataType.INT64, "batch", "sequence")
                .input("attention_mask", DataType.INT64, "batch", "sequence");
    }

    private static void replace(EngineProject project, OnnxGraph graph) throws IOException {
        Path model = model(project);
        Files.delete(model);
        OnnxModels.write(graph.build(), model);
    }

    private static Path model(EngineProject project) {
        return project.root().resolve("teacher/model.onnx");
    }
}
