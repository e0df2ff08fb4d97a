package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentWeights;
import java.util.Map;
import java.util.Objects;

/**
 * The exporter of distill-onnx's student graphs ({@link StudentGraphs#fp32}): metadata {@code producer}
 * = {@value StudentGraphs#PRODUCER}, {@code version}, {@code architecture}, then the settings as given.
 */
public final class OnnxStudentExporter implements Exporter {

    @Override
    public ModelProto export(StudentGraphWriter student, StudentWeights weights, Map<String, String> settings) {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(settings, "settings");
        return StudentGraphs.fp32(student, weights, settings);
    }
}
