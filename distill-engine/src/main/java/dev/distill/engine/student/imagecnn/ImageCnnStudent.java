package dev.distill.engine.student.imagecnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.InitialEmbeddings;
import dev.distill.engine.student.InitialWeights;
import dev.distill.engine.student.RowStudentNetwork;
import dev.distill.engine.student.StudentInputs;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image CNN's DJL network, with {@link ImageCnnGraph}'s math: each convolution is a bias-free {@code Conv2d}
 * followed by {@code BatchNorm} ({@link ConvBn}), which the export folds into one Conv. Weights start from He
 * (Kaiming) normal initialisation, BatchNorm from scale 1, shift 0. Its sentence vector ({@code POOLED}) is the
 * pooled features the output layer reads.
 *
 * <p>For the feature-map term ({@link #adaptFeaturesTo}) a 1x1 convolution (with bias) maps the last stage's channels
 * to the teacher's, followed by an average pooling when the student's map is an integer multiple of the teacher's
 * size; it gives {@code FEATURE_MAP} in training only, and the export leaves it out.
 */
public final class ImageCnnStudent extends RowStudentNetwork {

    private final ImageCnnGraph graph;
    private final Map<String, ConvBn> convs = new LinkedHashMap<>();
    private final Linear out;
    private Conv2d adapter;
    private long poolFactor = 1;

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
        if (adapter != null) {
            adapter.initialize(manager, dataType, current);
        }
    }

    /**
     * Adds the adapter that maps the last stage's feature map onto the teacher's, for the feature-map term; call it
     * before the student is initialized.
     *
     * @param teacherMap the teacher's feature map of one image, {@code [channels, height, width]}
     * @throws IllegalArgumentException naming both sizes when the student's last stage is not the teacher's size or
     *     an integer multiple of it
     */
    public void adaptFeaturesTo(long[] teacherMap) {
        if (isInitialized()) {
            throw new IllegalStateException("adaptFeaturesTo must be called before the student is initialized");
        }
        if (teacherMap.length != 3 || teacherMap[1] < 1 || teacherMap[2] < 1) {
            throw new IllegalArgumentException("a teacher's feature map of one image is [channels, height, width], not "
                    + Arrays.toString(teacherMap));
        }
        long[] own = graph.lastStageSize();
        long factor = own[0] / teacherMap[1];
        if (factor < 1 || own[0] % teacherMap[1] != 0 || own[1] % teacherMap[2] != 0
                || own[1] / teacherMap[2] != factor) {
            throw new IllegalArgumentException("the teacher's feature map is " + Arrays.toString(teacherMap)
                    + " (channels, height, width), but the student's last stage is " + own[0] + "x" + own[1]
                    + " for " + graph.height() + "x" + graph.width() + " images, neither the same size nor an"
                    + " integer multiple of it; set hiddenWeight = 0 to train without the feature-map term");
        }
        poolFactor = factor;
        adapter = addChildBlock("feature_adapter", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters((int) teacherMap[0]).optBias(true).build());
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
        StudentOutputs outputs = StudentOutputs.of(logits, pooled);
        if (adapter != null && training) {
            NDArray mapped = adapter.forward(store, new NDList(x), training).head();
            if (poolFactor > 1) {
                Shape window = new Shape(poolFactor, poolFactor);
                mapped = Pool.avgPool2d(mapped, window, window, new Shape(0, 0), false, true);
            }
            outputs = outputs.with(Signal.FEATURE_MAP, mapped);
        }
        return outputs;
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

    /**
     * @throws UnsupportedOperationException always: an image student's hidden term compares feature maps
     *     ({@link #adaptFeaturesTo}), not sentence vectors
     */
    @Override
    public void adaptPooledTo(int teacherWidth) {
        throw new UnsupportedOperationException("an IMAGE_CNN student compares its feature maps with the teacher's"
                + " (adaptFeaturesTo), not sentence vectors");
    }
}
