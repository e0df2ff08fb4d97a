package dev.distill.engine.data;

import java.util.List;

/**
 * What the student trains and is checked on.
 *
 * @param labels the class labels (class index = position)
 * @param train gold rows first (labels and teacher logits), then transfer rows and augmented copies
 *     (label -1, teacher logits)
 * @param dev the dev rows with gold labels and teacher logits
 * @param goldRows the number of labelled training rows at the start of {@code train}
 * @param transferRows the number of rows from the transfer file, after the gold rows
 * @param augmentedRows the number of augmented copies, at the end of {@code train}
 * @param teacherDevAccuracy the share of dev rows where the teacher's argmax is the gold label
 */
public record TransferSet(List<String> labels, TokenizedExamples train, TokenizedExamples dev, int goldRows,
        int transferRows, int augmentedRows, double teacherDevAccuracy) {
}
