package dev.distill.annotations.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Two descriptors may not share a name, whether they are compiled in the same round or in later rounds. */
class DuplicateNameTest extends ProjectTestBase {

    @Test
    void rejectsTheSecondDescriptorOfTheSameRound() throws IOException {
        Path first = project.source("First", DescriptorSource.of("First").text());
        DescriptorSource second = DescriptorSource.of("Second");
        Path secondFile = project.source("Second", second.text());

        Compilation compilation = project.compile(List.of(first, secondFile));

        assertFalse(compilation.success());
        List<Diagnostic<? extends JavaFileObject>> errors = compilation.distill(Diagnostic.Kind.ERROR);
        assertEquals(1, errors.size(), compilation.describe());
        assertEquals("distill: name = \"sentiment\" is already used by the descriptor app.First: each descriptor"
                + " needs its own name, since the name is its folder in the jar", Compilation.message(errors.get(0)));
        assertTrue(errors.get(0).getSource().getName().endsWith("Second.java"));
        long[] at = second.lineAndColumn("\"sentiment\"", "\"sentiment\"");
        assertEquals(at[0] + ":" + at[1], errors.get(0).getLineNumber() + ":" + errors.get(0).getColumnNumber());
        assertTrue(compilation.descriptorJson("sentiment").orElseThrow().contains("\"app.First\""));
    }

    @Test
    void rejectsADescriptorGeneratedInALaterRound() throws IOException {
        Path original = project.source("Original", DescriptorSource.of("Original").text());

        Compilation compilation = project.compile(List.of(original),
                List.of(new DistillProcessor(), new GeneratesADescriptor()),
                List.of("-Adistill.basedir=" + root));

        assertFalse(compilation.success());
        List<Diagnostic<? extends JavaFileObject>> errors = compilation.distill(Diagnostic.Kind.ERROR);
        assertEquals(1, errors.size(), compilation.describe());
        assertTrue(Compilation.message(errors.get(0)).contains("already used by the descriptor app.Original"));
        assertTrue(errors.get(0).getSource().getName().endsWith("Generated.java"));
        long[] at = DescriptorSource.of("Generated").lineAndColumn("\"sentiment\"", "\"sentiment\"");
        assertEquals(at[0] + ":" + at[1], errors.get(0).getLineNumber() + ":" + errors.get(0).getColumnNumber());
    }

    /** Writes a second descriptor with the same name in the first round, so javac processes it in the second. */
    static final class GeneratesADescriptor extends AbstractProcessor {
        private boolean generated;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("dev.distill.annotations.Distill");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!generated) {
                generated = true;
                try (Writer out = processingEnv.getFiler().createSourceFile("app.Generated").openWriter()) {
                    out.write(DescriptorSource.of("Generated").text());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return false;
        }
    }
}
