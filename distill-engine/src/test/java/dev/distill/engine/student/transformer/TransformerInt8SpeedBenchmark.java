package dev.distill.engine.student.transformer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.engine.data.TextDataset;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.TeacherLayers;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.train.TorchRuntime;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.TextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the TRANSFORMER student cut from the tests' MiniLM probe teacher (3 of its 6 layers; untrained: speed does not
 * depend on the weights) against that teacher through {@code TextClassifier}, one ORT thread, batches of 32 over the
 * SST-2 dev slice: fp32, weight-only int8 folded at load (the default) and dequantized on every call
 * ({@code foldInt8Weights(false)}). Rounds alternate the models, so a change in the machine's speed hits them alike.
 * Not a test; run its {@code main} with the test class path: {@code TransformerInt8SpeedBenchmark <out folder>
 * [rounds]}.
 */
public final class TransformerInt8SpeedBenchmark {

    private static final int MAX_LENGTH = 64;

    private TransformerInt8SpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        TorchRuntime.start(1);
        Path teacher = EngineFixtures.probeFolder();
        TextDataset dev = EngineFixtures.sst2Dev();
        Path fp32Folder = Files.createDirectories(out.resolve("fp32"));
        Path int8Folder = Files.createDirectories(out.resolve("int8"));
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH);
                NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StudentDesign<?> design = StudentArchitectures.design(new StudentPlan(Architecture.TRANSFORMER, 128, 256,
                    new int[] {3}, 0, new int[0], 4, MAX_LENGTH, Embeddings.AUTO),
                    TeacherLayers.of(teacher.resolve("model.onnx")), encoder.vocabularySize(),
                    EngineFixtures.SST2_LABELS.size(), line -> { });
            Student student = design.create(0f);
            student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            student.loadWeights(design.weights());
            ModelProto fp32 = StudentGraphs.fp32(student.graph(), student.exportWeights(), Map.of());
            OnnxModels.write(fp32, fp32Folder.resolve("model.onnx"));
            OnnxModels.write(new TransformerArchitecture().int8Quantizer().quantize(fp32).model(),
                    int8Folder.resolve("model.onnx"));
        }
        for (Path folder : List.of(fp32Folder, int8Folder)) {
            Files.copy(teacher.resolve("tokenizer.json"), folder.resolve("tokenizer.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(teacher.resolve("config.json"), folder.resolve("config.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ClassifierOptions folded = ClassifierOptions.builder().intraOpThreads(1).maxLength(MAX_LENGTH)
                .verifyChecksum(false).build();
        ClassifierOptions perCall = folded.toBuilder().foldInt8Weights(false).build();
        List<String> names = List.of("teacher (6 layers)", "student fp32", "student int8, folded",
                "student int8, per call");
        List<Path> folders = List.of(teacher, fp32Folder, int8Folder, int8Folder);
        List<ClassifierOptions> options = List.of(folded, folded, folded, perCall);
        List<List<Double>> rates = new ArrayList<>();
        names.forEach(name -> rates.add(new ArrayList<>()));
        List<String> texts = dev.texts();
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < names.size(); m++) {
                try (TextClassifier classifier = TextClassifier.load(folders.get(m), options.get(m))) {
                    classifier.logits(texts.subList(0, 64)); // warm-up
                    long start = System.nanoTime();
                    for (int i = 0; i < texts.size(); i += 32) {
                        classifier.logits(texts.subList(i, Math.min(texts.size(), i + 32)));
                    }
                    rates.get(m).add(texts.size() / ((System.nanoTime() - start) / 1e9));
                }
            }
        }
        double teacherRate = median(rates.get(0));
        for (int m = 0; m < names.size(); m++) {
            System.out.printf(Locale.ROOT, "%-24s %7.0f texts/s (median of %d; rounds %s) = %.2fx the teacher%n",
                    names.get(m), median(rates.get(m)), rounds, rates.get(m).stream()
                            .map(r -> String.format(Locale.ROOT, "%.0f", r)).toList(),
                    median(rates.get(m)) / teacherRate);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
