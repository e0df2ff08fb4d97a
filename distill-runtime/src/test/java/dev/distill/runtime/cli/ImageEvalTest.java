package dev.distill.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.testing.TestPaths;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code eval} on an image classifier folder: the committed Fashion-MNIST teacher on its committed test images. */
class ImageEvalTest {

  @Test
  void evalReadsClassFoldersThroughTheModelsLabel2id() {
    Path fashion = TestPaths.testdata().resolve("fashion-mnist");
    CliRun run = CliRun.of("eval", "--model", fashion.resolve("teacher").toString(),
        "--data", fashion.resolve("test").toString(), "--threads", "1", "--json");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(200, run.json().get("n").getAsInt());
    // The same figure as ImageClassifierTest's: 194 of the 200.
    assertEquals(0.97, run.json().get("accuracy").getAsDouble(), 1e-9, run.toString());
    assertTrue(run.out().contains("images/s"), run.out());
  }
}
