package dev.distill.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.annotations.Architecture;
import dev.distill.engine.ProvenanceKeys;
import dev.distill.engine.cli.EngineMain;
import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.job.EngineJob;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.report.ModelRole;
import dev.distill.engine.train.TrainingDevice;
import dev.distill.runtime.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One row of the benchmark as a real distill build: the bench's SST-2 descriptor (what the annotation
 * processor would write for it) and the engine job (what the Maven goal would write) go into the
 * row's folder, and {@link EngineMain} — the entry point the goal forks — runs in a child JVM with
 * the goal's JVM flags, so the row's wall time and peak RSS are the build's own. The figures are
 * read back from the build's report.json.
 */
final class DistillBuild {

    /**
     * Student sizes and training settings of every row (Tang et al. 2019 sizes; the engine's defaults otherwise);
     * {@code --embedding-size} changes the first.
     */
    static final int EMBEDDING = 128;
    static final int HIDDEN = 256;
    /** {@code @Student(bigramBuckets)}'s default, which {@code --bigram-buckets} changes (a bag reads it, the rest not). */
    static final int DEFAULT_BIGRAM_BUCKETS = defaultOf("bigramBuckets");
    /**
     * The image CNN's {@code hiddenSize}: stages of 16, 32 and 64 channels (the Fashion-MNIST teacher's are 32, 64 and
     * 128), about a quarter of its multiply-adds.
     */
    static final int IMAGE_WIDTH = 64;
    static final int[] KERNELS = {3, 4, 5};
    /** The transformer row's attention heads (128 / 4 = 32 dimensions each); its layers are the default. */
    static final int HEADS = 4;
    static final int MAX_LENGTH = 64;
    static final int BATCH = 64;
    /** The learning rate the engine gives the random-start students (the descriptor leaves it unset). */
    static final double LEARNING_RATE = 1e-3;
    static final double WEIGHT_DECAY = 0.01;
    static final double DROPOUT = 0.1;
    static final double GRADIENT_CLIP = 1.0;
    static final double TEMPERATURE = 4.0;
    static final double KD_ALPHA = 0.7;
    static final long SEED = 42;

    /**
     * The export checks still run and the parity check still fails the build, but the int8 checks
     * do not: the benchmark reports int8 accuracy and agreement rather than stopping on them (a
     * one-epoch smoke student is not trained enough to pass them).
     */
    static final Thresholds THRESHOLDS = new Thresholds(Thresholds.DEFAULTS.parityTolerance(), 0, 1);

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private final List<BenchTeacher> teachers;
    private final String teacherWeights;
    private final Path train;
    private final Path dev;
    private final String textColumn;
    private final String labelColumn;
    private final int epochs;
    private final int embeddingSize;
    private final int imageWidth;
    private final int bigramBuckets;
    private final int threads;
    private final Path root;
    private final ChildJvm jvm;

    /**
     * @param teachers the teachers of every row, several for an ensemble
     * @param teacherWeights an ensemble's {@code teacherWeights}, FIXED or FITTED
     * @param root the run's work folder; each row gets {@code <root>/<name>/}, and all rows share the
     *     soft-target cache {@code <root>/soft-target-cache} (the first row pays for the teacher)
     */
    DistillBuild(List<BenchTeacher> teachers, String teacherWeights, Path train, Path dev, String textColumn, String labelColumn, int epochs,
            int embeddingSize, int bigramBuckets, int imageWidth, int threads, Path root, List<String> jvmArgs) {
        if (teachers.isEmpty()) {
            throw new IllegalArgumentException("a build needs at least one teacher");
        }
        this.teachers = List.copyOf(teachers);
        this.teacherWeights = teacherWeights;
        this.textColumn = textColumn;
        this.labelColumn = labelColumn;
        this.train = train;
        this.dev = dev;
        this.epochs = epochs;
        this.embeddingSize = embeddingSize;
        this.bigramBuckets = bigramBuckets;
        this.imageWidth = imageWidth;
        this.threads = threads;
        this.root = root;
        List<String> flags = new ArrayList<>(jvmArgs);
        // The goal's own flags (CompressMojo#fork).
        flags.addAll(List.of("-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error"));
        this.jvm = new ChildJvm(flags);
    }

    /**
     * What a row changes beyond the architecture and alpha: the quality techniques the ablation turns on one by one.
     *
     * @param suffix added to the row's name, e.g. {@code -emb}; empty for the default recipe
     * @param embeddings {@code student.embeddings}
     * @param hiddenWeight {@code hiddenWeight}
     * @param copies {@code augmentation.copies}
     * @param settings other descriptor settings by their path in the descriptor JSON (e.g. {@code student.layers},
     *     {@code batchSize}), set over the bench's own; a student of another shape or batch than the bench's
     */
    record Recipe(String suffix, String embeddings, double hiddenWeight, int copies, Map<String, Object> settings) {
        /** The product's defaults: what a descriptor that sets none of these gets. */
        static final Recipe DEFAULTS = new Recipe("", "AUTO", 0.0, 0);

        Recipe(String suffix, String embeddings, double hiddenWeight, int copies) {
            this(suffix, embeddings, hiddenWeight, copies, Map.of());
        }
    }

    /** The descriptor name of a row, e.g. {@code bilstm-kd}. */
    static String name(Architecture architecture, double alpha) {
        return name(architecture, alpha, Recipe.DEFAULTS);
    }

    /** The descriptor name of a row with a recipe, e.g. {@code bilstm-kd-emb}. */
    static String name(Architecture architecture, double alpha, Recipe recipe) {
        return architecture.name().toLowerCase(Locale.ROOT).replace('_', '-') + (alpha > 0 ? "-kd" : "-hard")
                + recipe.suffix();
    }

    /**
     * A row's name in this build's work folder: {@link #name(Architecture, double, Recipe)}, plus the teachers when
     * they are not the reference alone (e.g. {@code bilstm-kd-emb-reference-bge-probe-fitted}), so that rows of
     * other teachers never share a folder.
     */
    String rowName(Architecture architecture, double alpha, Recipe recipe) {
        List<String> names = teachers.stream().map(BenchTeacher::name).toList();
        String tag = names.equals(List.of("reference")) ? ""
                : "-" + String.join("-", names) + (names.size() > 1 ? "-" + teacherWeights.toLowerCase(Locale.ROOT) : "");
        // A bag with other bigram buckets than the default is another student: its own folder.
        String bigrams = architecture == Architecture.BAG_OF_EMBEDDINGS && bigramBuckets != DEFAULT_BIGRAM_BUCKETS
                ? "-bigrams" + bigramBuckets : "";
        return name(architecture, alpha, recipe) + bigrams + tag;
    }

    /** Builds one row with the default recipe and returns its figures. */
    Map<String, Object> run(Architecture architecture, double alpha, Consumer<String> log)
            throws IOException, InterruptedException {
        return run(architecture, alpha, Recipe.DEFAULTS, log);
    }

    /**
     * Writes a row's descriptor and engine job without building it: what {@link #run} builds, and what the PyTorch
     * peer reads its transfer set from.
     *
     * @return the job file
     */
    Path prepare(Architecture architecture, double alpha, Recipe recipe) throws IOException {
        String name = rowName(architecture, alpha, recipe);
        Path folder = root.resolve(name);
        Path classes = folder.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/distill/descriptors"));
        AtomicFiles.writeString(classes.resolve("META-INF/distill/descriptors/" + name + ".json"),
                GSON.toJson(descriptor(name, architecture, alpha, recipe)));
        // allowOutsidePaths: the teacher and the data live outside each row's folder, as a shared teacher does.
        EngineJob job = new EngineJob(folder.toString(), classes.toString(), folder.resolve("work").toString(),
                root.resolve("soft-target-cache").toString(), Map.of(), Map.of(), Map.of(), TrainingDevice.CPU,
                threads, true, THRESHOLDS, true, "bench");
        Path jobFile = folder.resolve("job.json");
        job.write(jobFile);
        return jobFile;
    }

    /** Builds one row and returns its figures. */
    Map<String, Object> run(Architecture architecture, double alpha, Recipe recipe, Consumer<String> log)
            throws IOException, InterruptedException {
        String name = rowName(architecture, alpha, recipe);
        Path jobFile = prepare(architecture, alpha, recipe);
        Path work = jobFile.getParent().resolve("work");
        MeasuredProcess.Result result = jvm.run(EngineMain.class.getName(), List.of(jobFile.toString()),
                line -> log.accept(name + ": " + line));
        if (result.exitCode() != 0) {
            List<String> errors = result.lines().stream().filter(l -> l.startsWith(EngineMain.ERROR_PREFIX)).toList();
            throw new IllegalStateException("the build of " + name + " failed (exit " + result.exitCode() + "): "
                    + String.join("\n", errors.isEmpty() ? result.lines() : errors));
        }
        JsonObject report = report(work.resolve(name));
        Map<String, Object> row = figures(report);
        row.put("student", architecture.name());
        row.put("alpha", alpha);
        row.put("embeddings", recipe.embeddings());
        row.put("hiddenWeight", recipe.hiddenWeight());
        row.put("copies", recipe.copies());
        if (!recipe.settings().isEmpty()) {
            row.put("settings", new TreeMap<>(recipe.settings()));
        }
        if (architecture == Architecture.BAG_OF_EMBEDDINGS) {
            row.put("bigramBuckets", bigramBuckets);
        }
        JsonElement embeddings = report.getAsJsonObject("provenance").get(ProvenanceKeys.STUDENT_EMBEDDINGS);
        row.put("studentEmbeddings", embeddings == null ? "" : embeddings.getAsString());
        row.put("wallSeconds", result.wallSeconds());
        row.put("peakRssMiB", result.peakRssMiB());
        row.put("studentFolder", jobFile.getParent().resolve("classes").resolve(ModelFolder.resourceFolder(name)).toString());
        BenchTeacher first = teachers.get(0);
        row.put("teacherFolder", first.head().equals("LINEAR_PROBE")
                ? work.resolve(name).resolve("teacher-probe").toString() : first.model().toString());
        row.put("teachers", teachers.stream().map(BenchTeacher::name).toList());
        if (teachers.size() > 1) {
            row.put("teacherWeights", teacherWeights);
            row.put("ensemble", ensemble(report));
        }
        row.put("jobFile", jobFile.toString());
        return row;
    }

    /** An ensemble's members as the report gives them (dev accuracy alone, weight), and retention against the best. */
    private static Map<String, Object> ensemble(JsonObject report) {
        Map<String, Object> ensemble = new LinkedHashMap<>();
        List<Map<String, Object>> members = new ArrayList<>();
        for (JsonElement m : report.getAsJsonArray("teachers")) {
            JsonObject member = m.getAsJsonObject();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", member.get("name").getAsString());
            entry.put("devAccuracy", member.get("devAccuracy").getAsDouble());
            entry.put("weight", member.get("weight").getAsDouble());
            members.add(entry);
        }
        ensemble.put("members", members);
        ensemble.put("retentionAgainstBestTeacher", report.get("retentionAgainstBestTeacher").getAsDouble());
        return ensemble;
    }

    private static Map<String, Object> figures(JsonObject report) {
        Map<String, JsonObject> models = new LinkedHashMap<>();
        for (JsonElement m : report.getAsJsonArray("models")) {
            models.put(m.getAsJsonObject().get("role").getAsString(), m.getAsJsonObject());
        }
        JsonObject teacher = models.get(ModelRole.TEACHER.id());
        JsonObject fp32 = models.get(ModelRole.STUDENT_FP32.id());
        JsonObject int8 = models.get(ModelRole.STUDENT_INT8.id());
        JsonObject provenance = report.getAsJsonObject("provenance");
        long pruned = int8.get("fileBytes").getAsLong();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("teacherAccuracy", teacher.get("accuracy").getAsDouble());
        row.put("fp32Accuracy", fp32.get("accuracy").getAsDouble());
        row.put("int8Accuracy", int8.get("accuracy").getAsDouble());
        // The engine's own figure (shipped student over teacher), so that the bench applies its rules, not a copy.
        row.put("retention", report.get("retention").getAsDouble());
        row.put("bestEpoch", report.get("bestEpoch").getAsInt());
        JsonArray epochs = report.getAsJsonArray("epochs");
        double textsPerSecond = 0;
        for (JsonElement e : epochs) {
            textsPerSecond += e.getAsJsonObject().get("textsPerSecond").getAsDouble();
        }
        row.put("epochsRun", epochs.size());
        row.put("trainTextsPerSecond", textsPerSecond / epochs.size());
        // A tabular build reports the int8 agreement in its quantization line and prunes no vocabulary.
        if (provenance.has(ProvenanceKeys.INT8_AGREEMENT_WITH_FP32)) {
            row.put("int8AgreementWithFp32",
                    Double.parseDouble(provenance.get(ProvenanceKeys.INT8_AGREEMENT_WITH_FP32).getAsString()));
        } else if (provenance.has(ProvenanceKeys.QUANTIZATION)) {
            row.put("int8Quantization", provenance.get(ProvenanceKeys.QUANTIZATION).getAsString());
        }
        row.put("transferTexts", Integer.parseInt(provenance.get(ProvenanceKeys.TRANSFER_TEXTS).getAsString()));
        row.put("teacherBytes", teacher.get("fileBytes").getAsLong());
        row.put("fp32Bytes", fp32.get("fileBytes").getAsLong());
        row.put("int8Bytes", pruned + (provenance.has(ProvenanceKeys.VOCABULARY_BYTES_SAVED)
                ? Long.parseLong(provenance.get(ProvenanceKeys.VOCABULARY_BYTES_SAVED).getAsString()) : 0));
        row.put("int8PrunedBytes", pruned);
        // The build's own speed probe (one thread): what the report's speed-up is made of.
        row.put("teacherThroughput", teacher.get("throughput").getAsDouble());
        row.put("int8Throughput", int8.get("throughput").getAsDouble());
        row.put("teacherLatencyP50Ms", teacher.get("latencyP50Ms").getAsDouble());
        row.put("int8LatencyP50Ms", int8.get("latencyP50Ms").getAsDouble());
        // The fp32 student too: an image CNN's weight-only int8 is smaller but not faster.
        row.put("fp32Throughput", fp32.get("throughput").getAsDouble());
        row.put("fp32LatencyP50Ms", fp32.get("latencyP50Ms").getAsDouble());
        row.put("stageSeconds", stageSeconds(report));
        return row;
    }

    /** The report.json a build writes into its descriptor's work folder. */
    static JsonObject report(Path buildFolder) throws IOException {
        return JsonParser.parseString(Files.readString(buildFolder.resolve("report.json"))).getAsJsonObject();
    }

    /** A report's seconds per stage, in the order the build ran them. */
    static Map<String, Double> stageSeconds(JsonObject report) {
        Map<String, Double> stages = new LinkedHashMap<>();
        report.getAsJsonObject("stageSeconds").entrySet().forEach(e -> stages.put(e.getKey(), e.getValue().getAsDouble()));
        return stages;
    }

    /** The default of the {@code @Student} element {@code name}, an int. */
    private static int defaultOf(String name) {
        try {
            return (Integer) dev.distill.annotations.Student.class.getMethod(name).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("@Student has no element " + name, e);
        }
    }

    /** The descriptor JSON the annotation processor writes for the bench's SST-2 job. */
    private Map<String, Object> descriptor(String name, Architecture architecture, double alpha, Recipe recipe) {
        List<Map<String, Object>> teacherJson = new ArrayList<>();
        for (BenchTeacher teacher : teachers) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("model", teacher.model().toString());
            t.put("tokenizer", teacher.tokenizer() == null ? "" : teacher.tokenizer().toString());
            t.put("artifact", "");
            t.put("head", teacher.head());
            t.put("maxLength", teacher.maxLength());
            t.put("weight", 1.0);
            teacherJson.add(t);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("train", train.toString());
        data.put("dev", dev.toString());
        data.put("devFraction", 0.1);
        data.put("transfer", "");
        data.put("softTargets", "");
        data.put("format", "AUTO");
        data.put("textColumn", textColumn);
        data.put("labelColumn", labelColumn);
        // A classifier teacher's id2label gives the order; the smoke run's probe takes the training data's.
        data.put("labels", List.of());
        data.put("skipBadRows", false);
        data.put("features", List.of());
        data.put("missing", "ERROR");
        Map<String, Object> student = new LinkedHashMap<>();
        student.put("architecture", architecture.name());
        student.put("embeddingSize", embeddingSize);
        student.put("hiddenSize", architecture.reads() == Architecture.Reads.IMAGES ? imageWidth : HIDDEN);
        student.put("kernelSizes", KERNELS);
        student.put("layers", 0);
        student.put("teacherLayers", new int[0]);
        student.put("heads", HEADS);
        student.put("bigramBuckets", bigramBuckets);
        student.put("maxLength", MAX_LENGTH);
        student.put("dropout", DROPOUT);
        student.put("embeddings", recipe.embeddings());
        // Empty: the first teacher's tokenizer, as a descriptor that does not name one.
        student.put("tokenizer", "");
        Map<String, Object> augmentation = new LinkedHashMap<>();
        augmentation.put("maskProbability", 0.1);
        augmentation.put("replaceProbability", 0.1);
        augmentation.put("ngramProbability", 0.25);
        augmentation.put("ngramMaxLength", 5);
        augmentation.put("copies", recipe.copies());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", 1);
        d.put("descriptorClass", "dev.distill.bench.Sst2");
        d.put("name", name);
        d.put("teacher", teacherJson);
        d.put("teacherWeights", teacherWeights);
        d.put("data", data);
        d.put("student", student);
        d.put("temperature", TEMPERATURE);
        d.put("finalTemperature", null);
        d.put("alpha", alpha);
        d.put("softLoss", "KL");
        d.put("hiddenWeight", recipe.hiddenWeight());
        // Unset: automatic, the layer and attention terms of a TRANSFORMER cut from the teacher (off for the others).
        d.put("layerWeight", null);
        d.put("attentionWeight", null);
        d.put("epochs", epochs);
        d.put("patience", epochs);
        d.put("batchSize", BATCH);
        d.put("accumulationSteps", 1);
        // Unset: each architecture's own, LEARNING_RATE for the random-start students and a smaller one for a
        // TRANSFORMER cut from the teacher, which 1e-3 would undo.
        d.put("learningRate", null);
        d.put("weightDecay", WEIGHT_DECAY);
        d.put("warmupFraction", 0.06);
        d.put("gradientClip", GRADIENT_CLIP);
        d.put("seed", SEED);
        d.put("quantization", "INT8");
        d.put("pruneVocabulary", true);
        d.put("minRetention", 0.0);
        d.put("augmentation", augmentation);
        recipe.settings().forEach((path, value) -> set(d, path, value));
        return d;
    }

    /** Sets the descriptor value at a dotted path ({@code student.layers}); the path must name an existing key. */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> descriptor, String path, Object value) {
        Map<String, Object> at = descriptor;
        String[] keys = path.split("\\.");
        for (int i = 0; i < keys.length - 1; i++) {
            at = (Map<String, Object>) at.get(keys[i]);
            if (at == null) {
                throw new IllegalArgumentException("recipe setting " + path + ": the descriptor has no " + keys[i]);
            }
        }
        if (!at.containsKey(keys[keys.length - 1])) {
            throw new IllegalArgumentException("recipe setting " + path + ": the descriptor has no such key");
        }
        at.put(keys[keys.length - 1], value);
    }
}
