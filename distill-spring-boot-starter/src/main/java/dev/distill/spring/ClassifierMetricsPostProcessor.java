package dev.distill.spring;

import dev.distill.runtime.TextClassifier;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps each distill model's {@link TextClassifier} bean in a {@link MeteredTextClassifier} when
 * the application has a {@link MeterRegistry}; beans of other origins are left alone.
 */
final class ClassifierMetricsPostProcessor implements BeanPostProcessor {
  private final ObjectProvider<DistillModels> models;
  private final ObjectProvider<MeterRegistry> registry;

  ClassifierMetricsPostProcessor(ObjectProvider<DistillModels> models,
      ObjectProvider<MeterRegistry> registry) {
    this.models = models;
    this.registry = registry;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof TextClassifier classifier) || bean instanceof MeteredTextClassifier) {
      return bean;
    }
    DistillModels known = models.getIfAvailable();
    if (known == null) {
      return bean;
    }
    return known.forBean(beanName)
        .<Object>map(model -> {
          MeterRegistry meters = registry.getIfAvailable();
          return meters == null ? bean
              : new MeteredTextClassifier(classifier, model.name(), meters);
        })
        .orElse(bean);
  }
}
