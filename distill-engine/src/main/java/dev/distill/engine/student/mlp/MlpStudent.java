package dev.distill.engine.student.mlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import dev.distill.engine.student.InitialEmbeddings;
import dev.distill.engine.student.InitialWeights;
import dev.distill.engine.student.RowStudentNetwork;
import dev.distill.engine.student.StudentInputs;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import dev.distill.onnx.student.mlp.MlpGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * The MLP student's DJL network, with {@link MlpGraph}'s math: {@code x = (features - mean) * scale}, ReLU layers,
 * the output layer. The standardisation is fixed (the training rows' statistics), exported as the graph's
 * {@code standardize.*} tensors; only the dense layers learn. Its sentence vector ({@code POOLED}) is the last
 * hidden layer.
 */
public final class MlpStudent extends RowStudentNetwork {

    private final MlpGraph graph;
    private final float[] mean;
    private final float[] scale;
    private final float dropout;
    private final List<Linear> hidden = new ArrayList<>();
    private final Linear out;
    private NDArray meanArray;
    private NDArray scaleArray;

    MlpStudent(MlpGraph graph, float[] mean, float[] scale, float dropout) {
        super(graph.numClasses(), "an MLP student takes [features]");
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout is " + dropout + "; expected a rate in [0, 1)");
        }
        if (mean.length != graph.features() || scale.length != graph.features()) {
            throw new IllegalArgumentException("the standardisation has " + mean.length + " means and " + scale.length
                    + " scales for " + graph.features() + " features");
        }
        this.graph = graph;
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.dropout = dropout;
        for (int i = 1; i <= graph.layers(); i++) {
            hidden.add(addChildBlock(MlpGraph.layer(i), Linear.builder().setUnits(graph.width()).build()));
        }
        out = addChildBlock("out", Linear.builder().setUnits(graph.numClasses()).build());
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long width = graph.features();
        for (Linear layer : hidden) {
            layer.initialize(manager, dataType, new Shape(1, width));
            width = graph.width();
        }
        out.initialize(manager, dataType, new Shape(1, width));
        meanArray = manager.create(mean);
        scaleArray = manager.create(scale);
    }

    /**
     * @param inputs {@code [features]}, float {@code [B, F]} of raw values, as {@link FeatureRowBatch} builds it
     */
    @Override
    public StudentOutputs outputs(ParameterStore parameterStore, NDList inputs, boolean training) {
        NDArray x = onlyInput(inputs).sub(meanArray).mul(scaleArray);
        for (Linear layer : hidden) {
            x = Activation.relu(layer.forward(parameterStore, new NDList(dropout(x, training)), training).head());
        }
        NDArray logits = out.forward(parameterStore, new NDList(dropout(x, training)), training).head();
        return StudentOutputs.of(logits, x);
    }

    private NDArray dropout(NDArray x, boolean training) {
        return training && dropout > 0f ? Dropout.dropout(x, dropout, true).head() : x;
    }

    @Override
    public Shape exampleShape() {
        return new Shape(graph.features());
    }

    @Override
    public StudentInputs batch(float[][] rows) {
        return new FeatureRowBatch(rows);
    }

    @Override
    public MlpGraph graph() {
        return graph;
    }

    @Override
    public StudentWeights exportWeights() {
        if (!isInitialized()) {
            throw new IllegalStateException("the student has not been initialized; nothing to export");
        }
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(Tensor.of(MlpGraph.MEAN, mean.clone(), mean.length));
        tensors.add(Tensor.of(MlpGraph.SCALE, scale.clone(), scale.length));
        for (int i = 0; i < hidden.size(); i++) {
            addLinear(tensors, MlpGraph.layer(i + 1), hidden.get(i));
        }
        addLinear(tensors, "out", out);
        StudentWeights weights = StudentWeights.of(tensors);
        weights.validate(graph);
        return weights;
    }

    private static void addLinear(List<Tensor> tensors, String prefix, Linear layer) {
        for (String part : new String[] {"weight", "bias"}) {
            NDArray array = layer.getParameters().get(part).getArray();
            tensors.add(new Tensor(prefix + (part.equals("weight") ? ".w" : ".b"), array.getShape().getShape(),
                    array.toFloatArray()));
        }
    }

    /**
     * @throws UnsupportedOperationException always: an MLP reads numbers, it has no embedding table
     */
    @Override
    public void loadEmbeddings(InitialEmbeddings initial) {
        throw new UnsupportedOperationException("an MLP student has no embedding table to load");
    }

    /**
     * @throws UnsupportedOperationException always: no teacher of a tabular student gives first weights (a tree
     *     ensemble has none)
     */
    @Override
    public void loadWeights(InitialWeights initial) {
        throw new UnsupportedOperationException("an MLP student starts from its initialization; it loads no weights");
    }

    /**
     * @throws UnsupportedOperationException always: the hidden-state term is not offered for tabular teachers
     */
    @Override
    public void adaptPooledTo(int teacherWidth) {
        throw new UnsupportedOperationException("an MLP student trains without the hidden-state term");
    }
}
