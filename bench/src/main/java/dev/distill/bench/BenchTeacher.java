package dev.distill.bench;

import java.nio.file.Path;

/**
 * The teacher every row of a run distills from, as the descriptor names it.
 *
 * @param name      what {@code --teachers} calls it: {@code reference} or {@code bge-probe}
 * @param model     a classifier folder (model.onnx, tokenizer.json, config.json) or a bare encoder's .onnx
 * @param tokenizer the tokenizer.json, or null for the one in the classifier folder
 * @param head      the descriptor's head: CLASSIFIER, or LINEAR_PROBE for a bare encoder
 * @param maxLength teacher tokens per text, 0 for the model's own
 * @param describe  what it is, for the results file
 */
record BenchTeacher(String name, Path model, Path tokenizer, String head, int maxLength, String describe) {

    /** A fine-tuned classifier folder, such as ../shared/teachers/sst2-minilm. */
    static BenchTeacher classifier(Path folder) {
        return new BenchTeacher("reference", folder, null, "CLASSIFIER", 0, "classifier folder " + folder.getFileName());
    }

    /**
     * A linear probe fitted at build time on a bare encoder: the smoke run's teacher, which needs no ../shared, and
     * the example's (bge-small), which {@code --teachers reference,bge-probe} adds to an ensemble.
     */
    static BenchTeacher probe(String name, Path encoder, Path tokenizer) {
        return new BenchTeacher(name, encoder, tokenizer, "LINEAR_PROBE", 64,
                "linear probe on " + encoder.getFileName() + " (fitted on the training rows)");
    }
}
