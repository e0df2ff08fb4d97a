package dev.distill.spring;

import dev.distill.runtime.ModelFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds the models bundled on a class path: every {@code META-INF/distill/<name>/model.onnx}, in
 * every jar and classes folder (what the {@code distill:compress} goal packages). Loading them is
 * the runtime's {@code TextClassifier.load(name, loader, options)}.
 */
final class BundledModels {
  private static final String PATTERN = "classpath*:" + ModelFolder.RESOURCE_ROOT + "*/"
      + ModelFolder.MODEL;

  private BundledModels() {}

  /** @return the bundled models' names, sorted */
  static List<String> names(ClassLoader loader) {
    TreeSet<String> names = new TreeSet<>();
    try {
      for (Resource model : new PathMatchingResourcePatternResolver(loader).getResources(PATTERN)) {
        // .../META-INF/distill/<name>/model.onnx: the name is the next to last segment.
        String[] segments = model.getURL().toString().split("/");
        names.add(segments[segments.length - 2]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + PATTERN + " on the class path", e);
    }
    return List.copyOf(names);
  }
}
