package dev.distill.spring;

import dev.distill.runtime.TextClassifier;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The health of one distill model: up while it answers a call (the same text as its start-up
 * warm-up), with its labels, maximum length and origin as details; down with the error once it
 * fails (for example after it was closed). A check is one inference of one short text, so it is
 * also counted in the model's metrics.
 */
public final class ClassifierHealthIndicator implements HealthIndicator {
  private final DistillModel model;
  private final TextClassifier classifier;

  /**
   * @param model the model
   * @param classifier its bean
   */
  public ClassifierHealthIndicator(DistillModel model, TextClassifier classifier) {
    this.model = model;
    this.classifier = classifier;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up();
    try {
      classifier.predictBatch(List.of(DistillModel.WARM_UP_TEXT));
    } catch (RuntimeException e) {
      health = Health.down(e);
    }
    return health
        .withDetail("labels", classifier.labels())
        .withDetail("maxLength", classifier.maxLength())
        .withDetail("origin", model.origin())
        .build();
  }
}
