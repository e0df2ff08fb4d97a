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
    private final String unusable;
    private BertWeights weights;

    private TeacherLayers(Path model, String unusable) {
        this.model = model;
        this.unusable = unusable;
    }

    /**
     * @param model the teacher's classifier model (for a probe teacher, the fitted folder's encoder + head, so that
     *              the fitted head is read with the encoder)
     */
    public static TeacherLayers of(Path model) {
        return new TeacherLayers(model, null);
    }

    /**
     * A teacher whose layers the student may not copy, for a reason that holds whatever its graph is: a student
     * tokenizer with another vocabulary, whose token ids the teacher's embedding rows do not match.
     *
     * @param why the reason, a sentence that names the setting, for the message of {@link #weights}
     */
    public static TeacherLayers unusable(Path model, String why) {
        return new TeacherLayers(model, java.util.Objects.requireNonNull(why, "why"));
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
        if (unusable != null) {
            throw new IllegalArgumentException("student.architecture = " + architecture + " is cut from the teacher,"
                    + " and reads with the teacher's token ids, but " + unusable + ": leave"
                    + " student.tokenizer empty, or choose a student that is not cut from the teacher (BILSTM)");
        }
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
