package dev.distill.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the three files of a classifier come from: a folder, or {@code META-INF/distill/<name>/}
 * on a class loader (a jar). Every message about a file names it through {@link #describe}.
 */
abstract class ModelSource {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** @return the file's path or URL, for messages */
  abstract String describe(String file);

  /** @return the file's bytes; {@link ModelLoadException} naming it when it is missing */
  abstract InputStream open(String file);

  /** @return the file on disk, when there is one (lets ONNX Runtime map it without a heap copy) */
  abstract Optional<Path> localPath(String file);

  /** Checks that all three files are there before anything expensive starts. */
  final void requireAll() {
    requireAll(ModelFolder.FILES);
  }

  /** Checks that these files are there before anything expensive starts. */
  final void requireAll(List<String> files) {
    for (String file : files) {
      try (InputStream in = open(file)) {
        // opened: present
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  final byte[] readAll(String file) {
    try (InputStream in = open(file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read " + describe(file) + ": " + e.getMessage(), e);
    }
  }

  static ModelSource folder(Path folder) {
    return new Folder(folder);
  }

  static ModelSource classpath(ClassLoader loader, String name, String hint) {
    return new Classpath(loader, checkName(name), hint);
  }

  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid model name '" + name
          + "': use letters, digits, '.', '_' and '-' (it names the folder META-INF/distill/<name>/)");
    }
    return name;
  }

  private static final class Folder extends ModelSource {
    private final Path folder;

    Folder(Path folder) {
      this.folder = folder.toAbsolutePath().normalize();
      if (!Files.isDirectory(this.folder)) {
        throw new ModelLoadException(Files.exists(this.folder)
            ? "Not a model folder: " + this.folder + " is a file; pass the folder that holds "
                + ModelFolder.MODEL + ", " + ModelFolder.TOKENIZER + " and " + ModelFolder.CONFIG
            : "Model folder not found: " + this.folder);
      }
    }

    @Override
    String describe(String file) {
      return folder.resolve(file).toString();
    }

    @Override
    InputStream open(String file) {
      Path path = folder.resolve(file);
      if (!Files.isRegularFile(path)) {
        throw new ModelLoadException("Missing " + file + " in model folder " + folder
            + " (expected " + path + ")");
      }
      try {
        return Files.newInputStream(path);
      } catch (IOException e) {
        throw new ModelLoadException("Cannot read " + path + ": " + e.getMessage(), e);
      }
    }

    @Override
    Optional<Path> localPath(String file) {
      return Optional.of(folder.resolve(file));
    }
  }

  private static final class Classpath extends ModelSource {
    private final ClassLoader loader;
    private final String name;
    private final String hint;

    Classpath(ClassLoader loader, String name, String hint) {
      this.loader = loader;
      this.name = name;
      this.hint = hint;
    }

    private String resource(String file) {
      return ModelFolder.resourceFolder(name) + file;
    }

    @Override
    String describe(String file) {
      URL url = loader.getResource(resource(file));
      return url != null ? url.toString() : "classpath:" + resource(file);
    }

    @Override
    InputStream open(String file) {
      InputStream in = loader.getResourceAsStream(resource(file));
      if (in == null) {
        throw new ModelLoadException("No model named '" + name + "' on the classpath: resource "
            + resource(file) + " not found" + hint + ". The `distill:compress` goal must run in"
            + " the build of the module that declares the model; it packages "
            + ModelFolder.resourceFolder(name) + " into the jar.");
      }
      return in;
    }

    @Override
    Optional<Path> localPath(String file) {
      return Optional.empty();
    }
  }
}
