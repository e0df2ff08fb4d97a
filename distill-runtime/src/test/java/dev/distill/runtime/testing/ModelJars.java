package dev.distill.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Jars as a distill build packages its models: each classifier folder's files under {@code META-INF/distill/<name>/}. */
public final class ModelJars {
  private ModelJars() {}

  /**
   * @param jar the jar to write
   * @param folders each model's name and its classifier folder, in the order to write them
   * @return the jar
   */
  public static Path write(Path jar, Map<String, Path> folders) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Map.Entry<String, Path> model : folders.entrySet()) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(model.getValue())) {
          files = listed.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
          out.putNextEntry(new JarEntry("META-INF/distill/" + model.getKey() + "/" + file.getFileName()));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
    }
    return jar;
  }
}
