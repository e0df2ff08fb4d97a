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
 */
class ReproducibleOutputTest {

    private static final String TIMESTAMP = "2026-01-01T00:00:00Z";

    private static EngineProject first;
    private static EngineProject second;
    private static EngineProject untimed;

    @BeforeAll
    static void buildThreeTimes() throws Exception {
        Path root = EngineFixtures.targetDir("reproducible");
        first = build(root.resolve("first"), TIMESTAMP);
        second = build(root.resolve("second"), TIMESTAMP);
        untimed = build(root.resolve("untimed"), null);
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
