package dev.distill.runtime.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where the tests find their data: the committed slices, ../shared, and target/. */
public final class TestPaths {
  private TestPaths() {}

  /** @return the committed test data folder (system property distill.testdata.dir, else ../testdata) */
  public static Path testdata() {
    String property = System.getProperty("distill.testdata.dir");
    Path dir = property != null ? Path.of(property) : Path.of("..", "testdata");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("test data folder not found: " + dir.toAbsolutePath());
    }
    return dir.toAbsolutePath().normalize();
  }

  /** @return ../shared; skips the calling test with a message when it is absent */
  public static Path sharedOrSkip() {
    String property = System.getProperty("distill.shared.dir");
    Path dir = (property != null ? Path.of(property) : Path.of("..", "..", "shared"))
        .toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(dir.resolve("teachers")),
        "skipped: the shared folder " + dir + " (teachers, full data) is absent on this machine");
    return dir;
  }

  /** @return a folder under target/ for files shared by the tests of one build */
  public static Path targetDir(String name) {
    Path dir = Path.of("target", "test-fixtures", name).toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Copies a test classpath resource to a file (once; an existing copy is kept). */
  public static Path copyResource(String resource, Path file) {
    if (Files.isRegularFile(file)) {
      return file;
    }
    try (InputStream in = TestPaths.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("test classpath lacks " + resource);
      }
      Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
