package dev.distill.spring;

import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.testing.StudentFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** The runtime's real student ({@link StudentFixture}), laid out as a bundled model or a jar. */
final class StudentCopies {
  private StudentCopies() {}

  /** @return the student's classifier folder */
  static Path folder() {
    return StudentFixture.classifier();
  }

  /** Copies the student to {@code root/META-INF/distill/<name>/}, as distill:compress packages it. */
  static Path bundle(Path root, String name) {
    try {
      Path folder = Files.createDirectories(root.resolve(ModelFolder.resourceFolder(name)));
      for (String file : ModelFolder.FILES) {
        Files.copy(folder().resolve(file), folder.resolve(file));
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return a class loader seeing the test class path and {@code root} */
  static ClassLoader loaderOver(Path root) {
    try {
      return new URLClassLoader(new URL[] {root.toUri().toURL()},
          StudentCopies.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a jar packaging the student as {@code META-INF/distill/<name>/}. */
  static Path jar(Path jar, String name) {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String file : ModelFolder.FILES) {
        out.putNextEntry(new JarEntry(ModelFolder.resourceFolder(name) + file));
        try (OutputStream entry = new NonClosing(out)) {
          Files.copy(folder().resolve(file), entry);
        }
        out.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
