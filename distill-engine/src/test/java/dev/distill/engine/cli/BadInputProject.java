package dev.distill.engine.cli;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.engine.job.EngineJob;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.OnnxOps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small valid project as the goal sees it, for one case of {@link BadInputTableTest}: a classifier teacher folder
 * ({@code teacher/}: the MiniLM probe classifier of {@link EngineFixtures}, hard-linked, so a case must replace a
 * teacher file rather than write into it), 40 SST-2 training rows and 20 dev rows under {@code data/}, and the
 * descriptor JSON {@code sentiment} under {@code target/classes}, as the annotation processor writes it. A case
 * breaks one thing, then {@link #job} describes the goal's run.
 */
final class BadInputProject {

    static final String NAME = "sentiment";
    static final String TRAIN = "data/train.tsv";
    static final String DEV = "data/dev.tsv";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    /** A cheap descriptor: a tiny CNN, one epoch, no int8, no gate; everything else as the processor writes it. */
    private static final String DESCRIPTOR = """
            {
              "format": 1,
              "descriptorClass": "app.Sentiment",
              "name": "sentiment",
              "teacher": {"model": "teacher", "tokenizer": "", "artifact": "", "head": "AUTO", "maxLength": 0},
              "data": {"train": "data/train.tsv", "dev": "data/dev.tsv", "devFraction": 0.1, "transfer": "",
                "format": "AUTO", "textColumn": "sentence", "labelColumn": "label", "labels": [],
                "skipBadRows": false},
              "student": {"architecture": "CNN", "embeddingSize": 16, "hiddenSize": 16, "kernelSizes": [2],
                "maxLength": 32, "dropout": 0.1},
              "temperature": 2.0, "finalTemperature": null, "alpha": 0.5, "softLoss": "KL", "epochs": 1,
              "patience": 1, "batchSize": 16, "learningRate": 0.001, "weightDecay": 0.01, "warmupFraction": 0.06,
              "gradientClip": 1.0, "seed": 42, "quantization": "NONE", "pruneVocabulary": false,
              "minRetention": 0.0,
              "augmentation": {"maskProbability": 0.1, "ngramProbability": 0.25, "ngramMaxLength": 5, "copies": 0}
            }
            """;

    private final Path root;
    private final Map<String, String> properties = new TreeMap<>();
    private boolean allowOutsidePaths;

    private BadInputProject(Path root) {
        this.root = root;
    }

    /** Lays out a fresh valid project under {@code root}. */
    static BadInputProject create(Path root) throws IOException {
        BadInputProject project = new BadInputProject(root);
        Path probe = EngineFixtures.probeFolder();
        Files.createDirectories(root.resolve("teacher"));
        for (String file : List.of("model.onnx", "tokenizer.json", "config.json")) {
            Files.createLink(root.resolve("teacher").resolve(file), probe.resolve(file));
        }
        project.write(TRAIN, slice("sst2/train.tsv", 40));
        project.write(DEV, slice("sst2/dev.tsv", 20));
        project.writeDescriptor(NAME, JsonParser.parseString(DESCRIPTOR).getAsJsonObject());
        return project;
    }

    Path root() {
        return root;
    }

    Path classes() {
        return root.resolve("target/classes");
    }

    Path cache() {
        return root.resolve("target/soft-target-cache");
    }

    /** The student folder the goal would write. */
    Path modelFolder() {
        return classes().resolve("META-INF/distill").resolve(NAME);
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

    /** Sets one descriptor setting by its dotted JSON path, as a JSON value ({@code "\"x\""}, {@code 3}). */
    void set(String setting, String json) throws IOException {
        JsonObject descriptor = descriptor(NAME);
        String[] parts = setting.split("\\.");
        JsonObject object = descriptor;
        for (int i = 0; i < parts.length - 1; i++) {
            object = object.getAsJsonObject(parts[i]);
        }
        JsonElement value = JsonParser.parseString(json);
        object.add(parts[parts.length - 1], value);
        writeDescriptor(NAME, descriptor);
    }

    /** The descriptor JSON, as written. */
    JsonObject descriptor(String name) throws IOException {
        return JsonParser.parseString(read("target/classes/META-INF/distill/descriptors/" + name + ".json"))
                .getAsJsonObject();
    }

    /** Writes a descriptor file {@code <file>.json}. */
    void writeDescriptor(String file, JsonObject json) throws IOException {
        write("target/classes/META-INF/distill/descriptors/" + file + ".json", GSON.toJson(json) + "\n");
    }

    /** A {@code distill.*} property, as {@code -D} gives it. */
    void property(String name, String value) {
        properties.put(name, value);
    }

    /** What {@code -Ddistill.allowOutsidePaths=true} asks for. */
    void allowOutsidePaths() {
        allowOutsidePaths = true;
    }

    /** The job the goal writes for this project: one thread, the CPU, every descriptor retrained. */
    EngineJob job() {
        return new EngineJob(root.toString(), classes().toString(), root.resolve("target/distill").toString(),
                cache().toString(), properties, Map.of(), Map.of(), "CPU", 1, true, Thresholds.DEFAULTS,
                allowOutsidePaths, "test");
    }

    /**
     * Replaces the teacher's model with a tiny real ONNX classifier: logits = (sum of the input ids) times a
     * constant row, so every logit is {@code row[c]} scaled by the text; declared as [batch, classes].
     *
     * @param row the constant row (NaN in it gives NaN logits); its length is the number of classes
     * @param outputName the output's name ({@code logits} for a classifier)
     */
    void tinyTeacher(float[] row, String outputName) throws IOException {
        OnnxGraph graph = OnnxGraph.create("tiny-teacher")
                .input("input_ids", DataType.INT64, "batch", "sequence")
                .input("attention_mask", DataType.INT64, "batch", "sequence");
        OnnxOps ops = new OnnxOps(graph);
        String ids = ops.cast("input_ids", DataType.FLOAT, "ids");
        String sum = ops.reduceSum(ids, true, "id_sum", 1);
        String scale = graph.floats("row", row, 1, row.length);
        String logits = graph.node("Mul").inputs(sum, scale).exactOutput(outputName);
        graph.output(logits, DataType.FLOAT, "batch", (long) row.length);
        replaceModel(graph);
    }

    private void replaceModel(OnnxGraph graph) throws IOException {
        Path model = root.resolve("teacher/model.onnx");
        Files.delete(model);
        OnnxModels.write(graph.build(), model);
    }

    /**
     * Replaces the teacher's model with a tiny real ONNX model whose "logits" are the input ids as floats: as wide as
     * the longest text of a batch, which no declared shape can show before a run.
     */
    void idsAsLogitsTeacher() throws IOException {
        OnnxGraph graph = OnnxGraph.create("ids-as-logits")
                .input("input_ids", DataType.INT64, "batch", "sequence")
                .input("attention_mask", DataType.INT64, "batch", "sequence");
        String logits = graph.node("Cast").inputs("input_ids").attrInt("to", DataType.FLOAT_VALUE)
                .exactOutput("logits");
        graph.output(logits, DataType.FLOAT, "batch", "sequence");
        replaceModel(graph);
    }

    /** Replaces the teacher's model with the bare MiniLM sentence encoder (output last_hidden_state, no logits). */
    void encoderAsTeacher() throws IOException {
        Path model = root.resolve("teacher/model.onnx");
        Files.delete(model);
        Files.copy(EngineFixtures.encoder(), model);
    }

    private static String slice(String file, int rows) throws IOException {
        List<String> lines = Files.readAllLines(EngineFixtures.testdata().resolve(file), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(0, rows + 1)) + "\n";
    }

    /** {@code count} copies of a character, e.g. for a line of a megabyte. */
    static String repeat(char c, int count) {
        char[] chars = new char[count];
        Arrays.fill(chars, c);
        return new String(chars);
    }
}
