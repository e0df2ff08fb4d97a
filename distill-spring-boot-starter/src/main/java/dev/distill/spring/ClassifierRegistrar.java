package dev.distill.spring;

import dev.distill.runtime.TextClassifier;
import java.util.List;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link TextClassifier} bean per {@link DistillModel}: named
 * {@code <name>TextClassifier}, qualified {@code @Qualifier("<name>")}, the primary
 * {@code TextClassifier} when it is the only model, loaded (and warmed up) at start-up and closed
 * at shutdown. The bean {@code distillModels} lists them.
 */
class ClassifierRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware,
    BeanClassLoaderAware {
  /** The name of the {@link DistillModels} bean. */
  static final String MODELS_BEAN = "distillModels";

  private Environment environment;
  private ClassLoader classLoader;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void registerBeanDefinitions(AnnotationMetadata metadata,
      BeanDefinitionRegistry registry) {
    DistillModels models = DistillModels.of(environment, classLoader);
    RootBeanDefinition list = new RootBeanDefinition(DistillModels.class, () -> models);
    list.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
    registry.registerBeanDefinition(MODELS_BEAN, list);
    List<DistillModel> all = models.all();
    for (DistillModel model : all) {
      if (registry.containsBeanDefinition(model.beanName())) {
        continue; // the application defines this bean itself
      }
      RootBeanDefinition classifier = new RootBeanDefinition(TextClassifier.class,
          () -> model.load(classLoader));
      classifier.addQualifier(new AutowireCandidateQualifier(Qualifier.class, model.name()));
      classifier.setPrimary(all.size() == 1);
      classifier.setDestroyMethodName("close");
      classifier.setDescription("distill model '" + model.name() + "' from " + model.origin());
      registry.registerBeanDefinition(model.beanName(), classifier);
    }
  }
}
