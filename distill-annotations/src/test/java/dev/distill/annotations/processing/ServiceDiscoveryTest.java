package dev.distill.annotations.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With nothing but the annotations on the class path (no {@code -processor}, no processor instance), javac finds
 * the processor through {@code META-INF/services} and runs it: the way a user's build gets it.
 */
class ServiceDiscoveryTest {

    @TempDir
    Path root;

    @Test
    void javacFindsTheProcessorOnTheClassPath() throws IOException {
        assertTrue(Files.isRegularFile(Compilation.annotationsClassPath()
                .resolve("META-INF/services/javax.annotation.processing.Processor")));
        TestProject project = TestProject.create(root);
        DescriptorSource bad = DescriptorSource.of("Bad").with("alpha", "alpha = 1.5");
        Path valid = project.source("Good", DescriptorSource.of("Good").text());

        Compilation failed = project.compile(List.of(project.source("Bad", bad.text())), null, List.of());
        Compilation passed = project.compile(List.of(valid), null, List.of());

        assertFalse(failed.success());
        assertEquals(List.of("distill: alpha = 1.5 is outside [0, 1]: alpha weighs the teacher's soft targets"
                        + " against the gold labels"),
                failed.distill(Diagnostic.Kind.ERROR).stream().map(Compilation::message).toList());
        assertTrue(passed.success(), passed.describe());
        assertTrue(passed.descriptorJson("sentiment").orElseThrow().contains("\"descriptorClass\": \"app.Good\""));
    }
}
