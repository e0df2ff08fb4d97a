package dev.distill.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.StudentFolder;
import dev.distill.engine.teacher.SoftTargetCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds sharing one soft-target cache, as real engine child JVMs started together: both
 * succeed and the cache holds only sound entries. A truncated entry is then noticed by the next
 * build, named in a warning, recomputed and replaced.
 */
class SharedCacheTest {

    @TempDir
    Path dir;

    @Test
    void concurrentBuildsShareTheCacheAndABrokenEntryIsReplaced() throws Exception {
        Path cache = dir.resolve("cache");
        EngineProject first = EngineProject.at(dir.resolve("first")).cache(cache).create();
        EngineProject second = EngineProject.at(dir.resolve("second")).cache(cache).create();
        try (ChildProcess.Running a = ChildProcess.engine(first.writeJob(false)).start();
                ChildProcess.Running b = ChildProcess.engine(second.writeJob(false)).start()) {
            a.assertSucceeds();
            b.assertSucceeds();
        }
        assertTrue(StudentFolder.intact(first.student()) && StudentFolder.intact(second.student()));
        List<Path> entries = files(cache);
        assertFalse(entries.isEmpty(), "the builds wrote no soft targets into " + cache);
        for (Path entry : entries) {
            assertTrue(entry.getFileName().toString().endsWith(SoftTargetCache.SEGMENT_SUFFIX),
                    "a stray file in the cache: " + entry);
            assertEquals(Optional.empty(), SoftTargetCache.defect(entry), entry.toString());
        }

        Path broken = entries.get(0);
        byte[] good = Files.readAllBytes(broken);
        Files.write(broken, Arrays.copyOf(good, good.length / 2));
        try (ChildProcess.Running rebuild = ChildProcess.engine(first.writeJob(true)).start()) {
            rebuild.assertSucceeds();
            assertTrue(rebuild.output().stream().anyMatch(line -> line.startsWith("distill: warning: ")
                    && line.contains(broken.toString()) && line.contains("unusable")),
                    "no warning names the truncated entry:\n" + rebuild.transcript());
        }
        assertEquals(Optional.empty(), SoftTargetCache.defect(broken), "the truncated entry was not replaced");
        assertTrue(Arrays.equals(good, Files.readAllBytes(broken)), "the replaced entry differs from the original");
        assertEquals(entries, files(cache), "the rebuild left temporary files in the cache");
    }

    /** The files under the cache: segments in one folder per teacher. */
    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
