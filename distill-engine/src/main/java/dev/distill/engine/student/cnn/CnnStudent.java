package dev.distill.engine.student.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.distill.engine.student.Sequences;
import dev.distill.engine.student.StudentNetwork;
import dev.distill.engine.student.StudentOutputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CNN student of Kim (2014): masked embeddings, one 1-D convolution of H filters per kernel
 * size, ReLU, max over the valid windows, and the output layer.
 *
 * <p>Rows get {@code kmax - 1} zero vectors appended so that a text shorter than a kernel still has
 * one window (its tokens followed by zeros); windows that start at or after {@code len - k + 1} read
 * padding and are left out of the max.
 */
public final class CnnStudent extends StudentNetwork<CnnGraph> {

    private final int[] kernelSizes;
    private final int maxKernel;
    private final List<Conv1d> convolutions = new ArrayList<>();
    private final Linear out;

    CnnStudent(CnnGraph graph, float dropout) {
        super(graph, dropout);
        kernelSizes = graph.kernelSizes();
        maxKernel = graph.maxKernelSize();
        for (int k : kernelSizes) {
            convolutions.add(addChildBlock("conv" + k,
                    Conv1d.builder().setKernelShape(new Shape(k)).setFilters(graph.filters()).build()));
        }
        out = addChildBlock("out", linear(graph.sizes().numClasses()));
        setDefaultInitializers();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape channelsFirst = new Shape(new long[] {1, sizes().embeddingSize(), maxKernel}, "NCW");
        for (Conv1d conv : convolutions) {
            conv.initialize(manager, dataType, channelsFirst);
        }
        out.initialize(manager, dataType, new Shape(1, (long) graph().filters() * kernelSizes.length));
    }

    @Override
    protected StudentOutputs outputs(ParameterStore parameterStore, NDArray ids, NDArray mask, boolean training) {
        NDArray tokens = embed(parameterStore, ids, training).mul(mask.expandDims(2));
        if (maxKernel > 1) {
            long batch = tokens.getShape().get(0);
            tokens = tokens.concat(
                    tokens.getManager().zeros(new Shape(batch, maxKernel - 1, sizes().embeddingSize())), 1);
        }
        // [B, L', d] -> [B, d, L'] for the convolution's NCW layout
        NDArray channelsFirst = tokens.transpose(0, 2, 1);
        NDArray lengths = Sequences.lengths(mask);
        NDList features = new NDList();
        for (int i = 0; i < kernelSizes.length; i++) {
            NDArray windows = Activation.relu(apply(convolutions.get(i), parameterStore, channelsFirst, training));
            features.add(windows.mul(validWindows(windows, lengths, kernelSizes[i])).max(new int[] {2}));
        }
        NDArray sentence = dropout(NDArrays.concat(features, 1), training);
        return StudentOutputs.of(apply(out, parameterStore, sentence, training), sentence);
    }

    /** {@code [B, 1, T]} with 1 where window {@code t < max(len - k + 1, 1)}. */
    private static NDArray validWindows(NDArray windows, NDArray lengths, int k) {
        long count = windows.getShape().get(2);
        NDArray t = windows.getManager().arange(0f, (float) count).reshape(1, count);
        NDArray limit = lengths.sub((float) (k - 1)).maximum(1f);
        return t.lt(limit).toType(DataType.FLOAT32, false).expandDims(1);
    }

    @Override
    protected void collectWeights(Map<String, NDArray> weights) {
        for (int i = 0; i < kernelSizes.length; i++) {
            weights.put("conv" + kernelSizes[i] + ".w", weightOf(convolutions.get(i), "weight"));
            weights.put("conv" + kernelSizes[i] + ".b", weightOf(convolutions.get(i), "bias"));
        }
        weights.put("out.w", weightOf(out, "weight"));
        weights.put("out.b", weightOf(out, "bias"));
    }
}
