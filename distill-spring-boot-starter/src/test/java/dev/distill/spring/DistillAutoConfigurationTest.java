package dev.distill.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.GraphOptimization;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter on a real int8 student: beans per model, options, failures and shutdown. */
class DistillAutoConfigurationTest {
  private static final List<String> TEXTS =
      List.of("a gripping, funny film", "dull and far too long", "");

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DistillAutoConfiguration.class));

  @Test
  void aModelAtAPropertysPathIsTheBeanNamedAfterItAndThePrimaryOne() {
    Path folder = StudentCopies.folder();
    runner.withPropertyValues("distill.models.sentiment.path=" + folder,
            "distill.models.sentiment.threads=1", "distill.models.sentiment.batch-size=2")
        .run(context -> {
          assertThat(context).hasNotFailed();
          TextClassifier bean = context.getBean("sentimentTextClassifier", TextClassifier.class);
          assertThat(context.getBean(TextClassifier.class)).isSameAs(bean);
          assertThat(bean.options().batchSize()).isEqualTo(2);
          try (TextClassifier direct = TextClassifier.load(folder,
              ClassifierOptions.builder().batchSize(2).build())) {
            assertThat(bean.predictBatch(TEXTS)).isEqualTo(direct.predictBatch(TEXTS));
            assertThat(bean.labels()).isEqualTo(direct.labels());
          }
        });
  }

  @Test
  void graphOptimizationIsReadInAnyCase() {
    runner.withPropertyValues("distill.models.sentiment.path=" + StudentCopies.folder(),
            "distill.models.sentiment.graph-optimization=extended")
        .run(context -> assertThat(context.getBean(TextClassifier.class).options()
            .graphOptimization()).isEqualTo(GraphOptimization.EXTENDED));
  }

  @Test
  void everyBundledModelIsABeanQualifiedByItsNameAndNoneIsPrimary(@TempDir Path root) {
    StudentCopies.bundle(root, "alpha");
    StudentCopies.bundle(root, "beta");
    runner.withClassLoader(StudentCopies.loaderOver(root))
        .withPropertyValues("distill.models.beta.max-length=16")
        .withUserConfiguration(PicksBeta.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBeansOfType(TextClassifier.class))
              .containsOnlyKeys("alphaTextClassifier", "betaTextClassifier");
          TextClassifier beta = context.getBean("betaTextClassifier", TextClassifier.class);
          assertThat(context.getBean(Picked.class).classifier()).isSameAs(beta);
          assertThat(beta.maxLength()).isEqualTo(16);
          assertThat(context.getBean("alphaTextClassifier", TextClassifier.class).maxLength())
              .isEqualTo(beta.config().maxLength().orElseThrow());
          assertThatThrownBy(() -> context.getBean(TextClassifier.class))
              .isInstanceOf(NoUniqueBeanDefinitionException.class);
        });
  }

  @Test
  void aJarAtAPropertysPathServesTheModelItPackages(@TempDir Path dir) {
    Path jar = StudentCopies.jar(dir.resolve("reviews.jar"), "reviews");
    runner.withPropertyValues("distill.models.sentiment.path=" + jar).run(context -> {
      assertThat(context).hasNotFailed();
      Prediction prediction = context.getBean("sentimentTextClassifier", TextClassifier.class)
          .predict(TEXTS.get(0));
      try (TextClassifier direct = TextClassifier.load(StudentCopies.folder())) {
        assertThat(prediction).isEqualTo(direct.predict(TEXTS.get(0)));
      }
    });
  }

  @Test
  void aMissingPathFailsStartUpNamingThePropertyAndThePath(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-model");
    runner.withPropertyValues("distill.models.sentiment.path=" + missing).run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure()))
          .contains("DistillModelException: Cannot load the distill model 'sentiment' from"
              + " distill.models.sentiment.path=" + missing + ": no such folder or jar");
    });
  }

  @Test
  void aBrokenModelFailsStartUpNamingThePropertyAndTheFile(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken");
    Files.createDirectories(broken);
    for (String file : List.of("model.onnx", "tokenizer.json")) {
      Files.copy(StudentCopies.folder().resolve(file), broken.resolve(file));
    }
    runner.withPropertyValues("distill.models.sentiment.path=" + broken).run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure()))
          .containsPattern("DistillModelException: Cannot load the distill model 'sentiment' from"
              + " distill.models.sentiment.path=" + java.util.regex.Pattern.quote(broken.toString())
              + ": .*" + java.util.regex.Pattern.quote(broken.resolve("config.json").toString()));
    });
  }

  @Test
  void aModelTunedByPropertiesButNeitherBundledNorGivenAPathFailsStartUpSayingSo() {
    runner.withPropertyValues("distill.models.ghost.threads=2").run(context ->
        assertThat(messages(context.getStartupFailure()))
            .contains("Cannot load the distill model 'ghost' from classpath:META-INF/distill/ghost/:"
                + " No model named 'ghost' on the classpath"));
  }

  @Test
  void aFileThatIsNoJarFailsStartUpNamingThePropertyAndTheFile(@TempDir Path dir)
      throws Exception {
    Path notAJar = Files.writeString(dir.resolve("model.jar"), "not a jar");
    runner.withPropertyValues("distill.models.sentiment.path=" + notAJar).run(context ->
        assertThat(messages(context.getStartupFailure()))
            .contains("Cannot load the distill model 'sentiment' from distill.models.sentiment.path="
                + notAJar + ": ")
            .contains(notAJar + " is neither a folder nor a readable jar"));
  }

  @Test
  void anInvalidOptionFailsStartUpNamingTheProperty() {
    runner.withPropertyValues("distill.models.sentiment.path=" + StudentCopies.folder(),
            "distill.models.sentiment.threads=0")
        .run(context -> assertThat(messages(context.getStartupFailure()))
            .contains("distill.models.sentiment.threads=0 is invalid")
            .contains("intraOpThreads must be at least 1"));
  }

  @Test
  void theBeansAreClosedWhenTheContextCloses() {
    AtomicReference<TextClassifier> bean = new AtomicReference<>();
    runner.withPropertyValues("distill.models.sentiment.path=" + StudentCopies.folder())
        .run(context -> {
          bean.set(context.getBean(TextClassifier.class));
          assertThat(bean.get().predict(TEXTS.get(0)).label()).isIn(bean.get().labels());
        });
    assertThatThrownBy(() -> bean.get().predict(TEXTS.get(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void noModelsNoBeans() {
    runner.run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean(TextClassifier.class));
  }

  /** An application bean taking one model by its qualifier. */
  @Configuration(proxyBeanMethods = false)
  static class PicksBeta {
    @Bean
    Picked picked(@Qualifier("beta") TextClassifier beta) {
      return new Picked(beta);
    }
  }

  /** What {@link PicksBeta} was given. */
  record Picked(TextClassifier classifier) {}

  /** @return the messages of a failure and its causes, one a line */
  private static String messages(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
    }
    return text.toString();
  }
}
