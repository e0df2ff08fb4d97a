package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.OnnxClassifierTeacher;
import dev.distill.onnx.OnnxModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The automatic hidden-state weight against real teachers: the MiniLM probe's classifier folder (its head is linear,
 * so it gives its sentence vector) and the same model with a softmax after its head (no linear head to read).
 */
class HiddenWeightChoiceTest {

    private static final TrainingConfig AUTOMATIC = TrainingConfig.builder().build();

    @Test
    void theDefaultIsAutomatic() {
        assertTrue(AUTOMATIC.hiddenWeightAutomatic(), "@Distill's hiddenWeight default is NaN: automatic");
        assertEquals(0, DistillationLoss.of(AUTOMATIC).terms().stream()
                .filter(t -> t instanceof SentenceVectorTerm).count(), "an unresolved automatic weight adds no term");
    }

    @Test
    void aTeacherWithALinearHeadTurnsTheTermOn() {
        try (OnnxClassifierTeacher teacher = OnnxClassifierTeacher.openFolder(EngineFixtures.probeFolder(), 0, 1)) {
            HiddenWeightChoice choice = HiddenWeightChoice.of(AUTOMATIC, teacher);
            assertEquals(HiddenWeightChoice.AUTOMATIC_WEIGHT, choice.training().hiddenWeight());
            assertTrue(choice.explanation().contains("gives its sentence vector")
                    && choice.explanation().contains("automatic"), choice.explanation());
            assertEquals(1, DistillationLoss.of(choice.training()).terms().stream()
                    .filter(t -> t instanceof SentenceVectorTerm).count());
        }
    }

    @Test
    void aTeacherWithoutALinearHeadTurnsItOffAndSaysWhy() throws IOException {
        Path folder = softmaxHeadFolder();
        try (OnnxClassifierTeacher teacher = OnnxClassifierTeacher.openFolder(folder, 0, 1)) {
            HiddenWeightChoice choice = HiddenWeightChoice.of(AUTOMATIC, teacher);
            assertEquals(0f, choice.training().hiddenWeight());
            assertTrue(choice.explanation().startsWith("off: the teacher cannot give its sentence vector")
                    && choice.explanation().contains("Softmax"), choice.explanation());
        }
    }

    @Test
    void aWeightTheDescriptorSetsIsKept() {
        try (OnnxClassifierTeacher teacher = OnnxClassifierTeacher.openFolder(EngineFixtures.probeFolder(), 0, 1)) {
            HiddenWeightChoice choice = HiddenWeightChoice.of(TrainingConfig.builder().hiddenWeight(0.5f).build(),
                    teacher);
            assertEquals(0.5f, choice.training().hiddenWeight());
            assertEquals("weight 0.5 (hiddenWeight = 0.5)", choice.explanation());
            assertEquals("off (hiddenWeight = 0.0)", HiddenWeightChoice.of(
                    TrainingConfig.builder().hiddenWeight(0f).build(), teacher).explanation());
        }
    }

    /** The probe's folder with {@code logits = Softmax(its head's output)}: a classifier whose head is not linear. */
    private static Path softmaxHeadFolder() throws IOException {
        Path probe = EngineFixtures.probeFolder();
        Path folder = EngineFixtures.targetDir("softmax-head-teacher");
        for (String file : new String[] {"tokenizer.json", "config.json"}) {
            Files.copy(probe.resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        ModelProto model = OnnxModels.read(probe.resolve("model.onnx"));
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (NodeProto.Builder node : graph.getNodeBuilderList()) {
            for (int i = 0; i < node.getOutputCount(); i++) {
                if (node.getOutput(i).equals(ClassifierGraph.LOGITS)) {
                    node.setOutput(i, "head_scores");
                }
            }
        }
        graph.addNode(NodeProto.newBuilder().setOpType("Softmax").setName("softmax_after_head")
                .addInput("head_scores").addOutput(ClassifierGraph.LOGITS));
        ValueInfoProto logits = graph.getOutputList().stream()
                .filter(o -> o.getName().equals(ClassifierGraph.LOGITS)).findFirst().orElseThrow();
        assertTrue(logits.hasType());
        OnnxModels.write(model.toBuilder().setGraph(graph).build(), folder.resolve("model.onnx"));
        return folder;
    }
}
