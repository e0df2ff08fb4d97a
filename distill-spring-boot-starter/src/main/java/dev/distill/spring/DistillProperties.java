package dev.distill.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code distill.*} properties: {@code distill.models.<name>.path} adds a model from a folder
 * or jar, and {@code distill.models.<name>.threads} (and the other {@link ModelProperties}) tune
 * any model, also one bundled on the classpath at {@code META-INF/distill/<name>/}.
 */
@ConfigurationProperties(prefix = DistillProperties.PREFIX)
public class DistillProperties {
  /** The properties' prefix. */
  public static final String PREFIX = "distill";

  /** The models by name; a name becomes the bean {@code <name>TextClassifier}. */
  private Map<String, ModelProperties> models = new LinkedHashMap<>();

  /** @return the models' settings by name */
  public Map<String, ModelProperties> getModels() {
    return models;
  }

  /** @param models the models' settings by name */
  public void setModels(Map<String, ModelProperties> models) {
    this.models = models;
  }
}
