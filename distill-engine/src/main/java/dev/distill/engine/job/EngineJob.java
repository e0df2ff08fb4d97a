package dev.distill.engine.job;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.train.TrainingDevice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the Maven goal asks of the engine, written as JSON for the forked JVM that trains. The goal
 * maps its parameters onto this and nothing else; everything that follows is the engine's.
 *
 * @param projectDirectory  the project base directory (relative descriptor paths resolve against it)
 * @param classesDirectory  where the descriptors are ({@code META-INF/distill/descriptors/}) and where the
 *                          students go ({@code META-INF/distill/<name>/})
 * @param workDirectory     per-descriptor scratch space, reports and fingerprints ({@code <work>/<name>/})
 * @param cacheDirectory    the soft-target cache, which may be shared between projects and builds
 * @param properties        the {@code distill.*} settings overrides, as given
 * @param provenance        extra provenance per descriptor name (for example the teacher artifact's coordinates)
 * @param resolvedTeachers  per teacher ({@link #teacherKey}), the teacher files the goal extracted from a Maven artifact
 * @param device            where the student trains (the goal reads it with {@link DeviceSetting#parse})
 * @param threads           compute threads for training and inference
 * @param force             retrain even when every input is unchanged
 * @param thresholds        the checks that fail the build
 * @param allowOutsidePaths whether descriptor paths (data, teacher) may be absolute or leave the project directory
 * @param pluginVersion     part of every fingerprint: a new plugin retrains
 * @param outputTimestamp   the project's {@code project.build.outputTimestamp} as written in the pom, or null when
 *                          it is unset; recorded in config.json as the build time (see docs/reliability.md)
 */
public record EngineJob(
        String projectDirectory,
        String classesDirectory,
        String workDirectory,
        String cacheDirectory,
        Map<String, String> properties,
        Map<String, Map<String, String>> provenance,
        Map<String, ResolvedTeacher> resolvedTeachers,
        TrainingDevice device,
        int threads,
        boolean force,
        Thresholds thresholds,
        boolean allowOutsidePaths,
        String pluginVersion,
        String outputTimestamp) {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public EngineJob {
        properties = new TreeMap<>(properties);
        provenance = new TreeMap<>(provenance);
        resolvedTeachers = new TreeMap<>(resolvedTeachers);
        Objects.requireNonNull(device, "device");
    }

    /** A job without {@code project.build.outputTimestamp}: config.json then records no build time. */
    public EngineJob(String projectDirectory, String classesDirectory, String workDirectory, String cacheDirectory,
            Map<String, String> properties, Map<String, Map<String, String>> provenance,
            Map<String, ResolvedTeacher> resolvedTeachers, TrainingDevice device, int threads, boolean force,
            Thresholds thresholds, boolean allowOutsidePaths, String pluginVersion) {
        this(projectDirectory, classesDirectory, workDirectory, cacheDirectory, properties, provenance,
                resolvedTeachers, device, threads, force, thresholds, allowOutsidePaths, pluginVersion, null);
    }

    /**
     * Teacher files taken out of a Maven artifact by the goal (the engine knows nothing of Maven).
     *
     * @param coordinates the artifact, for provenance
     * @param model       the extracted ONNX model
     * @param tokenizer   the extracted tokenizer.json
     */
    public record ResolvedTeacher(String coordinates, String model, String tokenizer) {}

    /**
     * The key of a descriptor's teacher in {@link #resolvedTeachers}: the descriptor's name for its first (or only)
     * teacher, {@code <name>/teacher[i]} for the others.
     */
    public static String teacherKey(String descriptor, int teacher) {
        return teacher == 0 ? descriptor : descriptor + "/teacher[" + teacher + "]";
    }

    public Path project() {
        return Path.of(projectDirectory);
    }

    public Path classes() {
        return Path.of(classesDirectory);
    }

    public Path work() {
        return Path.of(workDirectory);
    }

    public Path cache() {
        return Path.of(cacheDirectory);
    }

    /** Extra provenance for one descriptor (empty when there is none). */
    public Map<String, String> provenanceOf(String name) {
        return provenance.getOrDefault(name, Map.of());
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    public static EngineJob read(Path file) throws IOException {
        try {
            EngineJob job = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), EngineJob.class);
            if (job == null || job.projectDirectory() == null || job.classesDirectory() == null) {
                throw new IOException("engine job file " + file + " is incomplete");
            }
            return job;
        } catch (JsonParseException e) {
            throw new IOException("engine job file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
