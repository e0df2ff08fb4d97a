package dev.distill.spring;

import dev.distill.runtime.TextClassifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Actuator health for the distill models, when Actuator is on the class path: the contributor
 * {@code distill} (bean {@value #BEAN}) holds one {@link ClassifierHealthIndicator} per model,
 * under the model's name ({@code /actuator/health/distill/<name>}).
 */
@AutoConfiguration(after = {DistillAutoConfiguration.class, DistillMetricsAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
public class DistillHealthAutoConfiguration {
  /** The contributor's bean name; Actuator shows it as {@code distill}. */
  public static final String BEAN = "distillHealthContributor";

  /**
   * @param models the models
   * @param beans where their beans are
   * @return one health indicator per model, by model name
   */
  @Bean(name = BEAN)
  @ConditionalOnMissingBean(name = BEAN)
  public CompositeHealthContributor distillHealthContributor(DistillModels models,
      BeanFactory beans) {
    Map<String, HealthContributor> indicators = new LinkedHashMap<>();
    for (DistillModel model : models.all()) {
      indicators.put(model.name(), new ClassifierHealthIndicator(model,
          beans.getBean(model.beanName(), TextClassifier.class)));
    }
    return CompositeHealthContributor.fromMap(indicators);
  }
}
