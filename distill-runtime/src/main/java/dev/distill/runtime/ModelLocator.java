package dev.distill.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a classifier from a folder, or from {@code META-INF/distill/<name>/} inside a jar: what
 * the command line's {@code --model} and the HTTP server's model paths name. Messages speak of
 * {@code --model} and {@code --name}, the command line's words for the path and the name.
 */
public final class ModelLocator {
  private static final Pattern MODEL_ENTRY = Pattern.compile(
      Pattern.quote(ModelFolder.RESOURCE_ROOT) + "([^/]+)/" + Pattern.quote(ModelFolder.MODEL));

  private ModelLocator() {}

  /**
   * Opens a classifier.
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
    if (Files.isDirectory(model)) {
      if (name != null) {
        throw new IllegalArgumentException("--name " + name + " applies to a jar, but --model "
            + model + " is a folder");
      }
      return TextClassifier.load(model, options);
    }
    if (!Files.isRegularFile(model)) {
      throw new ModelLoadException("--model " + model + ": no such folder or jar");
    }
    String chosen = choose(model, name, modelNames(model));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {model.toUri().toURL()}, null)) {
      // Everything is read into memory while loading, so the jar can be closed afterwards.
      return TextClassifier.load(chosen, loader, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
