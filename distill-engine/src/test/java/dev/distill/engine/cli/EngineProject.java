package dev.distill.engine.cli;

import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.job.EngineJob;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.teacher.EngineFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small project as the goal hands it to the forked engine: the real MiniLM probe classifier as the
 * teacher, a few hundred rows of the committed SST-2 slice, one descriptor (a small CNN, one epoch)
 * in {@code target/classes/META-INF/distill/descriptors}, and the job file. The soft-target cache is
 * wherever the test puts it, so that two projects can share one.
 */
final class EngineProject {

    static final String NAME = "sentiment";
    private static final int TRAIN_ROWS = 300;
    private static final int DEV_ROWS = 100;

    private final Path root;
    private final Path cache;

    private EngineProject(Path root, Path cache) {
        this.root = root;
        this.cache = cache;
    }

    static EngineProject create(Path root, Path cache) throws IOException {
        EngineProject project = new EngineProject(root, cache);
        Path teacher = root.resolve("teacher");
        Files.createDirectories(teacher);
        for (String file : List.of("model.onnx", "tokenizer.json", "config.json")) {
            Files.copy(EngineFixtures.probeFolder().resolve(file), teacher.resolve(file));
        }
        project.slice("sst2/train.tsv", "data/train.tsv", TRAIN_ROWS);
        project.slice("sst2/dev.tsv", "data/dev.tsv", DEV_ROWS);
        Files.createDirectories(project.descriptors());
        Files.writeString(project.descriptors().resolve(NAME + ".json"), descriptor());
        return project;
    }

    /** The student folder the build writes. */
    Path student() {
        return distillFolder().resolve(NAME);
    }

    /** {@code target/classes/META-INF/distill}, which a jar packager takes whole. */
    Path distillFolder() {
        return classes().resolve("META-INF/distill");
    }

    Path work() {
        return root.resolve("target/distill").resolve(NAME);
    }

    Path cache() {
        return cache;
    }

    /** Writes the job file; {@code force} retrains although nothing changed. */
    Path job(boolean force) throws IOException {
        EngineJob job = new EngineJob(root.toString(), classes().toString(), root.resolve("target/distill").toString(),
                cache.toString(), Map.of(), Map.of(), Map.of(), "CPU", 1, force,
                new Thresholds(1e-3, 0.8, 0.2), false, "test");
        Path file = root.resolve("target/job-" + force + ".json");
        job.write(file);
        return file;
    }

    private Path classes() {
        return root.resolve("target/classes");
    }

    private Path descriptors() {
        return distillFolder().resolve("descriptors");
    }

    private void slice(String from, String to, int rows) throws IOException {
        List<String> lines = Files.readAllLines(EngineFixtures.testdata().resolve(from));
        AtomicFiles.writeString(root.resolve(to), String.join("\n", lines.subList(0, rows + 1)) + "\n");
    }

    /** The descriptor as the annotation processor writes it (format 1). */
    private static String descriptor() {
        return """
                {
                  "format": 1,
                  "descriptorClass": "app.Sentiment",
                  "name": "%s",
                  "teacher": {"model": "teacher", "tokenizer": "", "artifact": "", "head": "AUTO", "maxLength": 0},
                  "data": {"train": "data/train.tsv", "dev": "data/dev.tsv", "devFraction": 0.1, "transfer": "",
                    "format": "AUTO", "textColumn": "sentence", "labelColumn": "label", "labels": [],
                    "skipBadRows": false},
                  "student": {"architecture": "CNN", "embeddingSize": 32, "hiddenSize": 32, "kernelSizes": [2, 3],
                    "maxLength": 32, "dropout": 0.1},
                  "temperature": 2.0, "finalTemperature": null, "alpha": 0.7, "softLoss": "KL",
                  "epochs": 1, "patience": 1, "batchSize": 32, "learningRate": 0.01, "weightDecay": 0.01,
                  "warmupFraction": 0.06, "gradientClip": 1.0, "seed": 42, "quantization": "INT8",
                  "pruneVocabulary": true, "minRetention": 0.0,
                  "augmentation": {"maskProbability": 0.1, "ngramProbability": 0.25, "ngramMaxLength": 5, "copies": 0}
                }
                """.formatted(NAME);
    }
}
