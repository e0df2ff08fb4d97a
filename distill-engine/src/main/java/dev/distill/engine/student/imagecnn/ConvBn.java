package dev.distill.engine.student.imagecnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.distill.engine.student.imagecnn.ImageCnnGraph.ConvSpec;
import dev.distill.onnx.student.Tensor;
import java.util.List;

/**
 * One convolution without bias followed by BatchNorm, as the student trains it, and the single Conv with weight and
 * bias it is exported as: {@code W' = W * gamma / sqrt(var + eps)} per output channel, {@code b' = beta - mean * gamma
 * / sqrt(var + eps)}, with the running statistics (what BatchNorm uses outside training).
 */
final class ConvBn {

    /** BatchNorm's epsilon, PyTorch's default; the fold uses the same. */
    static final float EPSILON = 1e-5f;

    private final ConvSpec spec;
    private final Conv2d conv;
    private final BatchNorm norm;

    ConvBn(ConvSpec spec) {
        this.spec = spec;
        int pad = spec.kernel() / 2;
        this.conv = Conv2d.builder().setKernelShape(new Shape(spec.kernel(), spec.kernel()))
                .optStride(new Shape(spec.stride(), spec.stride())).optPadding(new Shape(pad, pad))
                .setFilters(spec.out()).optBias(false).build();
        this.norm = BatchNorm.builder().optEpsilon(EPSILON).build();
    }

    ConvSpec spec() {
        return spec;
    }

    Conv2d conv() {
        return conv;
    }

    BatchNorm norm() {
        return norm;
    }

    /**
     * @param input the input's shape {@code [1, in, h, w]}
     * @return the output's shape
     */
    Shape initialize(NDManager manager, DataType dataType, Shape input) {
        conv.initialize(manager, dataType, input);
        Shape output = conv.getOutputShapes(new Shape[] {input})[0];
        norm.initialize(manager, dataType, output);
        return output;
    }

    NDArray forward(ParameterStore store, NDArray x, boolean training) {
        NDArray y = conv.forward(store, new NDList(x), training).head();
        return norm.forward(store, new NDList(y), training).head();
    }

    /** The Conv's weight and bias with BatchNorm folded in, named {@code <name>.w} and {@code <name>.b}. */
    List<Tensor> fold() {
        float[] weight = conv.getParameters().get("weight").getArray().toFloatArray();
        float[] gamma = norm.getParameters().get("gamma").getArray().toFloatArray();
        float[] beta = norm.getParameters().get("beta").getArray().toFloatArray();
        float[] mean = norm.getParameters().get("runningMean").getArray().toFloatArray();
        float[] variance = norm.getParameters().get("runningVar").getArray().toFloatArray();
        int out = spec.out();
        int perChannel = weight.length / out;
        float[] folded = new float[weight.length];
        float[] bias = new float[out];
        for (int o = 0; o < out; o++) {
            double scale = gamma[o] / Math.sqrt(variance[o] + (double) EPSILON);
            for (int k = 0; k < perChannel; k++) {
                folded[o * perChannel + k] = (float) (weight[o * perChannel + k] * scale);
            }
            bias[o] = (float) (beta[o] - mean[o] * scale);
        }
        return List.of(new Tensor(spec.name() + ".w", new long[] {out, spec.in(), spec.kernel(), spec.kernel()}, folded),
                new Tensor(spec.name() + ".b", new long[] {out}, bias));
    }
}
