package dev.distill.engine.student.imagecnn;

import dev.distill.annotations.Architecture;
import dev.distill.engine.student.StudentArchitecture;
import dev.distill.engine.student.StudentPlan;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;

/**
 * {@link Architecture#IMAGE_CNN}, the image student: a small ResNet ({@link ImageCnnGraph}) of three stages of
 * {@code @Student(layers)} BasicBlocks (0: {@value #DEFAULT_BLOCKS}), {@code @Student(hiddenSize)} channels in the
 * last stage. It reads images, not tokens, so it is not one of the text architectures of
 * {@code StudentArchitectures}: {@code ImageDistiller} and {@code train.RowTrainer} build it.
 */
public final class ImageCnnArchitecture {

    /** BasicBlocks per stage of a plan that leaves {@code layers = 0}. */
    public static final int DEFAULT_BLOCKS = 1;

    /**
     * The last stage's channels of a plan that leaves {@code hiddenSize = 0}: 48, stages of 12, 24 and 48 channels,
     * examples/fashion's (95.8% of the Fashion-MNIST ResNet of 32/64/128 channels at 4.3x its throughput in the
     * bench), not wider than the teacher it compresses.
     */
    public static final int DEFAULT_WIDTH = 48;
    /** The random crop's padding in pixels, each side (the teacher's own training used 2). */
    public static final int CROP_PADDING = 2;

    /** @return {@link Architecture#IMAGE_CNN} */
    public Architecture name() {
        return Architecture.IMAGE_CNN;
    }

    /**
     * The student's graph from the {@code @Student} values and the images' sizes.
     *
     * @throws IllegalArgumentException naming the setting that does not make a network
     */
    public ImageCnnGraph graph(StudentPlan student, int channels, int height, int width, int classes) {
        return new ImageCnnGraph(channels, height, width, classes, student.hiddenSize(),
                student.layers() == 0 ? DEFAULT_BLOCKS : student.layers());
    }

    /** AdamW's peak learning rate when {@code @Distill(learningRate)} is unset: 1e-3. */
    public double defaultLearningRate() {
        return StudentArchitecture.DEFAULT_LEARNING_RATE;
    }

    /** An uninitialized DJL network with the math of {@code graph}. */
    public ImageCnnStudent create(ImageCnnGraph graph) {
        return new ImageCnnStudent(graph);
    }

    /**
     * Weight-only int8 for every Conv and the output layer (int8 weights, one scale per output channel, dequantized
     * into the float Conv and MatMul): a quarter of the size, the float speed. ONNX Runtime's integer convolutions
     * were slower than float Conv on this machine (docs/export.md, "Images"), so there is no int8 compute; and a
     * {@code DynamicQuantizeMatMul} head would round each batch's activations with the batch's own scale, so that an
     * image's logits would depend on the images batched with it.
     */
    public DynamicInt8Quantizer int8Quantizer() {
        return new DynamicInt8Quantizer().withConvWeightsInt8(true).withMinDenseElements(0)
                .withDenseWeightsOnly(true);
    }
}
