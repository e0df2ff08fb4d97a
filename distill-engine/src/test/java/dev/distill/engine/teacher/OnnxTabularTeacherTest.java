package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Format;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.ModelLoadException;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.data.FeatureFileReader;
import dev.distill.runtime.data.FeatureTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tabular teacher of logits or of probabilities, fitted in the test on the covertype slice. */
class OnnxTabularTeacherTest {

    @Test
    void probabilitiesBecomeLogitsWhoseSoftmaxIsTheTeachersDistribution() throws IOException {
        Path root = EngineFixtures.targetDir("tabular-teachers");
        FeatureTable dev = new FeatureFileReader(List.of(), "label", false, "")
                .read(TabularTeachers.covertypeDev(), Format.AUTO);
        try (OnnxTabularTeacher logits = OnnxTabularTeacher.open(
                TabularTeachers.regression(root.resolve("logits"), ClassifierGraph.LOGITS), 1);
                OnnxTabularTeacher probabilities = OnnxTabularTeacher.open(
                        TabularTeachers.regression(root.resolve("probabilities"), ClassifierGraph.PROBABILITIES), 1)) {
            assertEquals(ClassifierGraph.PROBABILITIES, probabilities.outputName());
            assertEquals(InputKind.TABULAR, probabilities.inputKind());
            assertEquals(TabularTeachers.COVERTYPE_LABELS, probabilities.labels());
            probabilities.checkFeatures(dev.features());
            float[][] scores = logits.logits(dev.rows());
            float[][] fromProbabilities = probabilities.logits(dev.rows());
            for (int r = 0; r < dev.size(); r++) {
                float[] p = Prediction.softmax(scores[r]);
                float[] back = Prediction.softmax(fromProbabilities[r]);
                for (int c = 0; c < p.length; c++) {
                    // Exact but for the floor: a probability below it is raised to it.
                    assertEquals(Math.max(p[c], OnnxTabularTeacher.PROBABILITY_FLOOR), back[c], 2e-5, "row " + r);
                }
            }
            assertEquals(java.util.Arrays.toString(Logits.argmaxes(scores)),
                    java.util.Arrays.toString(Logits.argmaxes(fromProbabilities)));
        }
    }

    @Test
    void aZeroProbabilityIsFlooredNotMinusInfinity() {
        float[] logits = OnnxTabularTeacher.logOf(new float[] {0f, 1f});
        assertEquals((float) Math.log(OnnxTabularTeacher.PROBABILITY_FLOOR), logits[0]);
        assertEquals(0f, logits[1]);
    }

    @Test
    void aTeacherWithoutConfigOrOfTextInputsIsRefusedByName() throws IOException {
        Path root = EngineFixtures.targetDir("tabular-teachers-bad");
        Path folder = TabularTeachers.regression(root.resolve("no-config"), ClassifierGraph.LOGITS);
        Files.delete(folder.resolve(ModelFolder.CONFIG));
        String message = assertThrows(ModelLoadException.class, () -> OnnxTabularTeacher.open(folder, 1)).getMessage();
        assertTrue(message.contains("config.json") && message.contains("id2label"), message);

        String text = assertThrows(ModelLoadException.class, () -> OnnxTabularTeacher.open(EngineFixtures.encoder(), 1))
                .getMessage();
        assertTrue(text.contains("config.json") || text.contains("'input_ids'"), text);
    }

    /** An skl2onnx export with its default ZipMap: probabilities as a sequence of maps, refused with the fix. */
    @Test
    void aZipMapOutputIsRefusedWithTheExportOptionThatRemovesIt() throws IOException {
        dev.distill.onnx.OnnxGraph graph = dev.distill.onnx.OnnxGraph.create("zipmap");
        graph.input(ClassifierGraph.FEATURES, ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT, InputKind.BATCH, 3L);
        String p = graph.node("Softmax").inputs(ClassifierGraph.FEATURES).attrInt("axis", 1).output("p");
        graph.node("ZipMap").domain("ai.onnx.ml").inputs(p).attrInts("classlabels_int64s", 0, 1, 2)
                .exactOutput(ClassifierGraph.PROBABILITIES);
        graph.opset("ai.onnx.ml", 1);
        ai.onnx.proto.OnnxMl.TypeProto map = ai.onnx.proto.OnnxMl.TypeProto.newBuilder()
                .setMapType(ai.onnx.proto.OnnxMl.TypeProto.Map.newBuilder()
                        .setKeyType(ai.onnx.proto.OnnxMl.TensorProto.DataType.INT64_VALUE)
                        .setValueType(ai.onnx.proto.OnnxMl.TypeProto.newBuilder().setTensorType(
                                ai.onnx.proto.OnnxMl.TypeProto.Tensor.newBuilder()
                                        .setElemType(ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT_VALUE))))
                .build();
        ai.onnx.proto.OnnxMl.ModelProto.Builder model = graph.build().toBuilder();
        model.getGraphBuilder().addOutput(ai.onnx.proto.OnnxMl.ValueInfoProto.newBuilder()
                .setName(ClassifierGraph.PROBABILITIES)
                .setType(ai.onnx.proto.OnnxMl.TypeProto.newBuilder().setSequenceType(
                        ai.onnx.proto.OnnxMl.TypeProto.Sequence.newBuilder().setElemType(map))));
        Path folder = Files.createDirectories(EngineFixtures.targetDir("tabular-teachers-bad").resolve("zipmap"));
        dev.distill.onnx.OnnxModels.write(model.build(), folder.resolve(ModelFolder.MODEL));
        Files.writeString(folder.resolve(ModelFolder.CONFIG), ModelFolder.tabularConfigJson(List.of("x", "y", "z"),
                List.of("a", "b", "c"), "teacher", new com.google.gson.JsonObject()));
        String message = assertThrows(ModelLoadException.class, () -> OnnxTabularTeacher.open(folder, 1)).getMessage();
        assertTrue(message.contains("sequence of maps (an ONNX-ML ZipMap)") && message.contains("'zipmap': False"),
                message);
    }
}
