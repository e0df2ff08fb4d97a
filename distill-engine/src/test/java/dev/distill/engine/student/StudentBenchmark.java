package dev.distill.engine.student;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.Ort;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.quantize.QuantizedModel;
import dev.distill.onnx.student.RandomStudents;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentSizes;
import dev.distill.onnx.student.StudentWeights;

import java.util.Map;
import java.util.Random;

/**
 * Not a test: measures model size and ONNX Runtime latency (1 intra-op thread) of a default-sized student,
 * float vs int8. Run: {@code java -cp <test classpath> dev.distill.engine.student.StudentBenchmark [ARCH]}.
 */
public final class StudentBenchmark {

    private static final int VOCABULARY = 30522;

    private StudentBenchmark() {
    }

    public static void main(String[] args) {
        Architecture architecture = args.length > 0 ? Architecture.valueOf(args[0]) : Architecture.BILSTM;
        // 256 LSTM units, hidden units, filters or feed-forward units; kernel size 3; a transformer of 2 layers of 2 heads.
        StudentGraphWriter shape = StudentArchitectures.of(architecture).graph(new StudentPlan(architecture, 128, 256,
                new int[] {3}, 2, 2, 64, Embeddings.RANDOM), new StudentSizes(VOCABULARY, 128, 2));
        StudentWeights weights = RandomStudents.weights(shape, 1);
        ModelProto fp32 = StudentGraphs.fp32(shape, weights, Map.of());
        measure("fp32", fp32);
        QuantizedModel noDense = new DynamicInt8Quantizer().withMinDenseElements(Long.MAX_VALUE).quantize(fp32);
        measure("int8 (embedding+lstm, dense float)", noDense.model());
        QuantizedModel defaults = new DynamicInt8Quantizer().quantize(fp32);
        measure("int8 default", defaults.model());
        System.out.println("default report: " + defaults.report().toJson());
        if (architecture == Architecture.CNN) {
            measure("int8 + conv weights", new DynamicInt8Quantizer().withConvWeightsInt8(true).quantize(fp32).model());
        }
    }

    private static void measure(String what, ModelProto model) {
        try (Ort session = Ort.of(model)) {
            System.out.printf("%-40s %,12d bytes  batch 1x24: %7.3f ms  batch 64x64: %7.2f ms%n", what,
                    model.getSerializedSize(), latency(session, 1, 24, 2000), latency(session, 64, 64, 100));
        }
    }

    /** Median milliseconds per run over {@code runs} runs after a warm-up. */
    private static double latency(Ort session, int batch, int length, int runs) {
        Random random = new Random(5);
        long[][] ids = new long[batch][length];
        long[][] mask = new long[batch][length];
        for (int row = 0; row < batch; row++) {
            int real = row == 0 ? length : 1 + random.nextInt(length);
            for (int t = 0; t < length; t++) {
                ids[row][t] = random.nextInt(VOCABULARY);
                mask[row][t] = t < real ? 1 : 0;
            }
        }
        for (int i = 0; i < Math.max(20, runs / 10); i++) {
            session.run2d(ids, mask, ClassifierGraph.LOGITS);
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            session.run2d(ids, mask, ClassifierGraph.LOGITS);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(times);
        return times[runs / 2];
    }
}
