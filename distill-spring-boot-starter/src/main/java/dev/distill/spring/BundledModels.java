package dev.distill.spring;

import dev.distill.runtime.ModelFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds the text models bundled on a class path: every {@code META-INF/distill/<name>/model.onnx}
 * with its {@code tokenizer.json}, in every jar and classes folder (what the {@code distill:compress}
 * goal packages). Loading them is the runtime's {@code TextClassifier.load(name, loader, options)}.
 * A tabular student (an MLP) has no tokenizer and is not a {@code TextClassifier}: it is left to the
 * application's {@code TabularClassifier.load(name, loader, options)} rather than failing the start.
 */
final class BundledModels {
  private static final String PATTERN = "classpath*:" + ModelFolder.RESOURCE_ROOT + "*/"
      + ModelFolder.MODEL;

  private BundledModels() {}

  /** @return the bundled text models' names, sorted */
  static List<String> names(ClassLoader loader) {
    TreeSet<String> names = new TreeSet<>();
    try {
      for (Resource model : new PathMatchingResourcePatternResolver(loader).getResources(PATTERN)) {
        // .../META-INF/distill/<name>/model.onnx: the name is the next to last segment.
        String[] segments = model.getURL().toString().split("/");
        String name = segments[segments.length - 2];
        if (loader.getResource(ModelFolder.RESOURCE_ROOT + name + "/" + ModelFolder.TOKENIZER) != null) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + PATTERN + " on the class path", e);
    }
    return List.copyOf(names);
  }
}
