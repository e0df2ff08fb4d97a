package dev.distill.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Head;
import dev.distill.annotations.Quantization;
import dev.distill.annotations.SoftLoss;
import dev.distill.engine.DistillOutcome;
import dev.distill.engine.DistillationPlan;
import dev.distill.engine.Distiller;
import dev.distill.engine.StudentPlan;
import dev.distill.engine.augment.AugmentOptions;
import dev.distill.engine.data.DataSpec;
import dev.distill.engine.evaluate.Speed;
import dev.distill.engine.evaluate.SpeedProbe;
import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.report.DistillReport;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.engine.train.EpochSummary;
import dev.distill.engine.train.TrainingConfig;
import dev.distill.engine.train.TrainingDevice;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Distills the full shared SST-2 training set from {@code ../shared/teachers/sst2-minilm} into each
 * student architecture, with knowledge distillation (alpha 0.7) and with gold labels only (alpha 0,
 * the same budget), and measures every figure of issues #3 and #4 in one run: accuracies, training
 * texts/s, peak RSS, sizes (fp32, int8, int8 + pruning), batch-1 latency and batch-64 throughput.
 *
 * <p>Usage: {@code Sst2Benchmark <shared dir> <results dir> [epochs] [architectures...]}
 */
public final class Sst2Benchmark {

    private Sst2Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared").toAbsolutePath().normalize();
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results").toAbsolutePath();
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Architecture> architectures = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            architectures.add(Architecture.valueOf(args[i]));
        }
        if (architectures.isEmpty()) {
            architectures = List.of(Architecture.values());
        }
        Path teacher = shared.resolve("teachers/sst2-minilm");
        Path data = shared.resolve("data/sst2");
        if (!Files.isDirectory(teacher) || !Files.isDirectory(data)) {
            System.err.println("this benchmark needs ../shared (teachers/sst2-minilm, data/sst2): not found under "
                    + shared);
            System.exit(2);
        }
        Path work = Files.createDirectories(results.resolve("work"));
        int threads = Integer.getInteger("distill.threads", Runtime.getRuntime().availableProcessors());
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("date", LocalDate.now().toString());
        run.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB max heap");
        run.put("threads", threads);
        run.put("epochs", epochs);
        run.put("trainRows", new TextFileReader("sentence", "label").read(data.resolve("train.tsv")).size());
        run.put("devRows", new TextFileReader("sentence", "label").read(data.resolve("dev.tsv")).size());
        for (Architecture architecture : architectures) {
            for (double alpha : new double[] {0.7, 0.0}) {
                rows.add(distill(teacher, data, work, architecture, alpha, epochs, threads));
                run.put("rows", rows);
                write(results, run);
            }
        }
        System.out.println(BenchTables.markdown(run));
    }

    private static Map<String, Object> distill(Path teacher, Path data, Path work, Architecture architecture,
            double alpha, int epochs, int threads) throws Exception {
        String name = architecture.name().toLowerCase(Locale.ROOT) + (alpha > 0 ? "-kd" : "-hard");
        TrainingConfig training = TrainingConfig.builder().epochs(epochs).batchSize(64).learningRate(1e-3f)
                .alpha((float) alpha).temperature(4f).softLoss(SoftLoss.KL).seed(42).patience(epochs)
                .device(TrainingDevice.AUTO).threads(threads).dropout(0.1f).build();
        DataSpec dataSpec = DataSpec.of(data.resolve("train.tsv"), "sentence", "label")
                .withDev(data.resolve("dev.tsv"));
        Path folder = work.resolve(name);
        DistillationPlan plan = new DistillationPlan(name,
                new TeacherSpec(teacher, null, Head.CLASSIFIER, 0, threads, 32, folder.resolve("probe"),
                        SoftmaxRegression.Options.defaults(42)),
                dataSpec, new StudentPlan(architecture, 128, 256, new int[] {3, 4, 5}, 64), training,
                AugmentOptions.tang(0, 42), Quantization.INT8, true, 0, Thresholds.DEFAULTS, threads,
                folder.resolve("student"), folder.resolve("work"), work.resolve("soft-target-cache"),
                Map.of("architecture", architecture.name(), "alpha", Double.toString(alpha)), Map.of());
        long start = System.nanoTime();
        DistillOutcome outcome = new Distiller(System.out::println).run(plan);
        double seconds = (System.nanoTime() - start) / 1e9;
        DistillReport report = outcome.report();
        ModelEvaluation fp32 = report.model("student-fp32");
        ModelEvaluation int8 = report.model("student-int8");
        ModelEvaluation teacherEval = report.model("teacher");
        Path int8Model = folder.resolve("student/model.onnx");
        Path fp32Model = folder.resolve("work/student-fp32.onnx");
        Path tokenizer = folder.resolve("student/tokenizer.json");
        List<String> devTexts = new TextFileReader("sentence", "label").read(data.resolve("dev.tsv")).stream()
                .map(TextRow::text).toList();
        SpeedProbe probe = new SpeedProbe(1, devTexts.size(), 64);
        Speed fp32Speed = probe.measure(fp32Model, tokenizer, 64, devTexts);
        Speed int8Speed = probe.measure(int8Model, tokenizer, 64, devTexts);

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("student", architecture.name());
        row.put("alpha", alpha);
        row.put("teacherAccuracy", teacherEval.accuracy());
        row.put("fp32Accuracy", fp32.accuracy());
        row.put("int8Accuracy", int8.accuracy());
        row.put("retention", int8.accuracy() / teacherEval.accuracy());
        row.put("bestEpoch", report.bestEpoch());
        row.put("trainTextsPerSecond", report.epochs().stream().mapToDouble(EpochSummary::textsPerSecond)
                .average().orElse(Double.NaN));
        row.put("fp32Bytes", fp32.fileBytes());
        row.put("int8PrunedBytes", int8.fileBytes());
        row.put("int8Bytes", int8.fileBytes() + Long.parseLong(report.provenance().get("vocabulary.bytesSaved")));
        row.put("teacherBytes", teacherEval.fileBytes());
        row.put("fp32LatencyP50Ms", fp32Speed.latencyP50Ms());
        row.put("int8LatencyP50Ms", int8Speed.latencyP50Ms());
        row.put("fp32Batch64TextsPerSecond", fp32Speed.throughput());
        row.put("int8Batch64TextsPerSecond", int8Speed.throughput());
        row.put("teacherLatencyP50Ms", teacherEval.latencyP50Ms());
        row.put("stageSeconds", report.stageSeconds());
        row.put("wallSeconds", seconds);
        row.put("peakRssMiB", PeakRss.mebibytes());
        System.out.println("bench: " + row);
        return row;
    }

    private static void write(Path results, Map<String, Object> run) throws Exception {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        AtomicFiles.writeString(results.resolve("sst2-" + run.get("date") + ".json"), gson.toJson(run) + "\n");
    }
}
