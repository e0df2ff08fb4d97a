package dev.distill.engine.student.imagecnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import dev.distill.engine.student.InitialEmbeddings;
import dev.distill.engine.student.InitialWeights;
import dev.distill.engine.student.RowStudentNetwork;
import dev.distill.engine.student.StudentInputs;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image CNN's DJL network, with {@link ImageCnnGraph}'s math: each convolution is a bias-free {@code Conv2d}
 * followed by {@code BatchNorm} ({@link ConvBn}), which the export folds into one Conv. Weights start from He
 * (Kaiming) normal initialisation, BatchNorm from scale 1, shift 0. Its sentence vector ({@code POOLED}) is the
 * pooled features the output layer reads.
 */
public final class ImageCnnStudent extends RowStudentNetwork {

    private final ImageCnnGraph graph;
    private final Map<String, ConvBn> convs = new LinkedHashMap<>();
    private final Linear out;

    ImageCnnStudent(ImageCnnGraph graph) {
        super(graph.numClasses(), "an IMAGE_CNN student takes [pixel_values]");
        this.graph = graph;
        for (ImageCnnGraph.ConvSpec spec : graph.convolutions()) {
            ConvBn layer = new ConvBn(spec);
            String child = spec.name().replace('.', '_');
            addChildBlock(child + "_conv", layer.conv());
            addChildBlock(child + "_bn", layer.norm());
            convs.put(spec.name(), layer);
        }
        out = addChildBlock("out", Linear.builder().setUnits(graph.numClasses()).build());
        setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN,
                2f), Parameter.Type.WEIGHT);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = new Shape(1, graph.channels(), graph.height(), graph.width());
        Shape current = convs.get("stem").initialize(manager, dataType, x);
        for (int s = 1; s <= ImageCnnGraph.STAGES; s++) {
            for (int b = 1; b <= graph.blocks(); b++) {
                String block = ImageCnnGraph.block(s, b);
                Shape y = convs.get(block + ".conv1").initialize(manager, dataType, current);
                y = convs.get(block + ".conv2").initialize(manager, dataType, y);
                ConvBn shortcut = convs.get(block + ".shortcut");
                if (shortcut != null) {
                    shortcut.initialize(manager, dataType, current);
                }
                current = y;
            }
        }
        out.initialize(manager, dataType, new Shape(1, graph.featureWidth()));
    }

    /** @param inputs {@code [pixel_values]}, float {@code [B, C, H, W]}, as {@link PixelRowBatch} builds it */
    @Override
    public StudentOutputs outputs(ParameterStore store, NDList inputs, boolean training) {
        NDArray x = Activation.relu(convs.get("stem").forward(store, onlyInput(inputs), training));
        for (int s = 1; s <= ImageCnnGraph.STAGES; s++) {
            for (int b = 1; b <= graph.blocks(); b++) {
                String block = ImageCnnGraph.block(s, b);
                NDArray y = Activation.relu(convs.get(block + ".conv1").forward(store, x, training));
                y = convs.get(block + ".conv2").forward(store, y, training);
                ConvBn shortcut = convs.get(block + ".shortcut");
                x = Activation.relu(y.add(shortcut == null ? x : shortcut.forward(store, x, training)));
            }
        }
        // Global average pooling; PyTorch's engine in DJL averages over one axis at a time.
        NDArray pooled = x.reshape(new Shape(x.getShape().get(0), x.getShape().get(1), -1)).mean(new int[] {2});
        NDArray logits = out.forward(store, new NDList(pooled), training).head();
        return StudentOutputs.of(logits, pooled);
    }

    @Override
    public Shape exampleShape() {
        return new Shape(graph.channels(), graph.height(), graph.width());
    }

    @Override
    public StudentInputs batch(float[][] rows) {
        return new PixelRowBatch(rows, graph.channels(), graph.height(), graph.width());
    }

    @Override
    public ImageCnnGraph graph() {
        return graph;
    }

    /** The convolutions with BatchNorm folded in (running statistics), then {@code out}. */
    @Override
    public StudentWeights exportWeights() {
        if (!isInitialized()) {
            throw new IllegalStateException("the student has not been initialized; nothing to export");
        }
        List<Tensor> tensors = new ArrayList<>();
        for (ConvBn conv : convs.values()) {
            tensors.addAll(conv.fold());
        }
        for (String part : new String[] {"weight", "bias"}) {
            NDArray array = out.getParameters().get(part).getArray();
            tensors.add(new Tensor(part.equals("weight") ? "out.w" : "out.b", array.getShape().getShape(),
                    array.toFloatArray()));
        }
        StudentWeights weights = StudentWeights.of(tensors);
        weights.validate(graph);
        return weights;
    }

    /** @throws UnsupportedOperationException always: an image CNN has no embedding table */
    @Override
    public void loadEmbeddings(InitialEmbeddings initial) {
        throw new UnsupportedOperationException("an IMAGE_CNN student has no embedding table to load");
    }

    /** @throws UnsupportedOperationException always: it starts from its initialisation */
    @Override
    public void loadWeights(InitialWeights initial) {
        throw new UnsupportedOperationException("an IMAGE_CNN student starts from its initialization; it loads no"
                + " weights");
    }

    /** @throws UnsupportedOperationException always: the hidden-state term is not offered for images yet */
    @Override
    public void adaptPooledTo(int teacherWidth) {
        throw new UnsupportedOperationException("an IMAGE_CNN student trains without the hidden-state term");
    }
}
