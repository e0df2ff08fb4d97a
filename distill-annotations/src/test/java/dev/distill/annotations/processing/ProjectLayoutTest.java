package dev.distill.annotations.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the processor finds the project base directory, and the options that relax the file checks. These
 * compilations pass no {@code -Adistill.basedir} unless the test is about it; the JVM's working directory is this
 * module, not the test project, so a file check can only pass when the right base directory was found.
 */
class ProjectLayoutTest {

    @TempDir
    static Path root;
    static TestProject project;

    @BeforeAll
    static void createProject() throws IOException {
        project = TestProject.create(root.resolve("project"));
        Files.createDirectories(root.resolve("elsewhere/teacher"));
        Files.writeString(root.resolve("elsewhere/teacher/model.onnx"), "placeholder");
        Files.writeString(root.resolve("elsewhere/teacher/tokenizer.json"), "{}");
    }

    @Test
    void findsTheBaseDirectoryFromThePomAboveTheSourceFile() throws IOException {
        Path valid = project.source("Valid", DescriptorSource.of("Valid").text());
        Path missing = project.source("Missing", DescriptorSource.of("Missing")
                .with("name", "name = \"missing\"")
                .with("data", "data = @Dataset(train = \"data/absent.tsv\")").text());

        Compilation compilation = project.compile(List.of(valid, missing), List.of(new DistillProcessor()), List.of());

        List<Diagnostic<? extends JavaFileObject>> errors = compilation.distill(Diagnostic.Kind.ERROR);
        assertEquals(1, errors.size(), compilation.describe());
        assertTrue(Compilation.message(errors.get(0)).contains("data.train = \"data/absent.tsv\" does not exist"
                + " (looked for " + project.root().resolve("data/absent.tsv") + ", relative to the project base"
                + " directory " + project.root() + ")"), Compilation.message(errors.get(0)));
        assertTrue(compilation.descriptorJson("sentiment").isPresent(), "the valid descriptor is still written");
    }

    @Test
    void fallsBackToThePomAboveTheClassOutputForASourceWithoutAFile() throws IOException {
        JavaFileObject inMemory = new SimpleJavaFileObject(URI.create("string:///app/Memory.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return DescriptorSource.of("Memory").text();
            }
        };

        Compilation compilation = Compilation.run(List.of(), List.of(inMemory), project.nextClassOutput(),
                List.of(new DistillProcessor()), List.of());

        assertTrue(compilation.success(), compilation.describe());
        assertTrue(compilation.descriptorJson("sentiment").isPresent());
    }

    @Test
    void skipsFileChecksWhenToldTo() throws IOException {
        DescriptorSource source = DescriptorSource.of("Later")
                .with("teacher", "teacher = @Teacher(model = \"generated/teacher\")")
                .with("data", "data = @Dataset(train = \"generated/train.jsonl\", dev = \"generated/dev.jsonl\")");

        Compilation compilation = project.compile(List.of(project.source("Later", source.text())),
                "-Adistill.checkFiles=false");

        assertTrue(compilation.success(), compilation.describe());
        String json = compilation.descriptorJson("sentiment").orElseThrow();
        assertTrue(json.contains("\"model\": \"generated/teacher\""), json);
        assertTrue(json.contains("\"train\": \"generated/train.jsonl\""), json);
    }

    @Test
    void keepsCheckingWhereAPathLeadsWhenFileChecksAreOff() throws IOException {
        DescriptorSource source = DescriptorSource.of("Escape")
                .with("data", "data = @Dataset(train = \"data/../../train.tsv\")");

        Compilation compilation = project.compile(List.of(project.source("Escape", source.text())),
                "-Adistill.checkFiles=false");

        assertFalse(compilation.success());
        assertTrue(Compilation.message(compilation.distill(Diagnostic.Kind.ERROR).get(0))
                .contains("data.train = \"data/../../train.tsv\" leaves the project base directory"));
    }

    @Test
    void acceptsPathsOutsideTheProjectWhenAllowed() throws IOException {
        DescriptorSource source = DescriptorSource.of("Outside")
                .with("teacher", "teacher = @Teacher(model = \"../elsewhere/teacher\")");
        Path file = project.source("Outside", source.text());

        Compilation refused = project.compile(List.of(file));
        Compilation allowed = project.compile(List.of(file), "-Adistill.allowOutsidePaths=true");

        assertFalse(refused.success());
        assertTrue(allowed.success(), allowed.describe());
        assertTrue(allowed.descriptorJson("sentiment").orElseThrow()
                .contains("\"model\": \"../elsewhere/teacher\""), "paths stay as written");
    }

    @Test
    void rejectsABadOptionValue() throws IOException {
        Path file = project.source("Options", DescriptorSource.of("Options").text());

        Compilation compilation = project.compile(List.of(file), "-Adistill.checkFiles=maybe");

        assertFalse(compilation.success());
        assertEquals("distill: -Adistill.checkFiles=maybe is neither true nor false; using true",
                Compilation.message(compilation.distill(Diagnostic.Kind.ERROR).get(0)));
    }

    @Test
    void rejectsABaseDirectoryThatIsNotThere() throws IOException {
        Path file = project.source("NoBase", DescriptorSource.of("NoBase").text());

        Compilation compilation = Compilation.run(List.of(file), project.nextClassOutput(),
                List.of(new DistillProcessor()), List.of("-Adistill.basedir=" + root.resolve("nowhere")));

        assertFalse(compilation.success());
        assertTrue(Compilation.message(compilation.distill(Diagnostic.Kind.ERROR).get(0))
                .startsWith("distill: -Adistill.basedir=" + root.resolve("nowhere") + " is not a directory"));
    }

    @Test
    void rejectsDistillOnAnAnnotationType() throws IOException {
        String text = """
                package app;

                import dev.distill.annotations.*;

                @Distill(name = "meta", teacher = @Teacher(model = "teacher"),
                        data = @Dataset(train = "data/train.tsv"))
                public @interface Meta {
                }
                """;
        Compilation compilation = project.compile(List.of(project.source("Meta", text)),
                "-Adistill.basedir=" + project.root());

        List<Diagnostic<? extends JavaFileObject>> errors = compilation.distill(Diagnostic.Kind.ERROR);
        assertEquals(1, errors.size(), compilation.describe());
        assertTrue(Compilation.message(errors.get(0)).contains("@Distill is on the annotation type app.Meta"));
        // At the @ of @Distill: the problem is the annotated type, not one setting.
        assertEquals("5:1", errors.get(0).getLineNumber() + ":" + errors.get(0).getColumnNumber());
        assertTrue(compilation.descriptorJson("meta").isEmpty());
    }
}
