package dev.distill.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.runtime.ClassifierOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** A model that fails to load is reported as Spring Boot reports a failed start. */
class DistillModelFailureAnalyzerTest {
  @Test
  void springBootFindsTheAnalyzerAndItNamesThePropertyAndThePath() {
    // Spring Boot's own analyzers need constructor arguments: those are skipped here.
    assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
            SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { })))
        .anyMatch(DistillModelFailureAnalyzer.class::isInstance);
    DistillModel model = new DistillModel("sentiment", Path.of("/models/missing"),
        ClassifierOptions.defaults());
    BeanCreationException failure = new BeanCreationException(model.beanName(),
        "Instantiation of supplied bean failed",
        new DistillModelException(model, "no such folder or jar", null));

    FailureAnalysis analysis = new DistillModelFailureAnalyzer().analyze(failure);

    assertThat(analysis.getDescription()).isEqualTo("Cannot load the distill model 'sentiment'"
        + " from distill.models.sentiment.path=/models/missing: no such folder or jar");
    assertThat(analysis.getAction()).startsWith("Correct distill.models.sentiment.path, or remove it");
  }
}
