package dev.distill.engine.teacher;

import dev.distill.contract.ClassifierGraph;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.OnnxTextModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A teacher that is an ONNX text classifier (output {@code logits} [batch, classes]), served by the
 * runtime's ONNX Runtime session and tokenizer: the same code path a student is served by.
 */
public final class OnnxClassifierTeacher implements Teacher {

    /** The max length used when neither the caller nor config.json gives one. */
    public static final int DEFAULT_MAX_LENGTH = 128;

    private final OnnxTextModel model;
    private final List<String> labels;
    private final Path tokenizerFile;
    private final String fingerprint;

    private OnnxClassifierTeacher(OnnxTextModel model, List<String> labels, Path modelFile, Path tokenizerFile) {
        this.model = model;
        this.labels = List.copyOf(labels);
        this.tokenizerFile = tokenizerFile;
        this.fingerprint = new ContentHash().add("classifier").addFile(modelFile).addFile(tokenizerFile)
                .add(String.join("\n", labels)).add(model.encoder().maxLength()).hex();
    }

    /**
     * Opens a HuggingFace-layout classifier folder: {@code model.onnx}, {@code tokenizer.json} and
     * {@code config.json} (labels from {@code id2label}).
     *
     * @param maxLength tokens per text, special tokens included; 0 takes config.json's
     *     {@code max_length}, else {@value #DEFAULT_MAX_LENGTH}
     * @param intraOpThreads ONNX Runtime intra-op threads
     */
    public static OnnxClassifierTeacher openFolder(Path folder, int maxLength, int intraOpThreads) {
        ModelFolder classifier = ModelFolder.at(folder);
        ModelConfig config = classifier.readConfig();
        int length = maxLength > 0 ? maxLength : config.maxLength().orElse(DEFAULT_MAX_LENGTH);
        return open(classifier.model(), classifier.tokenizer(), config.labels(), length, intraOpThreads);
    }

    /**
     * Opens a classifier given as a model file, a tokenizer file and its labels.
     *
     * @param labels the labels in the order of the model's output columns
     * @param maxLength tokens per text, special tokens included
     */
    public static OnnxClassifierTeacher open(Path modelFile, Path tokenizerFile, List<String> labels, int maxLength,
            int intraOpThreads) {
        Objects.requireNonNull(labels, "labels");
        OnnxTextModel model = OnnxTextModel.load(modelFile, tokenizerFile, ClassifierGraph.LOGITS, maxLength,
                intraOpThreads);
        try {
            model.declaredOutputWidth().ifPresent(width -> {
                if (width != labels.size()) {
                    throw new IllegalArgumentException(modelFile + ": the 'logits' output has " + width
                            + " classes but there are " + labels.size() + " labels " + labels
                            + "; give one label per output column");
                }
            });
            return new OnnxClassifierTeacher(model, labels, modelFile, tokenizerFile);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[][] logits(List<String> texts) {
        return model.forward(texts);
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public Path tokenizerFile() {
        return tokenizerFile;
    }

    @Override
    public int maxLength() {
        return model.encoder().maxLength();
    }

    @Override
    public void close() {
        model.close();
    }
}
