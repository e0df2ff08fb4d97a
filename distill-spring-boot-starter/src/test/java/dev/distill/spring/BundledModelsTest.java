package dev.distill.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.distill.runtime.ModelFolder;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which bundled folders become text classifier beans. */
class BundledModelsTest {

  @Test
  void aFolderWithoutATokenizerIsNoTextModel(@TempDir Path classes) throws IOException {
    Path text = Files.createDirectories(classes.resolve(ModelFolder.RESOURCE_ROOT + "sentiment"));
    Files.write(text.resolve(ModelFolder.MODEL), new byte[] {1});
    Files.write(text.resolve(ModelFolder.TOKENIZER), new byte[] {1});
    Path tabular = Files.createDirectories(classes.resolve(ModelFolder.RESOURCE_ROOT + "covertype"));
    Files.write(tabular.resolve(ModelFolder.MODEL), new byte[] {1});
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      assertEquals(List.of("sentiment"), BundledModels.names(loader));
    }
  }
}
