package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.distill.annotations.Dataset;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Teacher;
import dev.distill.runtime.testing.ClassifierFixture;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load(String), load(ClassLoader) and load(Class) find META-INF/distill/<name>/ on a real classpath. */
class ClasspathLoadingTest {
  static final String NAME = "sst2-fixture";
  private static final List<String> TEXTS =
      List.of("a masterpiece", "dull and lifeless", "it 's fine", "");

  /** A descriptor as an application would declare it (the processor does not run on tests). */
  @Distill(name = NAME, teacher = @Teacher(model = "teacher/model.onnx"),
      data = @Dataset(train = "data/train.tsv"))
  static final class SentimentModel {}

  private static List<Prediction> expected;

  @BeforeAll
  static void bundleTheFixtureIntoTestClasses() throws IOException, URISyntaxException {
    // target/test-classes is on the test classpath: a resource written there at run time is
    // found by the application class loader, as if it had been packaged.
    Path testClasses = Path.of(ClasspathLoadingTest.class.getProtectionDomain()
        .getCodeSource().getLocation().toURI());
    ClassifierFixture.copyTo(testClasses.resolve("META-INF/distill/" + NAME));
    try (TextClassifier folder = TextClassifier.load(ClassifierFixture.classifier())) {
      expected = predictEach(folder);
    }
  }

  @AfterAll
  static void forgetResults() {
    expected = null;
  }

  @Test
  void loadsByNameFromTheContextClassLoader() {
    try (TextClassifier byName = TextClassifier.load(NAME)) {
      assertEquals(expected, predictEach(byName));
      assertEquals(List.of("0", "1"), byName.labels());
    }
  }

  @Test
  void loadsByDescriptorClass() {
    try (TextClassifier byClass = TextClassifier.load(SentimentModel.class,
        ClassifierOptions.builder().intraOpThreads(1).build())) {
      assertEquals(expected, predictEach(byClass));
    }
  }

  @Test
  void loadsFromAJarOnItsOwnClassLoader(@TempDir Path temp) throws IOException {
    Path jar = temp.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String file : ModelFolder.FILES) {
        out.putNextEntry(new JarEntry("META-INF/distill/packaged/" + file));
        Files.copy(ClassifierFixture.classifier().resolve(file), out);
        out.closeEntry();
      }
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        TextClassifier fromJar = TextClassifier.load("packaged", loader, ClassifierOptions.defaults())) {
      assertEquals(expected, predictEach(fromJar));
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      ModelLoadException e = assertThrows(ModelLoadException.class,
          () -> TextClassifier.load("other", loader, ClassifierOptions.defaults()));
      TextClassifierErrorsTest.assertMentions(e, "META-INF/distill/other/model.onnx", "distill:compress");
    }
  }

  @Test
  void rejectsNamesThatAreNotAFolderName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TextClassifier.load("../escape"));
    TextClassifierErrorsTest.assertMentions(e, "../escape");
  }

  private static List<Prediction> predictEach(TextClassifier classifier) {
    return TEXTS.stream().map(classifier::predict).toList();
  }

}
