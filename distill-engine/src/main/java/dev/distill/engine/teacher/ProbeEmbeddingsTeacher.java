package dev.distill.engine.teacher;

import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The teacher of a probe fitted in this build: it answers the texts the fit embedded from those embeddings
 * (logits = the head applied to the embedding, the {@link Signal#POOLED pooled} vector = the embedding itself)
 * and runs the probe folder's classifier only on the others (dev, transfer and augmented texts). The fit has
 * already run the encoder over every training text, so labelling them again would be a second, identical pass.
 *
 * <p>Determinism: the int8 encoder's dynamic quantization scales activations per batch, so an embedding depends
 * slightly on the batch it was computed in. Here a training text's outputs are those of the fit's batches (the
 * training texts alone, length-sorted, {@link LinearProbeTeacher.Settings#batchSize} each), not those of the
 * labelling's batches; and a mixed labelling batch sends only its unknown texts to the encoder. Both paths are
 * deterministic for the same inputs, and their outputs agree within those batch effects, so this teacher has
 * the classifier's {@link #fingerprint}: the soft-target cache keeps the first labelling of each text, as
 * docs/reliability.md says, whichever path made it.
 *
 * <p>Memory: one float per hidden unit per distinct training text (67k × 384 floats = 100 MB for the example's
 * SST-2 with bge-small), held as long as this teacher.
 */
public final class ProbeEmbeddingsTeacher implements Teacher {

    private final OnnxClassifierTeacher classifier;
    private final LinearHead head;
    private final Map<String, float[]> embeddings;
    private final AtomicLong textsFromEmbeddings = new AtomicLong();

    /**
     * @param classifier the fitted probe's classifier folder, opened: it runs the texts without an embedding
     * @param head the fitted head, over raw embeddings (the one folded into the classifier's graph)
     * @param embeddings the fit's embeddings by text ({@link LinearProbeTeacher#trainingEmbeddings})
     */
    public ProbeEmbeddingsTeacher(OnnxClassifierTeacher classifier, LinearHead head,
            Map<String, float[]> embeddings) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.head = Objects.requireNonNull(head, "head");
        this.embeddings = Map.copyOf(embeddings);
        if (head.weight().length != classifier.labels().size()) {
            throw new IllegalArgumentException("the probe head has " + head.weight().length + " classes but its"
                    + " classifier has " + classifier.labels().size() + " labels " + classifier.labels());
        }
    }

    @Override
    public List<String> labels() {
        return classifier.labels();
    }

    @Override
    public Set<Signal> signals() {
        return classifier.signals();
    }

    @Override
    public float[][] logits(List<String> texts) {
        return answer(texts, head::apply, unknown -> Arrays.asList(classifier.logits(unknown)))
                .toArray(float[][]::new);
    }

    @Override
    public List<TeacherOutput> outputsWith(List<String> texts, Set<Signal> beyondLogits) {
        if (!Set.of(Signal.POOLED).containsAll(beyondLogits)) {
            return classifier.outputsWith(texts, beyondLogits); // a signal the embedding does not give
        }
        return answer(texts, embedding -> new TeacherOutput(head.apply(embedding),
                        Map.of(Signal.POOLED, new FloatTensor(new long[] {embedding.length}, embedding))),
                unknown -> classifier.outputsWith(unknown, beyondLogits));
    }

    /**
     * Each text's answer, in order: from its embedding when the fit computed one, else from one classifier run
     * over all texts without one.
     */
    private <T> List<T> answer(List<String> texts, Function<float[], T> fromEmbedding,
            Function<List<String>, List<T>> throughClassifier) {
        List<T> answers = new ArrayList<>(texts.size());
        List<String> unknown = new ArrayList<>();
        List<Integer> unknownAt = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            float[] embedding = embeddings.get(texts.get(i));
            answers.add(embedding == null ? null : fromEmbedding.apply(embedding));
            if (embedding == null) {
                unknown.add(texts.get(i));
                unknownAt.add(i);
            }
        }
        textsFromEmbeddings.addAndGet(texts.size() - unknown.size());
        if (!unknown.isEmpty()) {
            List<T> ran = throughClassifier.apply(unknown);
            for (int j = 0; j < ran.size(); j++) {
                answers.set(unknownAt.get(j), ran.get(j));
            }
        }
        return answers;
    }

    /** How many texts this teacher answered from the fit's embeddings so far. */
    public long textsFromEmbeddings() {
        return textsFromEmbeddings.get();
    }

    /** How many texts went through the encoder (the classifier) so far. */
    public long textsThroughEncoder() {
        return classifier.textsRun();
    }

    /** The texts answered so far, each way: what was reused. */
    public Counts counts() {
        return new Counts(textsFromEmbeddings(), textsThroughEncoder());
    }

    /**
     * How many texts a {@link ProbeEmbeddingsTeacher} answered from the fit's embeddings and how many went through
     * the encoder.
     *
     * @param fromEmbeddings texts answered from the fit's embeddings
     * @param throughEncoder texts run through the encoder
     */
    public record Counts(long fromEmbeddings, long throughEncoder) {

        /** The texts answered since {@code earlier} (e.g. during one labelling). */
        public Counts since(Counts earlier) {
            return new Counts(fromEmbeddings - earlier.fromEmbeddings, throughEncoder - earlier.throughEncoder);
        }

        /** For the log: e.g. "67,349 texts from the probe's embeddings, 872 through the encoder". */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d texts from the probe's embeddings, %,d through the encoder",
                    fromEmbeddings, throughEncoder);
        }
    }

    /** The classifier's: the outputs agree with its own within the int8 encoder's batch effects (see above). */
    @Override
    public String fingerprint() {
        return classifier.fingerprint();
    }

    @Override
    public int maxLength() {
        return classifier.maxLength();
    }

    @Override
    public Path tokenizerFile() {
        return classifier.tokenizerFile();
    }

    @Override
    public void close() {
        classifier.close();
    }
}
