package dev.distill.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench} on the committed Fashion-MNIST teacher and its committed test images. */
class ImageBenchTest {

  @Test
  void benchReportsLoadTimeLatencyAndThroughputOverImages() {
    CliRun run = CliRun.of("bench", "--model", ImagePredictTest.teacher(), "--data",
        ImagePredictTest.fashion().resolve("test").toString(), "--limit", "24", "--warmup", "3", "--batch", "8",
        "--threads", "1", "--json");
    assertEquals(0, run.exitCode(), run.toString());
    System.out.println(run.out());
    JsonObject json = run.json();
    for (String key : new String[] {"loadMs", "p50Ms", "p99Ms", "throughput"}) {
      double value = json.get(key).getAsDouble();
      assertTrue(value > 0 && Double.isFinite(value), key + " in " + run);
    }
    assertTrue(json.get("p99Ms").getAsDouble() >= json.get("p50Ms").getAsDouble(), run.toString());
    assertEquals(24, json.get("n").getAsInt());
    assertEquals(1, json.get("threads").getAsInt());
    assertEquals(8, json.get("batch").getAsInt());
    assertEquals("image", json.get("input").getAsString());
    assertEquals(1, json.get("channels").getAsInt());
    assertEquals(28, json.get("height").getAsInt());
    assertEquals(28, json.get("width").getAsInt());
    assertFalse(json.has("maxLength"), run.toString());
    assertTrue(run.out().contains("images/s at batch 8"), run.out());
  }

  @Test
  void anEmptyFolderOrABadImageNamesTheFile(@TempDir Path dir) throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun none = CliRun.of("bench", "--model", ImagePredictTest.teacher(), "--data", empty.toString());
    assertEquals(Main.FAILURE, none.exitCode(), none.toString());
    assertTrue(none.err().contains(empty + ": holds no images"), none.err());

    Path bad = Files.writeString(Files.createDirectories(dir.resolve("bad")).resolve("broken.jpg"), "no JPEG");
    CliRun broken = CliRun.of("bench", "--model", ImagePredictTest.teacher(), "--data", bad.getParent().toString(),
        "--warmup", "1");
    assertEquals(Main.FAILURE, broken.exitCode(), broken.toString());
    assertTrue(broken.err().contains(bad.toString()) && broken.err().contains("PNG or JPEG"), broken.err());
  }
}
