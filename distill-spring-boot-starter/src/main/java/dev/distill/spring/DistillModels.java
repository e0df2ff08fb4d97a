package dev.distill.spring;

import dev.distill.runtime.TextClassifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The models an application gets beans for, known before any is loaded: those bundled on the
 * class path, then those of {@code distill.models.<name>.path} (a property's path wins over a
 * bundled model of the same name). Also a bean ({@code distillModels}), for health and metrics.
 */
public final class DistillModels {
  private final Map<String, DistillModel> byName;

  private DistillModels(Map<String, DistillModel> byName) {
    this.byName = byName;
  }

  /**
   * @param environment where the {@code distill.*} properties are
   * @param loader where the bundled models are
   * @return the models
   * @throws IllegalArgumentException naming a property with an invalid value
   */
  static DistillModels of(Environment environment, ClassLoader loader) {
    DistillProperties properties = Binder.get(environment)
        .bind(DistillProperties.PREFIX, DistillProperties.class)
        .orElseGet(DistillProperties::new);
    Map<String, ModelProperties> settings = properties.getModels();
    Map<String, DistillModel> models = new LinkedHashMap<>();
    for (String name : BundledModels.names(loader)) {
      models.put(name, model(name, settings.getOrDefault(name, new ModelProperties())));
    }
    settings.forEach((name, model) -> {
      if (model.getPath() != null || !models.containsKey(name)) {
        models.put(name, model(name, model));
      }
    });
    return new DistillModels(models);
  }

  private static DistillModel model(String name, ModelProperties settings) {
    return new DistillModel(name, settings.getPath(),
        settings.toOptions(DistillModel.propertyPrefix(name)));
  }

  /** @return the models, bundled ones first, in a stable order */
  public List<DistillModel> all() {
    return List.copyOf(byName.values());
  }

  /**
   * @param name a model's name
   * @return that model, if the application has it
   */
  public Optional<DistillModel> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * @param beanName a bean's name
   * @return the model whose {@link TextClassifier} bean that is, if any
   */
  public Optional<DistillModel> forBean(String beanName) {
    return byName.values().stream().filter(model -> model.beanName().equals(beanName)).findFirst();
  }
}
