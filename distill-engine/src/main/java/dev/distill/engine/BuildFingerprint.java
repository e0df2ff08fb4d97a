package dev.distill.engine;

import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.teacher.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hash of every input of one distillation: the settings, the contents (not the paths) of the
 * teacher and data files, the thresholds and the plugin version. When it matches the last build's
 * and the student is in place, nothing needs to run.
 */
public final class BuildFingerprint {

    static final String FILE = "fingerprint";

    private BuildFingerprint() {
    }

    /**
     * The fingerprint of a plan: its settings and its provenance, which config.json records (the teacher
     * artifact, the build time of {@code project.build.outputTimestamp}), so that a change of either rebuilds.
     *
     * @param inputFiles the teacher and data files, in a fixed order; a missing optional file is skipped
     */
    public static String of(DistillationPlan plan, List<Path> inputFiles, Thresholds thresholds,
            String pluginVersion) {
        return of(plan.settings(), plan.provenance(), inputFiles, thresholds, pluginVersion);
    }

    /** The fingerprint of settings without provenance. */
    public static String of(Map<String, String> settings, List<Path> inputFiles, Thresholds thresholds,
            String pluginVersion) {
        return of(settings, Map.of(), inputFiles, thresholds, pluginVersion);
    }

    /**
     * @param provenance what config.json records beside the settings
     * @param inputFiles the teacher and data files, in a fixed order; a missing optional file is skipped
     */
    public static String of(Map<String, String> settings, Map<String, String> provenance, List<Path> inputFiles,
            Thresholds thresholds, String pluginVersion) {
        ContentHash hash = new ContentHash().add("distill-fingerprint-1").add(pluginVersion);
        new TreeMap<>(settings).forEach((k, v) -> hash.add(k).add(v));
        // Without provenance the hash is the one the earlier versions computed.
        new TreeMap<>(provenance).forEach((k, v) -> hash.add("provenance." + k).add(v));
        hash.add(thresholds.toString());
        for (Path file : inputFiles) {
            if (file != null && Files.isRegularFile(file)) {
                hash.add(file.getFileName().toString()).addFile(file);
            }
        }
        return hash.hex();
    }

    /** Whether the last build of this work folder had this fingerprint and its student is still in place. */
    public static boolean upToDate(String fingerprint, Path workFolder, Path outputFolder) throws IOException {
        Path recorded = workFolder.resolve(FILE);
        return Files.isRegularFile(recorded)
                && Files.readString(recorded, StandardCharsets.UTF_8).trim().equals(fingerprint)
                && StudentFolder.intact(outputFolder);
    }

    /** Records a successful build; written last, so an interrupted build is never taken as up to date. */
    public static void record(String fingerprint, Path workFolder) throws IOException {
        AtomicFiles.writeString(workFolder.resolve(FILE), fingerprint + "\n");
    }

    /** Forgets the last build, before a new one starts writing. */
    public static void forget(Path workFolder) throws IOException {
        Files.deleteIfExists(workFolder.resolve(FILE));
    }
}
