package dev.distill.engine.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.job.EngineJob;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.train.TrainingDevice;
import dev.distill.runtime.ModelFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small project as the goal hands it to the engine: the real MiniLM probe classifier of {@link EngineFixtures} as
 * the teacher ({@code teacher/}), slices of the committed SST-2 data ({@code data/train.tsv}, {@code data/dev.tsv}),
 * one descriptor JSON in {@code target/classes/META-INF/distill/descriptors} as the annotation processor writes it,
 * and the job the goal writes. Tests that need another project say how it differs through {@link Builder}.
 */
final class EngineProject {

    static final String TRAIN = "data/train.tsv";
    static final String DEV = "data/dev.tsv";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    /** A small CNN, one epoch; the settings a {@link Builder} does not change. */
    private static final String DESCRIPTOR = """
            {
              "format": 1,
              "descriptorClass": "app.Sentiment",
              "name": "sentiment",
              "teacher": {"model": "teacher", "tokenizer": "", "artifact": "", "head": "AUTO", "maxLength": 0,
                "weight": 1.0},
              "teacherWeights": "FIXED",
              "data": {"train": "data/train.tsv", "dev": "data/dev.tsv", "devFraction": 0.1, "transfer": "",
                "softTargets": "", "format": "AUTO", "textColumn": "sentence", "labelColumn": "label", "labels": [],
                "skipBadRows": false, "features": [], "missing": "ERROR"},
              "student": {"architecture": "CNN", "embeddingSize": 32, "hiddenSize": 32, "kernelSizes": [2, 3],
                "layers": 0, "teacherLayers": [], "heads": 4, "bigramBuckets": 0, "maxLength": 32, "dropout": 0.1, "embeddings": "RANDOM",
                "tokenizer": ""},
              "temperature": 2.0, "finalTemperature": null, "alpha": 0.7, "softLoss": "KL", "hiddenWeight": 0.0,
              "layerWeight": 0.0, "attentionWeight": 0.0, "epochs": 1, "patience": 1, "batchSize": 32, "accumulationSteps": 1, "learningRate": 0.01, "weightDecay": 0.01,
              "warmupFraction": 0.06, "gradientClip": 1.0, "seed": 42, "quantization": "INT8",
              "pruneVocabulary": true, "minRetention": 0.0,
              "augmentation": {"maskProbability": 0.1, "replaceProbability": 0.1, "ngramProbability": 0.25, "ngramMaxLength": 5, "copies": 0}
            }
            """;

    private final Path root;
    private final String name;
    private final Path cache;
    private final Thresholds thresholds;
    private final String outputTimestamp;
    private final Map<String, String> properties = new TreeMap<>();
    private boolean allowOutsidePaths;

    private EngineProject(Builder builder) {
        this.root = builder.root;
        this.name = builder.name;
        this.cache = builder.cache == null ? root.resolve("target/soft-target-cache") : builder.cache;
        this.thresholds = builder.thresholds;
        this.outputTimestamp = builder.outputTimestamp;
    }

    /**
     * A project under {@code root}: descriptor {@code sentiment} (the CNN above), 300 training and 100 dev rows, its
     * own soft-target cache, loose checks (a one-epoch student is not meant to pass the real ones), no build time.
     */
    static Builder at(Path root) {
        return new Builder(root);
    }

    /**
     * Descriptor {@code tiny} on 400 training and 200 dev rows: two epochs, one augmented copy of each text and
     * longer texts, so a build runs every random step that reproducibility must pin down; checks near the real ones.
     */
    static Builder tiny(Path root) {
        return at(root).name("tiny").rows(400, 200).setting("student.maxLength", "48").setting("epochs", "2")
                .setting("patience", "2").setting("augmentation.copies", "1")
                .thresholds(new Thresholds(1e-4, 0.95, 0.03));
    }

    /**
     * 40 training and 20 dev rows and a cheaper student (a narrower CNN, no int8, no vocabulary pruning) under the
     * default checks: bad input fails before training, and the few cases that succeed stay fast.
     */
    static Builder cheap(Path root) {
        return at(root).rows(40, 20).setting("student.embeddingSize", "16").setting("student.hiddenSize", "16")
                .setting("student.kernelSizes", "[2]").setting("alpha", "0.5").setting("batchSize", "16")
                .setting("learningRate", "0.001").setting("quantization", "\"NONE\"")
                .setting("pruneVocabulary", "false").thresholds(Thresholds.DEFAULTS);
    }

    /** How a project differs from {@link #at}'s; {@link #create} lays it out. */
    static final class Builder {
        private final Path root;
        private String name = "sentiment";
        private int trainRows = 300;
        private int devRows = 100;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Path cache;
        private Thresholds thresholds = new Thresholds(1e-3, 0.8, 0.2);
        private String outputTimestamp;

        private Builder(Path root) {
            this.root = root;
        }

        /** The descriptor's name (and the student folder's); its class is {@code app.<Name>}. */
        Builder name(String name) {
            this.name = name;
            return this;
        }

        /** How many rows of the SST-2 train and dev slices the project holds. */
        Builder rows(int train, int dev) {
            this.trainRows = train;
            this.devRows = dev;
            return this;
        }

        /** A descriptor setting by its dotted JSON path, as a JSON value ({@code "\"NONE\""}, {@code "[2]"}). */
        Builder setting(String path, String json) {
            settings.put(path, json);
            return this;
        }

        /** A soft-target cache outside the project, for example one that several projects share. */
        Builder cache(Path folder) {
            this.cache = folder;
            return this;
        }

        /** The checks that fail the build. */
        Builder thresholds(Thresholds checks) {
            this.thresholds = checks;
            return this;
        }

        /** {@code project.build.outputTimestamp}, or null (the default) for none. */
        Builder outputTimestamp(String timestamp) {
            this.outputTimestamp = timestamp;
            return this;
        }

        /** Lays out a fresh project under the root (whatever was there is deleted). */
        EngineProject create() throws IOException {
            AtomicFiles.deleteTree(root);
            EngineProject project = new EngineProject(this);
            Files.createDirectories(root.resolve("teacher"));
            for (String file : ModelFolder.FILES) {
                linkOrCopy(EngineFixtures.probeFolder().resolve(file), root.resolve("teacher").resolve(file));
            }
            project.write(TRAIN, slice("sst2/train.tsv", trainRows));
            project.write(DEV, slice("sst2/dev.tsv", devRows));
            JsonObject descriptor = JsonParser.parseString(DESCRIPTOR).getAsJsonObject();
            descriptor.addProperty("name", name);
            descriptor.addProperty("descriptorClass", "app." + Character.toUpperCase(name.charAt(0))
                    + name.substring(1));
            project.writeDescriptor(name, descriptor);
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                project.set(setting.getKey(), setting.getValue());
            }
            return project;
        }
    }

    Path root() {
        return root;
    }

    /** The descriptor's name. */
    String name() {
        return name;
    }

    Path classes() {
        return root.resolve("target/classes");
    }

    /** {@code target/classes/META-INF/distill}, which a jar packager takes whole. */
    Path distillFolder() {
        return classes().resolve("META-INF/distill");
    }

    /** The student folder the engine writes. */
    Path student() {
        return distillFolder().resolve(name);
    }

    /** The descriptor's work folder (reports, staging). */
    Path work() {
        return root.resolve("target/distill").resolve(name);
    }

    Path cache() {
        return cache;
    }

    /** The job the goal writes for this project: one thread, the CPU; {@code force} retrains though nothing changed. */
    EngineJob job(boolean force) {
        return new EngineJob(root.toString(), classes().toString(), root.resolve("target/distill").toString(),
                cache.toString(), properties, Map.of(), Map.of(), TrainingDevice.CPU, 1, force, thresholds,
                allowOutsidePaths, "test", outputTimestamp);
    }

    /** Writes {@link #job} to a file under {@code target}, for a child JVM. */
    Path writeJob(boolean force) throws IOException {
        Path file = root.resolve("target/job-" + force + ".json");
        job(force).write(file);
        return file;
    }

    /** A {@code distill.*} property of the job, as {@code -D} gives it. */
    void property(String key, String value) {
        properties.put(key, value);
    }

    /** What {@code -Ddistill.allowOutsidePaths=true} asks for. */
    void allowOutsidePaths() {
        allowOutsidePaths = true;
    }

    /** Replaces (never writes into: it may be a hard link) a project file with this text. */
    Path write(String relative, String text) throws IOException {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces (never writes into: it may be a hard link) a project file with these bytes. */
    Path write(String relative, byte[] bytes) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        return Files.write(file, bytes);
    }

    /** A project file's text. */
    String read(String relative) throws IOException {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }

    /** Appends lines to a data file (each ends with LF). */
    void append(String relative, String... lines) throws IOException {
        write(relative, read(relative) + String.join("\n", lines) + "\n");
    }

    /** Sets one setting of the descriptor by its dotted JSON path, as a JSON value ({@code "\"x\""}, {@code 3}). */
    void set(String setting, String json) throws IOException {
        JsonObject descriptor = descriptor(name);
        String[] parts = setting.split("\\.");
        JsonObject object = descriptor;
        for (int i = 0; i < parts.length - 1; i++) {
            object = object.getAsJsonObject(parts[i]);
        }
        object.add(parts[parts.length - 1], JsonParser.parseString(json));
        writeDescriptor(name, descriptor);
    }

    /** A descriptor's JSON, as written. */
    JsonObject descriptor(String file) throws IOException {
        return JsonParser.parseString(read(descriptorPath(file))).getAsJsonObject();
    }

    /** Writes a descriptor file {@code <file>.json}. */
    void writeDescriptor(String file, JsonObject json) throws IOException {
        write(descriptorPath(file), GSON.toJson(json) + "\n");
    }

    private static String descriptorPath(String file) {
        return "target/classes/META-INF/distill/descriptors/" + file + ".json";
    }

    /** The header and the first {@code rows} rows of a committed slice. */
    private static String slice(String testdata, int rows) throws IOException {
        List<String> lines = Files.readAllLines(EngineFixtures.testdata().resolve(testdata), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(0, rows + 1)) + "\n";
    }

    /** A hard link is cheap for the many projects of the bad-input table; a temp folder may be on another disk. */
    private static void linkOrCopy(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Files.copy(from, to);
        }
    }
}
