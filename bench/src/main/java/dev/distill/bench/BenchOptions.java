package dev.distill.bench;

import dev.distill.annotations.Architecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link BenchMain} (bench/run passes its own arguments through).
 *
 * @param smoke        a few hundred texts, 1 epoch, a tiny peer run: checks that the benchmark works
 * @param shared       the shared folder: teachers/sst2-minilm and data/sst2 are used when present
 * @param teacher      a classifier folder, or null for the shared one (or, in smoke mode without it, a MiniLM probe)
 * @param train        the training file, or null for the shared one (smoke: testdata/sst2/train.tsv)
 * @param dev          the dev file, or null for the shared one (smoke: testdata/sst2/dev.tsv)
 * @param testdata     the committed test data folder (smoke mode's data)
 * @param out          where {@code <date>.json} goes
 * @param work         the run's scratch folder
 * @param epochs       training epochs of every row
 * @param embeddingSize the students' embedding width (the teacher's table is projected to it)
 * @param bigramBuckets the bag of embeddings' {@code student.bigramBuckets} (0: none); {@code @Student}'s default unless
 *                     {@code --bigram-buckets} says otherwise
 * @param imageWidth   an IMAGE_CNN student's {@code hiddenSize}, its last stage's channels ({@code --image-width};
 *                     {@link DistillBuild#IMAGE_WIDTH} by default)
 * @param threads      training, teacher and ONNX Runtime threads of the builds
 * @param trainRows    the first rows of the training file to use, 0 for all
 * @param devRows      the first rows of the dev file to use, 0 for all
 * @param peerBatches  batches the PyTorch peer trains on per architecture
 * @param peerPython   the python with torch, or null when the peer is skipped
 * @param peerSkipped  why the peer is skipped (when peerPython is null)
 * @param peerScript   bench/peer/train_peer.py
 * @param jvmArgs      the build JVMs' arguments (the goal's default is -Xmx6g -XX:MaxNewSize=256m)
 * @param example      the example project whose whole build is measured, or null when it is not
 * @param exampleSkipped why the example build is not measured (when example is null)
 * @param ablation     the architectures of the quality ablation (only that is run), or empty for the full run
 * @param recipes      the ablation's recipes to run (by name, e.g. {@code emb-hidden}); empty for all
 * @param alphas       the ablation's rows of each recipe: KD (alpha {@value DistillBuild#KD_ALPHA}) and the gold
 *                     labels only (alpha 0); {@code --kd-only} or {@code --hard-only} keeps one
 * @param textColumn   the data's text column ({@code sentence}, SST-2's)
 * @param labelColumn  the data's label column ({@code label})
 * @param teachers     the teachers every row distills from, by name ({@link #TEACHER_NAMES}); several make an ensemble
 * @param teacherWeights an ensemble's {@code teacherWeights}: FIXED (equal) or FITTED (on the dev set)
 */
record BenchOptions(boolean smoke, Path shared, Path teacher, Path train, Path dev, Path testdata, Path out, Path work,
        int epochs, int embeddingSize, int bigramBuckets, int imageWidth, int threads, int trainRows, int devRows, int peerBatches, String peerPython, String peerSkipped,
        Path peerScript, List<String> jvmArgs, Path example, String exampleSkipped, List<Architecture> ablation,
        List<String> recipes, List<Double> alphas, String textColumn, String labelColumn, List<String> teachers,
        String teacherWeights) {

    /** The reference teacher (the classifier folder of --teacher or ../shared) and the example's bge-small probe. */
    static final List<String> TEACHER_NAMES = List.of("reference", "bge-probe");

    static final String USAGE = """
            usage: bench/run [--smoke] [--shared DIR] [--teacher DIR] [--train FILE] [--dev FILE] [--out DIR]
                             [--epochs N] [--embedding-size N] [--bigram-buckets N] [--image-width N] [--threads N] [--train-rows N] [--dev-rows N] [--peer-batches N]
                             [--jvm-args "ARGS"] [--example DIR|none] [--ablation BILSTM,CNN]
                             [--recipes random,emb,...] [--kd-only|--hard-only] [--text-column NAME] [--label-column NAME]
                             [--teachers reference,bge-probe] [--teacher-weights FIXED|FITTED]""";

    static BenchOptions parse(String[] args) {
        boolean smoke = List.of(args).contains("--smoke");
        Path shared = Path.of("../shared");
        Path teacher = null;
        Path train = null;
        Path dev = null;
        Path testdata = Path.of("testdata");
        Path out = smoke ? Path.of("bench/target/smoke") : Path.of("bench/results");
        Path work = null;
        int epochs = smoke ? 1 : 2;
        int embeddingSize = DistillBuild.EMBEDDING;
        int bigramBuckets = DistillBuild.DEFAULT_BIGRAM_BUCKETS;
        int imageWidth = DistillBuild.IMAGE_WIDTH;
        int threads = 2;
        int trainRows = smoke ? 256 : 0;
        int devRows = smoke ? 64 : 0;
        int peerBatches = smoke ? 8 : 120;
        String peerPython = null;
        String peerSkipped = "not asked for";
        Path peerScript = Path.of("bench/peer/train_peer.py");
        String jvmArgs = smoke ? "-Xmx2g" : "-Xmx6g -XX:MaxNewSize=256m";
        String example = smoke ? null : "examples/sentiment";
        String exampleSkipped = smoke ? "smoke mode (the example distills the full SST-2 training set)" : null;
        List<Architecture> ablation = List.of();
        List<String> recipes = List.of();
        boolean kdOnly = List.of(args).contains("--kd-only");
        boolean hardOnly = List.of(args).contains("--hard-only");
        if (kdOnly && hardOnly) {
            throw new IllegalArgumentException("--kd-only and --hard-only exclude each other: give one, or neither for "
                    + "both rows\n" + USAGE);
        }
        List<Double> alphas = kdOnly ? List.of(DistillBuild.KD_ALPHA) : hardOnly ? List.of(0.0)
                : List.of(DistillBuild.KD_ALPHA, 0.0);
        String textColumn = "sentence";
        String labelColumn = "label";
        List<String> teachers = List.of("reference");
        String teacherWeights = "FIXED";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--smoke") || a.equals("--kd-only") || a.equals("--hard-only")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--shared" -> shared = Path.of(v);
                case "--teacher" -> teacher = Path.of(v);
                case "--train" -> train = Path.of(v);
                case "--dev" -> dev = Path.of(v);
                case "--testdata" -> testdata = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--work" -> work = Path.of(v);
                case "--epochs" -> epochs = positive(a, v);
                case "--embedding-size" -> embeddingSize = positive(a, v);
                case "--bigram-buckets" -> bigramBuckets = count(a, v);
                case "--image-width" -> imageWidth = positive(a, v);
                case "--threads" -> threads = positive(a, v);
                case "--train-rows" -> trainRows = count(a, v);
                case "--dev-rows" -> devRows = count(a, v);
                case "--peer-batches" -> peerBatches = positive(a, v);
                case "--peer-python" -> peerPython = v;
                case "--peer-skipped" -> peerSkipped = v;
                case "--peer-script" -> peerScript = Path.of(v);
                case "--jvm-args" -> jvmArgs = v;
                case "--example" -> {
                    example = v.equals("none") ? null : v;
                    exampleSkipped = v.equals("none") ? "not asked for (--example none)" : null;
                }
                case "--ablation" -> ablation = architectures(a, v);
                case "--recipes" -> recipes = List.of(v.split(","));
                case "--text-column" -> textColumn = v;
                case "--label-column" -> labelColumn = v;
                case "--teachers" -> teachers = teachers(a, v);
                case "--teacher-weights" -> teacherWeights = teacherWeights(a, v);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        List<String> jvm = new ArrayList<>(List.of(jvmArgs.trim().split("\\s+")));
        jvm.removeIf(String::isEmpty);
        return new BenchOptions(smoke, abs(shared), abs(teacher), abs(train), abs(dev), abs(testdata), abs(out),
                work != null ? abs(work) : abs(out).resolve("work/run"), epochs, embeddingSize, bigramBuckets, imageWidth, threads, trainRows, devRows, peerBatches,
                peerPython, peerSkipped, abs(peerScript), List.copyOf(jvm), example == null ? null : abs(Path.of(example)),
                exampleSkipped, ablation, recipes, alphas, textColumn, labelColumn, teachers, teacherWeights);
    }

    private static List<String> teachers(String option, String value) {
        List<String> names = List.of(value.split(","));
        for (String name : names) {
            if (!TEACHER_NAMES.contains(name)) {
                throw new IllegalArgumentException(option + " " + value + ": '" + name + "' is not one of "
                        + TEACHER_NAMES + " (reference: the classifier folder of --teacher or ../shared; bge-probe:"
                        + " the example's linear probe on bge-small-en-v1.5)");
            }
        }
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(option + " " + value + ": a teacher is named twice");
        }
        return names;
    }

    private static String teacherWeights(String option, String value) {
        if (!value.equals("FIXED") && !value.equals("FITTED")) {
            throw new IllegalArgumentException(option + " " + value + ": expected FIXED (equal weights) or FITTED"
                    + " (fitted on the dev set)");
        }
        return value;
    }

    private static List<Architecture> architectures(String option, String value) {
        List<Architecture> list = new ArrayList<>();
        for (String name : value.split(",")) {
            try {
                list.add(Architecture.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " " + value + ": '" + name + "' is not one of "
                        + List.of(Architecture.values()));
            }
        }
        return List.copyOf(list);
    }

    private static Path abs(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    private static int positive(String option, String value) {
        int n = count(option, value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " " + value + ": expected a whole number of at least 1");
        }
        return n;
    }

    private static int count(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + value + ": expected a whole number (0 or more)");
        }
    }
}
