package dev.distill.engine.softtargets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.BuildFingerprint;
import dev.distill.engine.job.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder layout and what the engine does without a reader. The engine's own class path has none (distill-parquet
 * brings it), which is what a build without that dependency sees.
 */
class SoftTargetFolderTest {

    @TempDir
    Path temp;

    @Test
    void withoutAReaderTheMessageNamesTheSettingAndTheDependencyToAdd() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("labelled"));
        Files.writeString(folder.resolve("part-00000.parquet"), "rows");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SoftTargets.read(folder));
        assertTrue(e.getMessage().startsWith("data.softTargets is set, but no soft-target reader is on the engine's"
                + " class path: add dev.distill:distill-parquet"), e.getMessage());
        assertTrue(e.getMessage().contains("<dependency> inside the distill-maven-plugin <plugin> element"),
                e.getMessage());
    }

    @Test
    void theDataFilesAreTheParquetFilesSparkWroteAndTheFingerprintSeesThem() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("labelled"));
        Path part0 = Files.writeString(folder.resolve("part-00000-a.snappy.parquet"), "rows 0");
        Path part1 = Files.writeString(folder.resolve("part-00001-a.snappy.parquet"), "rows 1");
        Files.writeString(folder.resolve(".part-00000-a.snappy.parquet.crc"), "crc");
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Path metadata = Files.writeString(folder.resolve(SoftTargetFolder.METADATA), "{\"teacherKey\": \"abc\"}");

        assertEquals(List.of(part0, part1), SoftTargetFolder.dataFiles(folder));
        assertEquals(List.of(metadata, part0, part1), SoftTargetFolder.inputFiles(folder));
        assertEquals("abc", SoftTargetFolder.teacherKey(folder).orElseThrow());

        String before = fingerprint(folder);
        Files.writeString(part1, "rows 1, labelled again");
        String changed = fingerprint(folder);
        assertNotEquals(before, changed, "a changed part is a new input");
        Files.writeString(folder.resolve("part-00002-a.snappy.parquet"), "rows 2");
        assertNotEquals(changed, fingerprint(folder), "an added part is a new input");
    }

    @Test
    void brokenMetadataIsNamed() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("labelled"));
        Files.writeString(folder.resolve(SoftTargetFolder.METADATA), "{\"rows\": 3}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SoftTargetFolder.teacherKey(folder));
        assertEquals("data.softTargets: " + folder.resolve(SoftTargetFolder.METADATA) + " has no string \"teacherKey\":"
                + " it is not the file distill-spark writes; delete it or label the folder again", e.getMessage());
    }

    private static String fingerprint(Path folder) {
        return BuildFingerprint.of(Map.of("data.softTargets", "labelled"), SoftTargetFolder.inputFiles(folder),
                Thresholds.DEFAULTS, "1");
    }
}
