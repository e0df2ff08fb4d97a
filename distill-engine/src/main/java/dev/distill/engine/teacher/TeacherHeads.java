package dev.distill.engine.teacher;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.distill.annotations.Head;
import dev.distill.onnx.EncoderGraphs;
import dev.distill.onnx.OnnxModels;
import java.nio.file.Path;
import java.util.List;

/** Tells from an ONNX model's outputs what kind of teacher it is. */
public final class TeacherHeads {

    private TeacherHeads() {
    }

    /**
     * The head of a model: {@link Head#CLASSIFIER} when it has a {@code logits} output,
     * {@link Head#LINEAR_PROBE} when it has {@code last_hidden_state} (and no logits).
     *
     * @throws IllegalArgumentException naming the file and listing its outputs when it has neither
     */
    public static Head detect(Path modelFile) {
        List<String> outputs = OnnxModels.read(modelFile).getGraph().getOutputList().stream()
                .map(ValueInfoProto::getName).toList();
        if (outputs.contains(EncoderGraphs.LOGITS)) {
            return Head.CLASSIFIER;
        }
        if (outputs.contains(EncoderGraphs.LAST_HIDDEN_STATE)) {
            return Head.LINEAR_PROBE;
        }
        throw new IllegalArgumentException("Cannot tell what kind of teacher " + modelFile + " is: its outputs are "
                + outputs + ". A classifier needs an output named '" + EncoderGraphs.LOGITS
                + "' [batch, classes]; a sentence encoder for a linear probe needs '"
                + EncoderGraphs.LAST_HIDDEN_STATE + "' [batch, sequence, hidden]");
    }

    /** The given head, or for AUTO the detected one. */
    public static Head resolve(Head head, Path modelFile) {
        return head == Head.AUTO ? detect(modelFile) : head;
    }
}
