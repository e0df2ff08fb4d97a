package dev.distill.engine.train;

import dev.distill.engine.data.TokenizedExamples;
import dev.distill.onnx.student.StudentSizes;

/** Checks that examples fit a student before any training time is spent. */
final class ExampleChecks {

    private ExampleChecks() {}

    /** Checks token ids and labels, and the teacher logits when the loss reads them. */
    static void check(String what, TokenizedExamples examples, StudentSizes sizes, boolean needsTeacher) {
        if (examples == null || examples.size() == 0) {
            throw new IllegalArgumentException(what + " has no examples");
        }
        int vocabulary = sizes.vocabularySize();
        int classes = sizes.numClasses();
        for (int i = 0; i < examples.size(); i++) {
            for (int id : examples.tokenIds()[i]) {
                if (id < 0 || id >= vocabulary) {
                    throw new IllegalArgumentException(what + " row " + i + " has token id " + id
                            + ", outside the student's vocabulary of " + vocabulary
                            + "; the vocabulary size must be the teacher tokenizer's");
                }
            }
            if (examples.labels()[i] >= classes) {
                throw new IllegalArgumentException(what + " row " + i + " has label " + examples.labels()[i]
                        + " but the student has " + classes + " classes");
            }
        }
        if (!needsTeacher) {
            return;
        }
        checkTeacherLogits(what, examples, classes);
    }

    /** Dev data must have gold labels: early stopping compares accuracies. */
    static void checkDev(TokenizedExamples dev, StudentSizes sizes) {
        check("dev data", dev, sizes, false);
        if (dev.labeledCount() == 0) {
            throw new IllegalArgumentException("dev data has no labeled rows; early stopping needs gold labels");
        }
    }

    private static void checkTeacherLogits(String what, TokenizedExamples examples, int classes) {
        if (!examples.hasTeacherLogits()) {
            throw new IllegalArgumentException(what + " has no teacher logits but alpha > 0; run the teacher "
                    + "first or set alpha to 0 for training on gold labels only");
        }
        if (examples.numClasses() != classes) {
            throw new IllegalArgumentException(what + " has teacher logits for " + examples.numClasses()
                    + " classes but the student has " + classes);
        }
        for (int i = 0; i < examples.size(); i++) {
            for (float v : examples.teacherLogits()[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(what + " row " + i + " has a teacher logit of " + v
                            + "; the teacher's output must be finite");
                }
            }
        }
    }
}
