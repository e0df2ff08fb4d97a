package dev.distill.engine.student.imagecnn;

import dev.distill.annotations.Architecture;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentLayers;
import dev.distill.onnx.student.StudentSizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Architecture#IMAGE_CNN}'s ONNX form, a small ResNet on {@code pixel_values} ({@link InputKind#IMAGE}): a 3x3
 * convolution stem, three stages of {@code blocks} BasicBlocks ({@code relu(conv2(relu(conv1(x))) + shortcut(x))},
 * 3x3 convolutions, padding 1; the first block of stages 2 and 3 has stride 2 and a 1x1 strided projection
 * shortcut), {@code GlobalAveragePool}, {@code Flatten} and the output layer. BatchNorm is folded into each
 * convolution's weight and bias ({@link ConvBn#fold}), so the graph is Conv, Relu, Add, GlobalAveragePool, Flatten
 * and Gemm only, as the teacher's is.
 *
 * @param channels C, the image's channels
 * @param height H
 * @param width W
 * @param numClasses the width of the logits
 * @param featureWidth the last stage's channels, what the output layer reads ({@code @Student(hiddenSize)}); the
 *     stages are {@code featureWidth / 4}, {@code / 2} and {@code / 1} wide
 * @param blocks BasicBlocks per stage ({@code @Student(layers)}, 0: 1)
 */
public record ImageCnnGraph(int channels, int height, int width, int numClasses, int featureWidth, int blocks)
        implements StudentGraphWriter {

    /** The stages, each halving the size after the first. */
    public static final int STAGES = 3;

    /** @throws IllegalArgumentException naming the first size that does not make a network */
    public ImageCnnGraph {
        StudentSizes.requirePositive("channels", channels);
        StudentSizes.requirePositive("height", height);
        StudentSizes.requirePositive("width", width);
        StudentSizes.requirePositive("numClasses", numClasses);
        StudentSizes.requirePositive("blocks", blocks);
        if (featureWidth < 4 || featureWidth % 4 != 0) {
            throw new IllegalArgumentException("student.hiddenSize = " + featureWidth + " must be a multiple of 4 (at"
                    + " least 4): an IMAGE_CNN's stages are hiddenSize / 4, / 2 and / 1 channels wide");
        }
    }

    /** @return the channels of stage {@code s}, counted from 1 */
    public int stageWidth(int s) {
        return featureWidth >> (STAGES - s);
    }

    /** @return every convolution in forward order, each with its input and output channels, kernel and stride */
    public List<ConvSpec> convolutions() {
        List<ConvSpec> convs = new ArrayList<>();
        convs.add(new ConvSpec("stem", channels, stageWidth(1), 3, 1));
        int in = stageWidth(1);
        for (int s = 1; s <= STAGES; s++) {
            int out = stageWidth(s);
            for (int b = 1; b <= blocks; b++) {
                int stride = s > 1 && b == 1 ? 2 : 1;
                String block = block(s, b);
                convs.add(new ConvSpec(block + ".conv1", in, out, 3, stride));
                convs.add(new ConvSpec(block + ".conv2", out, out, 3, 1));
                if (stride != 1 || in != out) {
                    convs.add(new ConvSpec(block + ".shortcut", in, out, 1, stride));
                }
                in = out;
            }
        }
        return convs;
    }

    /** The name of block {@code b} of stage {@code s}, both counted from 1: {@code stage2.block1}. */
    public static String block(int s, int b) {
        return "stage" + s + ".block" + b;
    }

    @Override
    public Architecture architecture() {
        return Architecture.IMAGE_CNN;
    }

    @Override
    public InputKind inputKind() {
        return InputKind.IMAGE;
    }

    /**
     * An image CNN has no vocabulary or embedding table.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public StudentSizes sizes() {
        throw new UnsupportedOperationException("an IMAGE_CNN student has no embedding table: its sizes are "
                + channels + "x" + height + "x" + width + " images and numClasses = " + numClasses);
    }

    @Override
    public Map<String, long[]> layerTensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (ConvSpec conv : convolutions()) {
            shapes.put(conv.name() + ".w", new long[] {conv.out(), conv.in(), conv.kernel(), conv.kernel()});
            shapes.put(conv.name() + ".b", new long[] {conv.out()});
        }
        return shapes;
    }

    /**
     * @return the last stage's feature map size, {@code [height, width]}: each strided stage (2 and 3) halves the
     *     image, rounding up (3x3 kernels, padding 1, stride 2)
     */
    public long[] lastStageSize() {
        long h = height;
        long w = width;
        for (int s = 2; s <= STAGES; s++) {
            h = (h + 1) / 2;
            w = (w + 1) / 2;
        }
        return new long[] {h, w};
    }

    @Override
    public long featureSize() {
        return featureWidth;
    }

    @Override
    public String writeFeatures(StudentLayers layers) {
        String x = layers.relu(conv(layers, ClassifierGraph.PIXEL_VALUES, "stem", 3, 1));
        int in = stageWidth(1);
        for (int s = 1; s <= STAGES; s++) {
            int out = stageWidth(s);
            for (int b = 1; b <= blocks; b++) {
                int stride = s > 1 && b == 1 ? 2 : 1;
                String block = block(s, b);
                String y = layers.relu(conv(layers, x, block + ".conv1", 3, stride));
                y = conv(layers, y, block + ".conv2", 3, 1);
                String shortcut = stride != 1 || in != out ? conv(layers, x, block + ".shortcut", 1, stride) : x;
                x = layers.relu(layers.ops().binary("Add", y, shortcut, block.replace('.', '_') + "_sum"));
                in = out;
            }
        }
        String pooled = layers.graph().node("GlobalAveragePool").inputs(x).output("pooled");
        return layers.graph().node("Flatten").inputs(pooled).attrInt("axis", 1).output("features");
    }

    private static String conv(StudentLayers layers, String x, String name, int kernel, int stride) {
        int pad = kernel / 2;
        return layers.graph().node("Conv").inputs(x, layers.weight(name + ".w"), layers.weight(name + ".b"))
                .attrInts("kernel_shape", kernel, kernel).attrInts("strides", stride, stride)
                .attrInts("pads", pad, pad, pad, pad).output(name.replace('.', '_'));
    }

    /**
     * One convolution of the network.
     *
     * @param name its tensors' prefix, e.g. {@code stage2.block1.conv1}
     * @param in input channels
     * @param out output channels
     * @param kernel the square kernel's side (3, or 1 for a projection shortcut)
     * @param stride 1, or 2 where a stage halves the size
     */
    public record ConvSpec(String name, int in, int out, int kernel, int stride) {
    }
}
