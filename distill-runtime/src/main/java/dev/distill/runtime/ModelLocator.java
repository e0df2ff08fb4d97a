package dev.distill.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a text or image classifier from a folder, or from {@code META-INF/distill/<name>/} inside a jar: what
 * the command line's {@code --model} and the HTTP server's model paths name. Messages speak of
 * {@code --model} and {@code --name}, the command line's words for the path and the name.
 */
public final class ModelLocator {
  private static final Pattern MODEL_ENTRY = Pattern.compile(
      Pattern.quote(ModelFolder.RESOURCE_ROOT) + "([^/]+)/" + Pattern.quote(ModelFolder.MODEL));

  private ModelLocator() {}

  /**
   * Opens a text classifier.
   *
   * @param model a classifier folder, or a jar holding {@code META-INF/distill/<name>/}
   * @param name the model's name inside the jar, or null when the jar holds exactly one; must be
   *     null for a folder
   * @param options how to run it
   * @return the classifier
   * @throws ModelLoadException if there is no such folder or jar, or the model is broken
   * @throws IllegalArgumentException if a name is given for a folder, or is needed and missing
   */
  public static TextClassifier open(Path model, String name, ClassifierOptions options) {
    return open(model, name, folder -> TextClassifier.load(folder, options),
        (chosen, loader) -> TextClassifier.load(chosen, loader, options));
  }

  /**
   * Opens an image classifier, as {@link #open} does a text classifier.
   *
   * @see #isImage
   */
  public static ImageClassifier openImage(Path model, String name, ClassifierOptions options) {
    return open(model, name, folder -> ImageClassifier.load(folder, options),
        (chosen, loader) -> ImageClassifier.load(chosen, loader, options));
  }

  /**
   * @param model a classifier folder, or a jar holding {@code META-INF/distill/<name>/}
   * @param name as for {@link #open}
   * @return whether the model is an image classifier (it has a {@value ModelFolder#PREPROCESSOR_CONFIG})
   * @throws ModelLoadException if there is no such folder or jar
   * @throws IllegalArgumentException if a name is given for a folder, or is needed and missing
   */
  public static boolean isImage(Path model, String name) {
    if (checkedFolder(model, name)) {
      return Files.isRegularFile(model.resolve(ModelFolder.PREPROCESSOR_CONFIG));
    }
    String chosen = choose(model, name, modelNames(model));
    try (JarFile file = new JarFile(model.toFile())) {
      return file.getEntry(ModelFolder.RESOURCE_ROOT + chosen + "/" + ModelFolder.PREPROCESSOR_CONFIG) != null;
    } catch (IOException e) {
      throw new ModelLoadException("--model " + model + " is neither a folder nor a readable jar: "
          + e.getMessage(), e);
    }
  }

  private static <T> T open(Path model, String name, Function<Path, T> fromFolder,
      BiFunction<String, ClassLoader, T> fromJar) {
    if (checkedFolder(model, name)) {
      return fromFolder.apply(model);
    }
    String chosen = choose(model, name, modelNames(model));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {model.toUri().toURL()}, null)) {
      // Everything is read into memory while loading, so the jar can be closed afterwards.
      return fromJar.apply(chosen, loader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return true for a folder, false for a file (a jar); throws for a name given with a folder, or no such path */
  private static boolean checkedFolder(Path model, String name) {
    if (Files.isDirectory(model)) {
      if (name != null) {
        throw new IllegalArgumentException("--name " + name + " applies to a jar, but --model "
            + model + " is a folder");
      }
      return true;
    }
    if (!Files.isRegularFile(model)) {
      throw new ModelLoadException("--model " + model + ": no such folder or jar");
    }
    return false;
  }

  /**
   * @param jar a jar
   * @return the names of the models packaged in it, sorted
   */
  public static List<String> modelNames(Path jar) {
    TreeSet<String> names = new TreeSet<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      file.stream().forEach(entry -> {
        Matcher matcher = MODEL_ENTRY.matcher(entry.getName());
        if (matcher.matches()) {
          names.add(matcher.group(1));
        }
      });
    } catch (IOException e) {
      throw new ModelLoadException("--model " + jar + " is neither a folder nor a readable jar: "
          + e.getMessage(), e);
    }
    return List.copyOf(names);
  }

  private static String choose(Path jar, String name, List<String> names) {
    if (names.isEmpty()) {
      throw new ModelLoadException(jar + " holds no model (no " + ModelFolder.RESOURCE_ROOT
          + "<name>/" + ModelFolder.MODEL + "); was it built with the distill:compress goal?");
    }
    if (name == null) {
      if (names.size() == 1) {
        return names.get(0);
      }
      throw new IllegalArgumentException(jar + " holds " + names.size() + " models " + names
          + "; choose one with --name");
    }
    if (!names.contains(name)) {
      throw new ModelLoadException(jar + " holds no model named '" + name + "'; it holds "
          + names);
    }
    return name;
  }
}
