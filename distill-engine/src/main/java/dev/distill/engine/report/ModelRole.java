package dev.distill.engine.report;

import com.google.gson.annotations.SerializedName;

/**
 * What an evaluated model is. Its {@link #id()} is how report.json, report.html and config.json name it; the
 * serialized names keep report.json as it was when the roles were strings.
 */
public enum ModelRole {

    /** The teacher (for a fitted probe: the encoder with its linear head). */
    @SerializedName("teacher")
    TEACHER("teacher", "teacher"),

    /** The trained student exported to ONNX, before quantization. */
    @SerializedName("student-fp32")
    STUDENT_FP32("student-fp32", "fp32"),

    /** The int8 student, which ships unless quantization is NONE. */
    @SerializedName("student-int8")
    STUDENT_INT8("student-int8", "int8");

    private final String id;
    private final String precision;

    ModelRole(String id, String precision) {
        this.id = id;
        this.precision = precision;
    }

    /** The name in report.json, report.html and config.json, e.g. {@code student-int8}. */
    public String id() {
        return id;
    }

    /** How a sentence names a student by its weights, e.g. {@code int8} in "the int8 student". */
    public String precision() {
        return precision;
    }

    @Override
    public String toString() {
        return id;
    }
}
