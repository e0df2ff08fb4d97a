package dev.distill.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.StagePause;
import dev.distill.engine.StudentFolder;
import dev.distill.engine.teacher.ContentHash;
import dev.distill.engine.teacher.EngineFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's fork entry killed with SIGKILL during training, during export and during packaging,
 * as a real child JVM on a real (small) job: {@code META-INF/distill} never holds a partial model,
 * and the next build recovers without a clean. An engine whose parent is gone stops.
 */
class InterruptedBuildTest {

    @TempDir
    Path dir;

    @Test
    void aBuildKilledAtAnyStageLeavesNoPartialModelAndTheNextBuildRecovers() throws Exception {
        EngineProject project = EngineProject.at(dir.resolve("app")).cache(sharedCache()).create();

        killAt(project, false, "training");
        assertFalse(Files.exists(project.student()), "a student appeared although training never finished");
        assertOnlyCompleteModels(project);

        build(project, false);
        String model = modelHash(project);

        // A rebuild killed in export and in packaging leaves the last good student alone.
        killAt(project, true, "export");
        assertEquals(model, modelHash(project), "the previous student changed");
        killAt(project, true, "packaging");
        assertEquals(model, modelHash(project), "the previous student changed");
        assertTrue(leftovers(project).stream().anyMatch(p -> p.getFileName().toString().contains("staging")),
                "the new student is staged in the work folder, outside the class output");

        // Killed between setting the old student aside and moving the new one in: no student at all.
        killAt(project, true, "packaging-swap");
        assertFalse(Files.exists(project.student()), "a student folder is in place in the middle of the swap");
        assertOnlyCompleteModels(project);

        ChildProcess.Running recovery = build(project, false);
        assertTrue(recovery.output().stream().anyMatch(l -> l.contains(": distilling ")),
                "the build after a kill must retrain, not call the missing student up to date:\n"
                        + recovery.transcript());
        assertEquals(List.of(), leftovers(project), "the next build cleans up what the kills left");
        build(project, false);
        // The third build finds everything in place.
    }

    @Test
    void anEngineWhoseParentIsGoneStopsInsteadOfWritingOn() throws Exception {
        EngineProject project = EngineProject.at(dir.resolve("orphan")).cache(sharedCache()).create();
        try (ChildProcess.Running child = ChildProcess.engine(project.writeJob(false))
                .property(StagePause.PROPERTY, "training").property(ParentLifeline.PROPERTY, ParentLifeline.STDIN)
                .start()) {
            child.awaitPause("training");
            // What the kernel does when the goal's JVM dies: the write end of the child's stdin closes.
            child.stdin().close();
            assertEquals(ParentLifeline.EXIT_CODE, child.exitCode(), child.transcript());
            assertTrue(child.transcript().contains("the build that started this JVM is gone"), child.transcript());
        }
        assertFalse(Files.exists(project.student()));
        assertOnlyCompleteModels(project);
    }

    /** A soft-target cache shared by the tests of this class, so the teacher runs once. */
    static Path sharedCache() {
        return EngineFixtures.targetDir("engine-process-cache");
    }

    private static void killAt(EngineProject project, boolean force, String point) throws Exception {
        try (ChildProcess.Running child = ChildProcess.engine(project.writeJob(force))
                .property(StagePause.PROPERTY, point).start()) {
            child.awaitPause(point);
            child.kill();
        }
        assertOnlyCompleteModels(project);
    }

    private static ChildProcess.Running build(EngineProject project, boolean force) throws Exception {
        try (ChildProcess.Running child = ChildProcess.engine(project.writeJob(force)).start()) {
            child.assertSucceeds();
            assertTrue(StudentFolder.intact(project.student()), "the student is not intact after a build");
            assertOnlyCompleteModels(project);
            return child;
        }
    }

    /**
     * What a jar would package: nothing under META-INF/distill but the descriptors and, when there is
     * one, a complete student whose config records its model's hash.
     */
    private static void assertOnlyCompleteModels(EngineProject project) throws IOException {
        try (Stream<Path> entries = Files.list(project.distillFolder())) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.equals("descriptors")) {
                    continue;
                }
                assertEquals(project.name(), name, "a stray entry in " + project.distillFolder());
                assertTrue(StudentFolder.intact(entry), "a partial or corrupt student: " + entry);
                try (Stream<Path> files = Files.list(entry)) {
                    assertEquals(List.of("config.json", "model.onnx", "tokenizer.json"),
                            files.map(f -> f.getFileName().toString()).sorted().toList());
                }
            }
        }
    }

    /** Staging or set-aside folders of the student in its work folder. */
    private static List<Path> leftovers(EngineProject project) throws IOException {
        String prefix = "." + project.name() + ".";
        try (Stream<Path> entries = Files.list(project.work())) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static String modelHash(EngineProject project) throws IOException {
        assertTrue(StudentFolder.intact(project.student()), "the previous student is gone or broken");
        return ContentHash.sha256(Files.readAllBytes(project.student().resolve("model.onnx")));
    }
}
