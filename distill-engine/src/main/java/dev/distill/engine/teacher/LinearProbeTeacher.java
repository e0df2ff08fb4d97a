package dev.distill.engine.teacher;

import dev.distill.engine.io.AtomicFolder;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.gson.JsonObject;
import dev.distill.engine.io.AtomicFolder;
import dev.distill.engine.signal.Signal;
import dev.distill.onnx.EncoderGraphs;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.FloatTensor;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.OnnxTextModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A teacher made from a sentence encoder without a classification head (an ONNX model whose output
 * is {@code last_hidden_state}): the encoder stays frozen, its masked-mean-pooled embeddings feed a
 * softmax regression fitted on the labelled training texts. Such encoders ship in Maven Central jars
 * (e.g. langchain4j's all-minilm-l6-v2-q and bge-small-en-v15-q).
 *
 * <p>{@link #writeClassifierFolder} turns the probe into a real classifier folder (the head folded
 * into the ONNX graph), which {@link OnnxClassifierTeacher} and the runtime's TextClassifier serve.
 */
public final class LinearProbeTeacher implements Teacher {

    private static final Set<Signal> SIGNALS = Set.of(Signal.LOGITS, Signal.POOLED);

    /** The key in config.json under which the probe records how it was made. */
    public static final String CONFIG_SECTION = "linear_probe";

    /**
     * How the probe is fitted.
     *
     * @param maxLength tokens per text, special tokens included
     * @param intraOpThreads ONNX Runtime intra-op threads
     * @param batchSize texts per encoder call
     * @param regression the softmax regression's settings
     */
    public record Settings(int maxLength, int intraOpThreads, int batchSize, SoftmaxRegression.Options regression) {

        /** Checks the ranges. */
        public Settings {
            Objects.requireNonNull(regression, "regression");
            if (maxLength < 2 || intraOpThreads < 1 || batchSize < 1) {
                throw new IllegalArgumentException("probe maxLength must be >= 2, threads and batch size >= 1; got "
                        + maxLength + ", " + intraOpThreads + ", " + batchSize);
            }
        }
    }

    private final Path encoderFile;
    private final Path tokenizerFile;
    private final Path pooledFile;
    private final OnnxTextModel embedder;
    private final List<String> labels;
    private final LinearHead head;
    private final Settings settings;
    private final double trainAccuracy;
    private final int trainRows;
    /** The embeddings the fit computed, by training text: see {@link #trainingEmbeddings}. */
    private final Map<String, float[]> trainingEmbeddings;
    private final String fingerprint;

    private LinearProbeTeacher(Path encoderFile, Path tokenizerFile, Path pooledFile, OnnxTextModel embedder,
            List<String> labels, LinearHead head, Settings settings, double trainAccuracy, int trainRows,
            Map<String, float[]> trainingEmbeddings) {
        this.encoderFile = encoderFile;
        this.tokenizerFile = tokenizerFile;
        this.pooledFile = pooledFile;
        this.embedder = embedder;
        this.labels = List.copyOf(labels);
        this.head = head;
        this.settings = settings;
        this.trainAccuracy = trainAccuracy;
        this.trainRows = trainRows;
        this.trainingEmbeddings = Collections.unmodifiableMap(trainingEmbeddings);
        ContentHash hash = new ContentHash().add("linear probe").addFile(encoderFile).addFile(tokenizerFile)
                .add(String.join("\n", labels)).add(settings.maxLength());
        for (float[] row : head.weight()) {
            for (float w : row) {
                hash.add(Float.floatToIntBits(w));
            }
        }
        for (float b : head.bias()) {
            hash.add(Float.floatToIntBits(b));
        }
        this.fingerprint = hash.hex();
    }

    /**
     * Embeds the labelled texts with the encoder and fits the probe on them.
     *
     * @param encoderFile an ONNX encoder with inputs input_ids, attention_mask[, token_type_ids] and
     *     output last_hidden_state
     * @param texts the training texts
     * @param labels the class index of each text, in [0, labelNames.size())
     * @param labelNames the labels, by class index
     * @param progress told how many texts are embedded
     */
    public static LinearProbeTeacher fit(Path encoderFile, Path tokenizerFile, List<String> texts, int[] labels,
            List<String> labelNames, Settings settings, ProgressListener progress) {
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException(texts.size() + " texts but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= labelNames.size()) {
                throw new IllegalArgumentException("a probe needs a gold label for every training text; text " + i
                        + " has label index " + labels[i] + " (labels: " + labelNames + ")");
            }
        }
        Path pooledFile = writePooledEncoder(encoderFile);
        OnnxTextModel embedder = null;
        try {
            embedder = OnnxTextModel.load(pooledFile, tokenizerFile, EncoderGraphs.SENTENCE_EMBEDDING,
                    settings.maxLength(), settings.intraOpThreads());
            float[][] embeddings = LengthSortedBatches.run(texts, settings.batchSize(), embedder::forward, progress);
            LinearHead head = SoftmaxRegression.fit(embeddings, labels, labelNames.size(), settings.regression());
            double accuracy = Logits.accuracy(apply(head, embeddings), labels);
            // Kept so that labelling need not run the encoder over these texts again (ProbeEmbeddingsTeacher):
            // one float per hidden unit per distinct text, 67k x 384 = 100 MB for SST-2 with bge-small.
            Map<String, float[]> byText = new HashMap<>(texts.size() * 4 / 3 + 1);
            for (int i = 0; i < embeddings.length; i++) {
                byText.putIfAbsent(texts.get(i), embeddings[i]);
            }
            return new LinearProbeTeacher(encoderFile, tokenizerFile, pooledFile, embedder, labelNames, head,
                    settings, accuracy, texts.size(), byText);
        } catch (RuntimeException e) {
            if (embedder != null) {
                embedder.close();
            }
            TemporaryModelFiles.deleteQuietly(pooledFile);
            throw e;
        }
    }

    private static Path writePooledEncoder(Path encoderFile) {
        ModelProto pooled = EncoderGraphs.withMeanPooling(OnnxModels.read(encoderFile));
        try {
            return TemporaryModelFiles.write(pooled, "distill-pooled-encoder-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a temporary pooled encoder: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[][] logits(List<String> texts) {
        return apply(head, embed(texts));
    }

    @Override
    public Set<Signal> signals() {
        return SIGNALS;
    }

    /** The {@link Signal#POOLED pooled} vector is the embedding the head reads. */
    @Override
    public List<TeacherOutput> outputsWith(List<String> texts, Set<Signal> beyondLogits) {
        float[][] embeddings = embed(texts);
        List<TeacherOutput> outputs = new ArrayList<>(embeddings.length);
        for (float[] embedding : embeddings) {
            FloatTensor pooled = new FloatTensor(new long[] {embedding.length}, embedding);
            outputs.add(new TeacherOutput(head.apply(embedding), Map.of(Signal.POOLED, pooled)));
        }
        return outputs;
    }

    private static float[][] apply(LinearHead head, float[][] embeddings) {
        float[][] logits = new float[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            logits[i] = head.apply(embeddings[i]);
        }
        return logits;
    }

    /** The masked-mean-pooled sentence embeddings of texts (one batch). */
    public float[][] embed(List<String> texts) {
        return embedder.forward(texts);
    }

    /** The fitted head, over raw (unstandardized) embeddings. */
    public LinearHead head() {
        return head;
    }

    /**
     * The masked-mean-pooled embedding of each distinct training text, as the fit computed it (in its own
     * length-sorted batches of {@link Settings#batchSize}); read-only, do not change the arrays.
     */
    public Map<String, float[]> trainingEmbeddings() {
        return trainingEmbeddings;
    }

    /** The share of training texts the probe classifies correctly. */
    public double trainAccuracy() {
        return trainAccuracy;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public int maxLength() {
        return settings.maxLength();
    }

    @Override
    public Path tokenizerFile() {
        return tokenizerFile;
    }

    /**
     * Writes the probe as a classifier folder: {@code model.onnx} (encoder + mean pooling + the head,
     * output {@code logits}), {@code tokenizer.json} (copied) and {@code config.json} ({@code id2label},
     * {@code label2id}, {@code max_length} and a {@value #CONFIG_SECTION} section recording how it
     * was fitted, including {@code extra}). The folder is written whole or not at all.
     *
     * @param extra more entries for the {@value #CONFIG_SECTION} section (e.g. a cache key), may be empty
     */
    public void writeClassifierFolder(Path folder, JsonObject extra) {
        ModelProto classifier = EncoderGraphs.withLinearHead(OnnxModels.read(encoderFile), head.weight(), head.bias());
        AtomicFolder.write(folder, temp -> {
            ModelFolder probe = ModelFolder.at(temp);
            OnnxModels.write(classifier, probe.model());
            Files.copy(tokenizerFile, probe.tokenizer());
            probe.writeConfig(configJson(extra));
        });
    }

    private String configJson(JsonObject extra) {
        JsonObject probe = new JsonObject();
        probe.addProperty("encoder", encoderFile.getFileName().toString());
        probe.addProperty("encoder_sha256", ContentHash.ofFile(encoderFile));
        probe.addProperty("pooling", "masked mean of last_hidden_state");
        probe.addProperty("head", "softmax regression (DJL, Adam, L2, full batch)");
        probe.addProperty("epochs", settings.regression().epochs());
        probe.addProperty("learning_rate", settings.regression().learningRate());
        probe.addProperty("l2", settings.regression().l2());
        probe.addProperty("seed", settings.regression().seed());
        probe.addProperty("train_rows", trainRows);
        probe.addProperty("train_accuracy", trainAccuracy);
        extra.entrySet().forEach(entry -> probe.add(entry.getKey(), entry.getValue()));
        return ModelFolder.configJson(labels, settings.maxLength(), CONFIG_SECTION, probe);
    }

    @Override
    public void close() {
        embedder.close();
        TemporaryModelFiles.deleteQuietly(pooledFile);
    }
}
