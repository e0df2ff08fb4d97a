package dev.distill.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.teacher.EngineFixtures;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's forked JVM, whose command line carries the whole training class path, builds a student with a
 * sentence-encoder teacher (so the probe teacher's encoder session, the labelling session and the export checks'
 * sessions all open) when its command line is long, and leaves nothing in its temp folder.
 *
 * <p>ONNX Runtime 1.29.0 kills such a JVM with SIGSEGV when it creates a session (docs/reliability.md, "ONNX
 * Runtime's version"); this test cannot pass on it.
 */
class LongCommandLineTest {

    /** This JVM's class path, then about 20 KB of entries that do not exist (the JVM skips them). */
    private static String longClassPath() {
        String own = System.getProperty("java.class.path");
        StringBuilder classPath = new StringBuilder(own);
        Path padding = EngineFixtures.targetDir("long-command-line").resolve("no-such-entry");
        for (int i = 0; classPath.length() < own.length() + 20_000; i++) {
            classPath.append(File.pathSeparator).append(padding.resolve("entry-" + i));
        }
        return classPath.toString();
    }

    @Test
    void theForkedEngineDistillsFromAnEncoderTeacherWithALongCommandLine() throws Exception {
        Path root = EngineFixtures.targetDir("long-command-line").resolve("project");
        EngineProject project = EngineProject.cheap(root).create();
        WrongTeachers.encoder(project); // the bare encoder: the engine fits a linear probe on it
        Path tmp = Files.createDirectories(root.resolve("tmp"));

        String output = ChildProcess.engine(project.writeJob(false)).classPath(longClassPath())
                .property("distill.test.unused", "x".repeat(100_000))
                .property("java.io.tmpdir", tmp.toString()).in(project.root()).run();

        assertTrue(output.toLowerCase(java.util.Locale.ROOT).contains("probe"), output);
        assertTrue(Files.isRegularFile(project.student().resolve("model.onnx")), output);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the engine left files in java.io.tmpdir");
        }
    }
}
