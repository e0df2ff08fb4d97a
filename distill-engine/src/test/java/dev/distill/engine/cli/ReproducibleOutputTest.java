package dev.distill.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.ProvenanceKeys;
import dev.distill.engine.teacher.ContentHash;
import dev.distill.engine.teacher.EngineFixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three clean builds of the same small project, each in a fresh folder with a fresh soft-target cache, through the
 * engine's fork entry in a JVM of its own (as the Maven goal runs it), on 1 thread: two with the same
 * {@code project.build.outputTimestamp} write byte-identical model.onnx and config.json; one without it writes the
 * same model.onnx and a config.json that lacks only the build time.
 *
 * <p>Why one more build may be made: in about 1 of 20 clean builds made by this test on a 2-core machine, the training
 * of one build drifts from the others (from a step in the middle of training on, its loss differs in the third digit)
 * though the teacher's soft targets, the inputs and the thread count are the same; no cause was found (see
 * docs/reliability.md, "Reproducible output"). A leak of the clock, a path or the host into the output differs in
 * every build, so when a build disagrees more clean builds of the same kind are made (up to 4 of each), and the test
 * fails unless two builds of each comparison agree. Each retry is printed.
 */
class ReproducibleOutputTest {

    private static final String TIMESTAMP = "2026-01-01T00:00:00Z";

    /** Clean builds of one kind made at most while looking for two that agree (see the class comment). */
    private static final int MAX_BUILDS = 4;

    private static EngineProject first;
    private static EngineProject second;
    private static EngineProject untimed;

    @BeforeAll
    static void buildThreeTimes() throws Exception {
        Path root = EngineFixtures.targetDir("reproducible");
        List<EngineProject> timed = new ArrayList<>();
        EngineProject[] pair = null;
        while (pair == null && timed.size() < MAX_BUILDS) {
            EngineProject next = build(root.resolve(timed.isEmpty() ? "first" : "second-" + timed.size()), TIMESTAMP);
            for (EngineProject earlier : timed) {
                if (pair == null && sameModel(earlier, next)) {
                    pair = new EngineProject[] {earlier, next};
                }
            }
            if (pair == null && !timed.isEmpty()) {
                System.err.println("ReproducibleOutputTest: clean build " + (timed.size() + 1) + " agrees with no "
                        + "earlier one (" + modelDifference(timed.get(0), next) + ")");
            }
            timed.add(next);
        }
        first = pair == null ? timed.get(0) : pair[0];
        second = pair == null ? timed.get(1) : pair[1];
        for (int i = 0; i < MAX_BUILDS - 1 && (untimed == null || !sameModel(first, untimed)); i++) {
            if (untimed != null) {
                System.err.println("ReproducibleOutputTest: the build without a timestamp differs ("
                        + modelDifference(first, untimed) + "); building it again");
            }
            untimed = build(root.resolve("untimed-" + i), null);
        }
    }

    private static boolean sameModel(EngineProject a, EngineProject b) throws IOException {
        return ContentHash.ofFile(a.student().resolve("model.onnx"))
                .equals(ContentHash.ofFile(b.student().resolve("model.onnx")));
    }

    private static String modelDifference(EngineProject a, EngineProject b) throws IOException {
        return OutputDifference.describe(OutputDifference.onnxDifferences(a.student().resolve("model.onnx"),
                b.student().resolve("model.onnx")));
    }

    private static EngineProject build(Path folder, String outputTimestamp) throws Exception {
        EngineProject project = EngineProject.tiny(folder).outputTimestamp(outputTimestamp).create();
        ChildProcess.engine(project.writeJob(false)).heap("2g").in(project.root()).run();
        return project;
    }

    @Test
    void twoCleanBuildsWriteTheSameModelAndConfig() throws IOException {
        Path modelA = first.student().resolve("model.onnx");
        Path modelB = second.student().resolve("model.onnx");
        assertEquals(ContentHash.ofFile(modelA), ContentHash.ofFile(modelB),
                "model.onnx differs between two clean builds: "
                        + OutputDifference.describe(OutputDifference.onnxDifferences(modelA, modelB)));
        Path configA = first.student().resolve("config.json");
        Path configB = second.student().resolve("config.json");
        assertEquals(ContentHash.ofFile(configA), ContentHash.ofFile(configB),
                "config.json differs between two clean builds: "
                        + OutputDifference.describe(OutputDifference.jsonDifferences(configA, configB)));
        assertEquals(ContentHash.ofFile(first.student().resolve("tokenizer.json")),
                ContentHash.ofFile(second.student().resolve("tokenizer.json")));
    }

    @Test
    void theOutputNamesNoPathHostUserOrClock() throws IOException {
        String config = Files.readString(first.student().resolve("config.json"), StandardCharsets.UTF_8);
        String metadata = OutputDifference.metadata(
                dev.distill.onnx.OnnxModels.read(first.student().resolve("model.onnx"))).toString();
        List<String> identifying = new ArrayList<>(List.of(first.root().toString(), System.getProperty("user.home"),
                System.getProperty("java.io.tmpdir"), "/" + System.getProperty("user.name") + "/", "seconds",
                "per_second", "latency"));
        String host = InetAddress.getLocalHost().getHostName();
        if (host.length() >= 4) { // a short name ("vm") would match by chance
            identifying.add(host);
        }
        for (String text : List.of(config, metadata)) {
            for (String fragment : identifying) {
                assertFalse(text.contains(fragment), "'" + fragment + "' is recorded in " + text);
            }
        }
        Map<String, String> fields = OutputDifference.jsonFields(first.student().resolve("config.json"));
        assertEquals('"' + TIMESTAMP + '"', fields.get("distill.provenance." + ProvenanceKeys.BUILD_TIME),
                "config.json records project.build.outputTimestamp as the build time");
        assertTrue(Files.readString(first.work().resolve("report.json"), StandardCharsets.UTF_8).contains("seconds"),
                "the measured figures are in the report instead");
    }

    @Test
    void withoutAnOutputTimestampOnlyTheBuildTimeIsMissing() throws IOException {
        Path model = untimed.student().resolve("model.onnx");
        assertEquals(ContentHash.ofFile(first.student().resolve("model.onnx")), ContentHash.ofFile(model),
                "the build time never enters model.onnx: "
                        + OutputDifference.describe(OutputDifference.onnxDifferences(
                                first.student().resolve("model.onnx"), model)));
        List<String> differences = OutputDifference.jsonDifferences(first.student().resolve("config.json"),
                untimed.student().resolve("config.json"));
        assertEquals(List.of("distill.provenance." + ProvenanceKeys.BUILD_TIME + ": \"" + TIMESTAMP + "\" | null"),
                differences);
    }
}
