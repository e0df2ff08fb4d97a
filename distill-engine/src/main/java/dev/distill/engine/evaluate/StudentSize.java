package dev.distill.engine.evaluate;

import java.util.Optional;

/**
 * Compares the student's size with the teacher's. A student at least as large as its teacher is legal (a small
 * teacher, a big vocabulary) but defeats the purpose of distillation, so it is a warning, not an error.
 */
public final class StudentSize {

    private StudentSize() {
    }

    /**
     * The warning for a student with at least as many parameters as its teacher, or empty.
     *
     * @param studentParameters the trained student's weights
     * @param teacherParameters the teacher's weights, as {@link OnnxParameters#count} counts them
     */
    public static Optional<String> warning(long studentParameters, long teacherParameters) {
        if (studentParameters < teacherParameters) {
            return Optional.empty();
        }
        return Optional.of("the student has " + studentParameters + " parameters, the teacher only "
                + teacherParameters + ": the student is larger than the teacher, so distillation makes nothing"
                + " smaller; lower student.embeddingSize or student.hiddenSize, choose a smaller"
                + " student.architecture, or use the teacher itself");
    }
}
