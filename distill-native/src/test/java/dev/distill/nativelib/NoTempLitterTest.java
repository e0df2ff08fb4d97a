package dev.distill.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JVMs that load ONNX Runtime, one of them killed, add nothing to their temp folder, and share one unpacked
 * copy of the native libraries.
 */
class NoTempLitterTest {
  @TempDir Path work;

  private Path tmp;
  private Path cache;

  private Process start(boolean wait) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + tmp,
        "-D" + OnnxRuntimeNatives.DIRECTORY_PROPERTY + "=" + cache, "-cp", System.getProperty("java.class.path"),
        LoadOnnxRuntime.class.getName());
    if (wait) {
      builder.command().add("--wait");
    }
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return builder.start();
  }

  private static String firstLine(Process process) throws IOException {
    byte[] line = new byte[4096];
    int n = 0;
    for (int b; (b = process.getInputStream().read()) >= 0 && b != '\n'; ) {
      line[n++] = (byte) b;
    }
    return new String(line, 0, n, StandardCharsets.UTF_8);
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> children = Files.list(folder)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private String runToTheEnd() throws Exception {
    Process process = start(false);
    String line = firstLine(process);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, process.exitValue(), line);
    return line;
  }

  @Test
  void startsIncludingAKilledOneLeaveTheTempFolderEmpty() throws Exception {
    tmp = Files.createDirectory(work.resolve("tmp"));
    cache = work.resolve("native");

    String first = runToTheEnd();
    assertTrue(first.startsWith("loaded " + cache), first);
    assertEquals(List.of(), list(tmp), "a normal exit left something in java.io.tmpdir");

    Process killed = start(true);
    String line = firstLine(killed);
    assertTrue(line.startsWith("loaded " + cache), line);
    killed.destroyForcibly();
    assertTrue(killed.waitFor(1, TimeUnit.MINUTES));
    assertEquals(List.of(), list(tmp), "a killed JVM left something in java.io.tmpdir");

    assertEquals(first, runToTheEnd(), "a later JVM loads from the same folder");
    assertEquals(List.of(), list(tmp));
    List<String> unpacked = list(cache);
    assertEquals(1, unpacked.size(), "one unpacked copy: " + unpacked);
    assertTrue(unpacked.get(0).startsWith("onnxruntime-"), unpacked.toString());
  }

  @Test
  void aBrokenLibraryInTheCacheIsReplacedOnTheNextStart() throws Exception {
    tmp = Files.createDirectory(work.resolve("tmp"));
    cache = work.resolve("native");
    String first = runToTheEnd();
    Path folder = Path.of(first.split(" ")[1]);
    Path library = folder.resolve(System.mapLibraryName("onnxruntime"));
    byte[] bytes = Files.readAllBytes(library);
    Files.delete(library); // as a new file: a JVM that still maps the old one keeps its copy
    Files.write(library, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertEquals(first, runToTheEnd());
    assertEquals(bytes.length, Files.size(library));
    assertEquals(List.of(), list(tmp));
  }

  @Test
  void aUserSetNativePathIsLeftAlone() throws Exception {
    tmp = Files.createDirectory(work.resolve("tmp"));
    cache = work.resolve("native");
    Path own = Path.of(runToTheEnd().split(" ")[1]);
    cache = work.resolve("unused");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + tmp,
        "-D" + OnnxRuntimeNatives.NATIVE_PATH_PROPERTY + "=" + own,
        "-D" + OnnxRuntimeNatives.DIRECTORY_PROPERTY + "=" + cache,
        "-cp", System.getProperty("java.class.path"), LoadOnnxRuntime.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String line = firstLine(process);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES));
    assertTrue(line.startsWith("loaded - "), line);
    assertTrue(Files.notExists(cache), "nothing is unpacked when the user names the native folder");
    assertEquals(List.of(), list(tmp));
  }
}
