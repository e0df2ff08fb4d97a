package dev.distill.engine.teacher;

import dev.distill.contract.InputKind;

/**
 * The examples of one batch as a teacher reads them, before any encoding, of one {@link InputKind}:
 * {@link TextInputs} or {@link FeatureInputs}. A teacher asked for the outputs of examples of another kind than it reads
 * fails naming both ({@link TeacherModel#outputs(TeacherInputs, java.util.Set)}).
 */
public interface TeacherInputs {

    /** @return what the examples are */
    InputKind kind();

    /** @return the number of examples */
    int size();
}
