package dev.distill.spring;

import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link TextClassifier} that records each call of another in Micrometer: the timer
 * {@value #LATENCY} (one sample per {@code predict}, {@code predictBatch} or {@code logits} call,
 * failed calls too) and the distribution summary {@value #BATCH_SIZE} (texts per call), both tagged
 * {@code model=<name>}. Everything else, the contract included, is the wrapped classifier's.
 */
public final class MeteredTextClassifier implements TextClassifier {
  /** The latency timer's name. */
  public static final String LATENCY = "distill.prediction";
  /** The batch size summary's name. */
  public static final String BATCH_SIZE = "distill.batch.size";
  /** The tag naming the model. */
  public static final String MODEL_TAG = "model";

  private final TextClassifier classifier;
  private final Timer latency;
  private final DistributionSummary batchSize;

  /**
   * @param classifier the classifier to record
   * @param model its name, the {@value #MODEL_TAG} tag
   * @param registry where the meters go
   */
  public MeteredTextClassifier(TextClassifier classifier, String model, MeterRegistry registry) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.latency = Timer.builder(LATENCY)
        .description("Time of one distill TextClassifier call (predict, predictBatch or logits)")
        .tag(MODEL_TAG, model)
        .register(registry);
    this.batchSize = DistributionSummary.builder(BATCH_SIZE)
        .description("Texts per distill TextClassifier call")
        .baseUnit("texts")
        .tag(MODEL_TAG, model)
        .register(registry);
  }

  @Override
  public Prediction predict(String text) {
    return record(1, () -> classifier.predict(text));
  }

  @Override
  public List<Prediction> predictBatch(List<String> texts) {
    return record(texts.size(), () -> classifier.predictBatch(texts));
  }

  @Override
  public float[][] logits(List<String> texts) {
    return record(texts.size(), () -> classifier.logits(texts));
  }

  @Override
  public Optional<EncodedBatch> encode(List<String> texts) {
    return classifier.encode(texts);
  }

  @Override
  public float[][] logitsEncoded(List<EncodedBatch> parts) {
    return record(parts.stream().mapToInt(EncodedBatch::size).sum(), () -> classifier.logitsEncoded(parts));
  }

  private <T> T record(int texts, Supplier<T> call) {
    batchSize.record(texts);
    return latency.record(call);
  }

  @Override
  public List<String> labels() {
    return classifier.labels();
  }

  @Override
  public ModelConfig config() {
    return classifier.config();
  }

  @Override
  public ClassifierOptions options() {
    return classifier.options();
  }

  @Override
  public int maxLength() {
    return classifier.maxLength();
  }

  @Override
  public void close() {
    classifier.close();
  }

  @Override
  public String toString() {
    return "MeteredTextClassifier[" + classifier + "]";
  }
}
