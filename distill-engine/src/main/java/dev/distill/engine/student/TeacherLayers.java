package dev.distill.engine.student;

import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.bert.BertLayout;
import dev.distill.onnx.bert.BertWeights;
import dev.distill.onnx.bert.UnrecognizedLayoutException;
import java.nio.file.Path;

/**
 * The teacher's encoder layers as {@link BertLayout} reads them from its ONNX model, for an architecture cut from the
 * teacher. Read on first use and kept: a student that does not copy the teacher never reads the model this way.
 */
public final class TeacherLayers {

    private final Path model;
    private BertWeights weights;

    private TeacherLayers(Path model) {
        this.model = model;
    }

    /**
     * @param model the teacher's classifier model (for a probe teacher, the fitted folder's encoder + head, so that
     *              the fitted head is read with the encoder)
     */
    public static TeacherLayers of(Path model) {
        return new TeacherLayers(model);
    }

    /** The teacher's model file, for messages. */
    public Path model() {
        return model;
    }

    /**
     * The teacher's weights, read on the first call.
     *
     * @param architecture the student that needs them, for the message
     * @throws UnrecognizedLayoutException when the teacher is not a BERT-family encoder BertLayout can follow: its
     *                                     message names what was not found and suggests BILSTM
     */
    public synchronized BertWeights weights(String architecture) {
        if (weights == null) {
            try {
                weights = BertLayout.read(OnnxModels.read(model), model.toString());
            } catch (UnrecognizedLayoutException e) {
                throw new IllegalArgumentException("student.architecture = " + architecture + " is cut from the"
                        + " teacher's layers, which must be read from its ONNX graph: " + e.getMessage(), e);
            }
        }
        return weights;
    }
}
