package dev.distill.engine.cli;

import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.job.EngineJob;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.teacher.EngineFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small project on disk and the engine's fork entry run on it in a child JVM, as the Maven goal runs it: the class
 * path of this JVM, {@code -Dai.djl.offline=true} and {@code OPT_OUT_TRACKING=true}. The project holds the MiniLM
 * probe teacher of {@link EngineFixtures} (a real classifier folder), SST-2 slices from the committed test data and
 * a descriptor for a small CNN student trained on 1 thread.
 */
final class ForkedEngineProject {

    /** The descriptor's name, and the student folder's. */
    static final String NAME = "tiny";

    private static final long TIMEOUT_MINUTES = 10;

    private final Path root;

    private ForkedEngineProject(Path root) {
        this.root = root;
    }

    /** A fresh project under {@code folder} (whatever was there is deleted), with its own work and cache folders. */
    static ForkedEngineProject create(Path folder) throws IOException {
        AtomicFiles.deleteTree(folder);
        ForkedEngineProject project = new ForkedEngineProject(folder);
        Path teacher = Files.createDirectories(folder.resolve("teacher"));
        for (String file : List.of("model.onnx", "tokenizer.json", "config.json")) {
            Files.copy(EngineFixtures.probeFolder().resolve(file), teacher.resolve(file));
        }
        project.slice("sst2/train.tsv", "data/train.tsv", 400);
        project.slice("sst2/dev.tsv", "data/dev.tsv", 200);
        Path descriptors = Files.createDirectories(project.classes().resolve("META-INF/distill/descriptors"));
        Files.writeString(descriptors.resolve(NAME + ".json"), DESCRIPTOR, StandardCharsets.UTF_8);
        return project;
    }

    Path root() {
        return root;
    }

    Path classes() {
        return root.resolve("target/classes");
    }

    /** The student folder the engine writes. */
    Path student() {
        return classes().resolve("META-INF/distill").resolve(NAME);
    }

    /** The report folder of the descriptor. */
    Path work() {
        return root.resolve("target/distill").resolve(NAME);
    }

    /**
     * Runs the engine's fork entry on the project and fails with its output when it does not succeed.
     *
     * @param outputTimestamp {@code project.build.outputTimestamp}, or null
     * @param prefix a command that wraps the child JVM (for example {@code unshare -rn}), or empty
     * @return the child's output
     */
    String distill(String outputTimestamp, List<String> prefix) throws IOException, InterruptedException {
        EngineJob job = new EngineJob(root.toString(), classes().toString(), root.resolve("target/distill").toString(),
                root.resolve("cache").toString(), Map.of(), Map.of(), Map.of(), "CPU", 1, false,
                new Thresholds(1e-4, 0.95, 0.03), false, "test", outputTimestamp);
        Path jobFile = root.resolve("target/distill/job.json");
        job.write(jobFile);
        List<String> command = new ArrayList<>(prefix);
        command.addAll(javaCommand(EngineMain.class.getName(), List.of(jobFile.toString())));
        return run(command, root, Map.of("OPT_OUT_TRACKING", "true"));
    }

    /**
     * The command that runs {@code mainClass} in a child JVM with this JVM's class path and the offline settings,
     * with 1 thread for PyTorch's intra- and inter-op pools.
     */
    static List<String> javaCommand(String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(arguments);
        return command;
    }

    /**
     * Runs a command in {@code directory}, its output merged and returned.
     *
     * @param environment set for the command, beside what this JVM has (less OPT_OUT_TRACKING unless given)
     * @throws AssertionError with the output when the command exits with another code than 0
     */
    static String run(List<String> command, Path directory, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(directory, "command", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Surefire sets it for the tests; a command that needs it must ask for it.
        builder.environment().remove("OPT_OUT_TRACKING");
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new AssertionError("no end after " + TIMEOUT_MINUTES + " minutes: " + command + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (process.exitValue() != 0) {
            throw new AssertionError("exit code " + process.exitValue() + " of " + String.join(" ",
                    command.subList(0, Math.min(3, command.size()))) + " ... " + command.get(command.size() - 1)
                    + ":\n" + output);
        }
        return output;
    }

    private void slice(String testdata, String relative, int rows) throws IOException {
        List<String> lines = Files.readAllLines(EngineFixtures.testdata().resolve(testdata), StandardCharsets.UTF_8);
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, lines.subList(0, rows + 1), StandardCharsets.UTF_8);
    }

    private static final String DESCRIPTOR = """
            {
              "format": 1,
              "descriptorClass": "app.Tiny",
              "name": "tiny",
              "teacher": {"model": "teacher", "tokenizer": "", "artifact": "", "head": "AUTO", "maxLength": 0},
              "data": {"train": "data/train.tsv", "dev": "data/dev.tsv", "devFraction": 0.1, "transfer": "",
                "format": "AUTO", "textColumn": "sentence", "labelColumn": "label", "labels": [],
                "skipBadRows": false},
              "student": {"architecture": "CNN", "embeddingSize": 32, "hiddenSize": 32, "kernelSizes": [2, 3],
                "maxLength": 48, "dropout": 0.1},
              "temperature": 2.0,
              "finalTemperature": null,
              "alpha": 0.7,
              "softLoss": "KL",
              "epochs": 2,
              "patience": 2,
              "batchSize": 32,
              "learningRate": 0.01,
              "weightDecay": 0.01,
              "warmupFraction": 0.06,
              "gradientClip": 1.0,
              "seed": 42,
              "quantization": "INT8",
              "pruneVocabulary": true,
              "minRetention": 0.0,
              "augmentation": {"maskProbability": 0.1, "ngramProbability": 0.25, "ngramMaxLength": 5, "copies": 1}
            }
            """;
}
