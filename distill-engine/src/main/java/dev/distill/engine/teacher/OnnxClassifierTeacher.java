package dev.distill.engine.teacher;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.engine.signal.Signal;
import dev.distill.onnx.GraphOutputs;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.FloatTensor;
import dev.distill.contract.ClassifierGraph;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.OnnxTextModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A teacher that is an ONNX text classifier (output {@code logits} [batch, classes]), served by the
 * runtime's ONNX Runtime session and tokenizer: the same code path a student is served by.
 *
 * <p>It also gives the {@link Signal#POOLED pooled} sentence vector, the input of its classification
 * head: asked for the first time, it copies the model with that tensor made a graph output
 * ({@link GraphOutputs#withHeadInput}) into a temporary file and opens a second session on it, which
 * then serves the logits and the signal in one run. A build that reads only logits never does this.
 */
public final class OnnxClassifierTeacher implements Teacher {

    /** The max length used when neither the caller nor config.json gives one. */
    public static final int DEFAULT_MAX_LENGTH = 128;

    /** The graph output under which the head's input is exposed. */
    private static final String POOLED_OUTPUT = "distill_pooled";
    private static final Set<Signal> SIGNALS = Set.of(Signal.LOGITS, Signal.POOLED);

    private final OnnxTextModel model;
    private final List<String> labels;
    private final Path modelFile;
    private final Path tokenizerFile;
    private final int intraOpThreads;
    private final String fingerprint;
    /** The model with the pooled output, opened when first asked for; guarded by {@code this}. */
    private OnnxTextModel pooledModel;
    private Path pooledModelFile;
    /** Texts run through the model so far: what {@link #textsRun} reports. */
    private final AtomicLong textsRun = new AtomicLong();

    private OnnxClassifierTeacher(OnnxTextModel model, List<String> labels, Path modelFile, Path tokenizerFile,
            int intraOpThreads) {
        this.model = model;
        this.labels = List.copyOf(labels);
        this.modelFile = modelFile;
        this.tokenizerFile = tokenizerFile;
        this.intraOpThreads = intraOpThreads;
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
            return new OnnxClassifierTeacher(model, labels, modelFile, tokenizerFile, intraOpThreads);
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
        textsRun.addAndGet(texts.size());
        return model.forward(texts);
    }

    @Override
    public Set<Signal> signals() {
        return SIGNALS;
    }

    @Override
    public List<TeacherOutput> outputsWith(List<String> texts, Set<Signal> beyondLogits) {
        textsRun.addAndGet(texts.size());
        Map<String, FloatTensor> values = pooledModel().forward(texts,
                new LinkedHashSet<>(List.of(ClassifierGraph.LOGITS, POOLED_OUTPUT)));
        float[][] logits = values.get(ClassifierGraph.LOGITS).toMatrix();
        FloatTensor pooled = values.get(POOLED_OUTPUT);
        List<TeacherOutput> outputs = new ArrayList<>(logits.length);
        for (int i = 0; i < logits.length; i++) {
            outputs.add(new TeacherOutput(logits[i], Map.of(Signal.POOLED, pooled.row(i))));
        }
        return outputs;
    }

    private synchronized OnnxTextModel pooledModel() {
        if (pooledModel == null) {
            Path file = null;
            try {
                ModelProto exposed = GraphOutputs.withHeadInput(OnnxModels.read(modelFile), ClassifierGraph.LOGITS,
                        POOLED_OUTPUT);
                file = TemporaryModelFiles.write(exposed, "distill-teacher-pooled-");
                pooledModel = OnnxTextModel.load(file, tokenizerFile, ClassifierGraph.LOGITS, maxLength(),
                        intraOpThreads);
                pooledModelFile = file;
            } catch (IllegalArgumentException e) {
                TemporaryModelFiles.deleteQuietly(file);
                throw new IllegalArgumentException(modelFile + ": cannot give the teacher signal '" + Signal.POOLED
                        + "': " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a temporary copy of " + modelFile + ": " + e, e);
            } catch (RuntimeException e) {
                TemporaryModelFiles.deleteQuietly(file);
                throw e;
            }
        }
        return pooledModel;
    }

    /** How many texts this teacher has run through its model so far (for the log, and tests that count passes). */
    public long textsRun() {
        return textsRun.get();
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
    public synchronized void close() {
        model.close();
        if (pooledModel != null) {
            pooledModel.close();
            TemporaryModelFiles.deleteQuietly(pooledModelFile);
        }
    }
}
