package dev.distill.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics for the distill models, when Micrometer is on the class path: see
 * {@link MeteredTextClassifier} for the meters.
 */
@AutoConfiguration(after = DistillAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
public class DistillMetricsAutoConfiguration {
  /**
   * Static: a post-processor is created before the other beans.
   *
   * @param models the models
   * @param registry the application's meter registry, looked up when a model's bean is made
   * @return the post-processor wrapping the models' beans
   */
  @Bean
  static ClassifierMetricsPostProcessor distillClassifierMetrics(
      ObjectProvider<DistillModels> models, ObjectProvider<MeterRegistry> registry) {
    return new ClassifierMetricsPostProcessor(models, registry);
  }
}
