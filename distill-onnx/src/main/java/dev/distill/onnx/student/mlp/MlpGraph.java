package dev.distill.onnx.student.mlp;

import dev.distill.annotations.Architecture;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentLayers;
import dev.distill.onnx.student.StudentSizes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Architecture#MLP}: a multilayer perceptron on the {@code features} input ({@link InputKind#TABULAR}).
 * {@code x = (features - standardize.mean) * standardize.scale} (the training rows' mean and 1/std, so that callers
 * feed raw values), then {@code h_i = relu(fc_i(h_{i-1}))} for i = 1..layers and {@code logits = out(h_layers)}.
 * The two {@code standardize} tensors are weights of the student that training never changes.
 *
 * @param features   F, the numeric features of a row
 * @param numClasses C, the width of the logits
 * @param layers     the hidden layers, at least 1
 * @param width      W, the units of each hidden layer ({@code @Student(hiddenSize)})
 */
public record MlpGraph(int features, int numClasses, int layers, int width) implements StudentGraphWriter {

    /** The per-feature mean subtracted first, {@code [F]}. */
    public static final String MEAN = "standardize.mean";
    /** The per-feature 1/std multiplied next, {@code [F]}. */
    public static final String SCALE = "standardize.scale";

    /** @throws IllegalArgumentException naming the first size that is not positive */
    public MlpGraph {
        StudentSizes.requirePositive("features", features);
        StudentSizes.requirePositive("numClasses", numClasses);
        StudentSizes.requirePositive("layers", layers);
        StudentSizes.requireHiddenSize(width);
    }

    /** The name of hidden layer {@code i}, counted from 1: {@code fc1}, {@code fc2}, ... */
    public static String layer(int i) {
        return "fc" + i;
    }

    /** The weight of the layer that reads the standardised features: {@code fc1.w}. */
    public static String inputLayerWeight() {
        return layer(1) + ".w";
    }

    @Override
    public Architecture architecture() {
        return Architecture.MLP;
    }

    @Override
    public InputKind inputKind() {
        return InputKind.TABULAR;
    }

    /**
     * An MLP reads no tokens, so it has no vocabulary or embedding width.
     *
     * @throws UnsupportedOperationException always; {@link #numClasses()} and {@link #features()} are its sizes
     */
    @Override
    public StudentSizes sizes() {
        throw new UnsupportedOperationException("an MLP student has no embedding table: its sizes are features = "
                + features + " and numClasses = " + numClasses);
    }

    @Override
    public Map<String, long[]> layerTensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(MEAN, new long[] {features});
        shapes.put(SCALE, new long[] {features});
        for (int i = 1; i <= layers; i++) {
            shapes.put(layer(i) + ".w", new long[] {width, i == 1 ? features : width});
            shapes.put(layer(i) + ".b", new long[] {width});
        }
        return shapes;
    }

    @Override
    public long featureSize() {
        return width;
    }

    @Override
    public String writeFeatures(StudentLayers layers) {
        String centred = layers.ops().binary("Sub", ClassifierGraph.FEATURES, layers.weight(MEAN), "centred");
        String h = layers.ops().binary("Mul", centred, layers.weight(SCALE), "standardized");
        for (int i = 1; i <= this.layers; i++) {
            h = layers.relu(layers.linear(h, layer(i)));
        }
        return h;
    }
}
