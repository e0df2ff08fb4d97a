package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.engine.train.TrainedStudent;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentWeights;
import java.util.Map;

/** Turns a trained student into a float32 ONNX classifier ({@code input_ids}, {@code attention_mask} → {@code logits}). */
public interface Exporter {

    /**
     * Exports weights of the given student.
     *
     * @param student the student's architecture and sizes, which writes its graph
     * @param weights its parameters, in the exporter's layout
     * @param settings settings to record in the model's metadata (for example the training settings), beside
     *     the producer and version the exporter records itself
     * @return the float32 model
     * @throws IllegalArgumentException if the weights do not fit the student, or a setting uses a reserved key
     */
    ModelProto export(StudentGraphWriter student, StudentWeights weights, Map<String, String> settings);

    /**
     * Exports a trained student's current parameters.
     *
     * @param trained the student
     * @param settings settings to record in the model's metadata
     * @return the float32 model
     */
    default ModelProto export(TrainedStudent trained, Map<String, String> settings) {
        return export(trained.student().graph(), trained.exportWeights(), settings);
    }
}
