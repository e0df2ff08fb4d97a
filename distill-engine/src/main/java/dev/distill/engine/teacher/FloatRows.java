package dev.distill.engine.teacher;

/** Examples that are rows of floats (preprocessed images, feature rows): what an {@link OnnxRowTeacher} reads. */
public interface FloatRows extends TeacherInputs {

    /** @return the examples, one row each */
    float[][] values();
}
