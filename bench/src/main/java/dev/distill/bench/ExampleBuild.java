package dev.distill.bench;

import com.google.gson.JsonObject;
import dev.distill.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole example build, {@code mvn package} in {@code examples/sentiment} as its run script runs it,
 * from scratch: a fresh work folder and soft-target cache and {@code distill.force}, so every stage
 * runs (the teacher's probe fit, teacher labeling, training, export, quantization, evaluation) and
 * Maven's own part (resolution, compilation, the jar) is what is left of the wall time.
 */
final class ExampleBuild {

    /** The example's descriptor name: its report is {@code <work>/distill/sentiment/report.json}. */
    static final String NAME = "sentiment";

    private ExampleBuild() {
    }

    /**
     * @param project the example project (its pom.xml; the distill plugin must be installed, as bench/run does)
     * @param work    scratch for the build's work folder and cache, emptied first
     * @param threads the goal's training and teacher threads
     */
    static Map<String, Object> run(Path project, Path work, int threads, Consumer<String> log)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(project.resolve("pom.xml"))) {
            throw new IllegalArgumentException("--example " + project + ": no pom.xml there; give the example project's"
                    + " folder (examples/sentiment) or --example none to skip the example build");
        }
        AtomicFiles.deleteTree(work);
        Path distill = work.resolve("distill");
        List<String> command = List.of("mvn", "-B", "-ntp", "package", "-Ddistill.force=true",
                "-Ddistill.threads=" + threads, "-Ddistill.workDirectory=" + distill,
                "-Ddistill.cacheDirectory=" + work.resolve("soft-targets"));
        MeasuredProcess.Result result = MeasuredProcess.run(command, project, log);
        if (result.exitCode() != 0) {
            List<String> tail = result.lines().subList(Math.max(0, result.lines().size() - 30), result.lines().size());
            throw new IllegalStateException("the example build (" + String.join(" ", command) + " in " + project
                    + ") failed (exit " + result.exitCode() + "):\n" + String.join("\n", tail));
        }
        JsonObject report = DistillBuild.report(distill.resolve(NAME));
        Map<String, Double> stages = DistillBuild.stageSeconds(report);
        double staged = stages.values().stream().mapToDouble(Double::doubleValue).sum();
        stages.put("Maven: resolution, compilation, jar, forking the engine", result.wallSeconds() - staged);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("what", "the whole example build: " + String.join(" ", command) + " in " + project.getFileName()
                + ", with an empty work folder and soft-target cache");
        b.put("summary", report.get("summary").getAsString());
        b.put("wallSeconds", result.wallSeconds());
        b.put("peakRssMiB", result.peakRssMiB());
        b.put("enginePeakRssMiB", result.largestProcessPeakMiB());
        b.put("peakRssMethod", "the peak of VmRSS summed over Maven and its child processes, polled every "
                + MeasuredProcess.POLL_MILLIS + " ms; the engine's is the largest single VmHWM");
        b.put("stageSeconds", stages);
        Path jar = project.resolve("target").resolve(NAME + ".jar");
        if (Files.isRegularFile(jar)) {
            b.put("jarBytes", Files.size(jar));
        }
        return b;
    }
}
