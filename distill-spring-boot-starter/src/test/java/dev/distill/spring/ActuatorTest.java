package dev.distill.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.runtime.TextClassifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Health and metrics of the models' beans, on a real student. */
class ActuatorTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DistillAutoConfiguration.class,
          DistillMetricsAutoConfiguration.class, DistillHealthAutoConfiguration.class))
      .withPropertyValues("distill.models.sentiment.path=" + StudentCopies.folder());

  @Test
  void eachCallIsTimedAndItsBatchSizeRecordedUnderTheModelsName() {
    AtomicReference<TextClassifier> bean = new AtomicReference<>();
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      TextClassifier classifier = context.getBean(TextClassifier.class);
      bean.set(classifier);
      assertThat(classifier).isInstanceOf(MeteredTextClassifier.class);
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      classifier.predictBatch(List.of("one", "two", "three"));
      classifier.predict("four");
      // The server's path: tokenized apart, then one call for the joined parts.
      classifier.logitsEncoded(List.of(classifier.encode(List.of("five", "six")).orElseThrow()));
      var latency = registry.get(MeteredTextClassifier.LATENCY).tag("model", "sentiment").timer();
      var batches = registry.get(MeteredTextClassifier.BATCH_SIZE).tag("model", "sentiment")
          .summary();
      assertThat(latency.count()).isEqualTo(3);
      assertThat(latency.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
      assertThat(batches.count()).isEqualTo(3);
      assertThat(batches.totalAmount()).isEqualTo(6.0);
      assertThat(batches.max()).isEqualTo(3.0);
    });
    // The wrapper is what the context closes: it must close the runtime's classifier.
    assertThatThrownBy(() -> bean.get().predict("seven"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
  }

  @Test
  void withoutARegistryTheBeanIsTheRuntimesOwn() {
    runner.run(context -> assertThat(context.getBean(TextClassifier.class))
        .isNotInstanceOf(MeteredTextClassifier.class));
  }

  @Test
  void healthIsUpWithLabelsAndMaxLengthWhileTheModelAnswersAndDownOnceClosed() {
    runner.run(context -> {
      TextClassifier classifier = context.getBean(TextClassifier.class);
      HealthIndicator indicator = (HealthIndicator) context
          .getBean(DistillHealthAutoConfiguration.BEAN, CompositeHealthContributor.class)
          .getContributor("sentiment");
      Health up = indicator.health();
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails()).containsEntry("labels", classifier.labels())
          .containsEntry("maxLength", classifier.maxLength())
          .containsEntry("origin", "distill.models.sentiment.path=" + StudentCopies.folder());
      classifier.close();
      Health down = indicator.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails().get("error").toString()).contains("is closed");
    });
  }
}
