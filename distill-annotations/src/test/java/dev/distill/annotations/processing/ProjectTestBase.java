package dev.distill.annotations.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One {@link TestProject} shared by the tests of a class, and the assertion that a diagnostic hit its mark. */
abstract class ProjectTestBase {

    @TempDir
    static Path root;
    static TestProject project;

    @BeforeAll
    static void createProject() throws IOException {
        project = TestProject.create(root);
    }

    /** Asserts that {@code diagnostic} says everything {@code expected} asks for, at the place it names. */
    static void assertReported(Diagnostic<? extends JavaFileObject> diagnostic, DescriptorCase expected,
            DescriptorSource source) {
        String message = Compilation.message(diagnostic);
        for (String fragment : expected.message()) {
            assertTrue(message.contains(fragment), "expected <" + fragment + "> in <" + message + ">");
        }
        long[] at = source.lineAndColumn(expected.marker(), expected.token());
        assertEquals(at[0] + ":" + at[1], diagnostic.getLineNumber() + ":" + diagnostic.getColumnNumber(),
                "position of " + message + "\n" + source.text());
        assertTrue(diagnostic.getSource().toUri().getPath().endsWith(source.simpleName() + ".java"));
    }
}
