package dev.distill.engine.teacher;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.distill.annotations.Head;
import dev.distill.contract.ClassifierGraph;
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
        List<String> outputs = outputs(modelFile);
        if (outputs.contains(ClassifierGraph.LOGITS)) {
            return Head.CLASSIFIER;
        }
        if (outputs.contains(EncoderGraphs.LAST_HIDDEN_STATE)) {
            return Head.LINEAR_PROBE;
        }
        throw new IllegalArgumentException("Cannot tell what kind of teacher " + modelFile + " is: its outputs are "
                + outputs + ". A classifier needs an output named '" + ClassifierGraph.LOGITS
                + "' [batch, classes]; a sentence encoder for a linear probe needs '"
                + EncoderGraphs.LAST_HIDDEN_STATE + "' [batch, sequence, hidden]");
    }

    /**
     * The given head, or for AUTO the detected one.
     *
     * @throws IllegalArgumentException when the model cannot serve the head: for CLASSIFIER, it has no {@code logits}
     *     output (the message names the head that would work)
     */
    public static Head resolve(Head head, Path modelFile) {
        if (head == Head.AUTO) {
            return detect(modelFile);
        }
        if (head == Head.CLASSIFIER) {
            List<String> outputs = outputs(modelFile);
            if (!outputs.contains(ClassifierGraph.LOGITS)) {
                throw new IllegalArgumentException("teacher.head = CLASSIFIER, but " + modelFile + " has no '"
                        + ClassifierGraph.LOGITS + "' output (its outputs are " + outputs + ")"
                        + (outputs.contains(EncoderGraphs.LAST_HIDDEN_STATE)
                                ? ": it is a sentence encoder; set teacher.head = LINEAR_PROBE (or AUTO) to fit a"
                                        + " linear head on it, or use a fine-tuned classifier export"
                                : ": export the classifier with an output named 'logits' [batch, classes]"));
            }
        }
        return head;
    }

    private static List<String> outputs(Path modelFile) {
        return OnnxModels.read(modelFile).getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList();
    }
}
