package dev.distill.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Without its model the application does not start, and says which property to fix. */
@ExtendWith(OutputCaptureExtension.class)
class MissingModelTest {
  @Test
  void startUpFailsNamingThePropertyAndThePath(CapturedOutput output, @TempDir Path dir) {
    Path missing = dir.resolve("sentiment.jar");

    assertThatThrownBy(() -> SpringApplication.run(SentimentApplication.class,
        "--server.port=0", "--distill.models.sentiment.path=" + missing))
        .hasStackTraceContaining("no such folder or jar");

    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("Cannot load the distill model 'sentiment' from distill.models.sentiment.path="
            + missing + ": no such folder or jar")
        .contains("Correct distill.models.sentiment.path");
  }
}
