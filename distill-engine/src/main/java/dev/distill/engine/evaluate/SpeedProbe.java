package dev.distill.engine.evaluate;

import dev.distill.contract.ClassifierGraph;
import dev.distill.runtime.OnnxTabularModel;
import dev.distill.runtime.OnnxTextModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * Times a classifier the way an application runs it: through the distill runtime, text in, logits
 * out, tokenization included. Teacher and students are timed alike on the same texts, in the same
 * process, one after the other, so their ratio is fair even on a noisy machine.
 */
public final class SpeedProbe {

    /** The batch size of the report's throughput figure. */
    public static final int BATCH = 32;

    private final int threads;
    private final int maxTexts;
    private final int batch;

    /**
     * @param threads  ONNX Runtime intra-op threads
     * @param maxTexts at most this many dev texts are timed (the figure is a median, so a few hundred do)
     */
    public SpeedProbe(int threads, int maxTexts) {
        this(threads, maxTexts, BATCH);
    }

    /** @param batch texts per call in the throughput run */
    public SpeedProbe(int threads, int maxTexts, int batch) {
        this.threads = threads;
        this.maxTexts = maxTexts;
        this.batch = batch;
    }

    public Speed measure(Path model, Path tokenizer, int maxLength, List<String> texts) {
        List<String> sample = texts.subList(0, Math.min(texts.size(), maxTexts));
        if (sample.isEmpty()) {
            return Speed.UNMEASURED;
        }
        try (OnnxTextModel onnx = OnnxTextModel.load(model, tokenizer, ClassifierGraph.LOGITS, maxLength, threads)) {
            return time(sample.size(), i -> onnx.forward(List.of(sample.get(i))),
                    (from, to) -> onnx.forward(sample.subList(from, to)));
        }
    }

    /**
     * Times a tabular classifier ({@code features} in) the same way, on raw rows.
     *
     * @param output the model's output to run, e.g. {@code logits} or a tree ensemble's {@code probabilities}
     */
    public Speed measure(Path model, String output, float[][] rows) {
        float[][] sample = Arrays.copyOf(rows, Math.min(rows.length, maxTexts));
        if (sample.length == 0) {
            return Speed.UNMEASURED;
        }
        try (OnnxTabularModel onnx = OnnxTabularModel.load(model, List.of(output), threads)) {
            return time(sample.length, i -> onnx.forward(new float[][] {sample[i]}),
                    (from, to) -> onnx.forward(Arrays.copyOfRange(sample, from, to)));
        }
    }

    /**
     * Times an image classifier ({@code pixel_values} in) the same way, on preprocessed images (decoding not
     * included: the teacher and the student read the same pixels).
     */
    public Speed measure(Path model, dev.distill.runtime.image.ImagePreprocessing preprocessing, float[][] images) {
        float[][] sample = Arrays.copyOf(images, Math.min(images.length, maxTexts));
        if (sample.length == 0) {
            return Speed.UNMEASURED;
        }
        try (dev.distill.runtime.OnnxImageModel onnx = dev.distill.runtime.OnnxImageModel.load(model, preprocessing,
                List.of(ClassifierGraph.LOGITS), threads)) {
            return time(sample.length, i -> onnx.forward(new float[][] {sample[i]}),
                    (from, to) -> onnx.forward(Arrays.copyOfRange(sample, from, to)));
        }
    }

    /** The median and 99th percentile of single examples (after a warm-up), and the throughput in batches. */
    private Speed time(int examples, IntConsumer one, BiConsumer<Integer, Integer> range) {
        // Warm-up: the first runs allocate and pick kernels.
        for (int i = 0; i < Math.min(10, examples); i++) {
            one.accept(i);
        }
        double[] millis = new double[examples];
        for (int i = 0; i < examples; i++) {
            long start = System.nanoTime();
            one.accept(i);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        long start = System.nanoTime();
        for (int from = 0; from < examples; from += batch) {
            range.accept(from, Math.min(examples, from + batch));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Speed(percentile(millis, 0.5), percentile(millis, 0.99), examples / seconds, examples);
    }

    static double percentile(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
