package dev.distill.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.teacher.EngineFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input case "a full disk", through the real file system: the class output of a {@link EngineProject#cheap}
 * project is a 512 KiB tmpfs (mounted in a user and mount namespace of its own, made by {@code unshare -rm}), too
 * small for the student model, and the goal's forked engine ({@link EngineMain#main}) runs in that namespace. The
 * build must fail with {@code distill-error:} lines that name the student folder and the cause, and leave nothing in
 * the class output but the descriptors. Skipped, with the reason, where user namespaces or tmpfs mounts are not
 * allowed.
 */
class FullDiskTest {

    private static final String SCRIPT = """
            classes="$1"
            mount -t tmpfs -o size=512k tmpfs "$classes" || exit 97
            mkdir -p "$classes/META-INF/distill" && cp -r "$2" "$classes/META-INF/distill/descriptors" || exit 98
            shift 2
            "$@"
            echo "engine exit $?"
            cd "$classes" && find . | sort | sed 's/^/left: /'
            """;

    @Test
    void aFullDiskNamesTheFolderAndLeavesNothingBehind() throws Exception {
        Path dir = EngineFixtures.targetDir("bad-input-full-disk");
        AtomicFiles.deleteTree(dir);
        EngineProject project = EngineProject.cheap(dir.resolve("project")).create();
        Path descriptors = dir.resolve("descriptors");
        Files.move(project.classes().resolve("META-INF/distill/descriptors"), descriptors);
        Path job = dir.resolve("job.json");
        project.job(true).write(job);

        int exitCode;
        String output;
        // The script mounts the tmpfs, puts the descriptors back and runs the engine command after its two arguments.
        try (ChildProcess.Running child = ChildProcess.engine(job).prefix(List.of("unshare", "-rm", "sh", "-c",
                SCRIPT, "sh", project.classes().toString(), descriptors.toString())).start()) {
            exitCode = child.exitCode();
            output = child.transcript();
        }
        assumeTrue(exitCode != 97 && !output.contains("unshare:"),
                "skipped: this machine does not allow a tmpfs in a user namespace (unshare -rm): " + output);
        assertEquals(0, exitCode, output);

        assertTrue(output.contains("engine exit 1"), "the build fails:\n" + output);
        String error = output.lines().filter(line -> line.startsWith(EngineMain.ERROR_PREFIX)).findFirst()
                .orElseThrow(() -> new AssertionError("no distill-error line:\n" + output));
        assertTrue(error.contains("Cannot write the student folder " + project.student()), error);
        assertTrue(error.contains("No space left on device") && error.contains("free disk space"), error);
        List<String> left = output.lines().filter(line -> line.startsWith("left: ")).map(l -> l.substring(6))
                .toList();
        assertEquals(List.of(".", "./META-INF", "./META-INF/distill", "./META-INF/distill/descriptors",
                "./META-INF/distill/descriptors/sentiment.json"), left, "only the descriptors are left:\n" + output);
        assertNoPartialFilesInWork(project.root().resolve("target"));
    }

    /** The work folder and the cache live on the normal disk: nothing temporary may be left there either. */
    private static void assertNoPartialFilesInWork(Path target) throws IOException {
        try (var all = Files.walk(target)) {
            assertEquals(List.of(), all.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".tmp") || name.contains("staging")).toList());
        }
    }
}
