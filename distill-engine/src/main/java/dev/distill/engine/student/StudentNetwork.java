package dev.distill.engine.student;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Block;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import dev.distill.engine.signal.Signal;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentSizes;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every student shares: the {@code embedding} table {@code [V, d]}, dropout on the sentence
 * vector, the output shape, and the export of named parameters. Each architecture's network extends it.
 *
 * @param <G> the architecture's graph writer: its settings and sizes
 */
public abstract class StudentNetwork<G extends StudentGraphWriter> extends AbstractBlock implements Student {

    private static final byte VERSION = 1;
    /** The token table's name, as the graph names it. */
    private static final String EMBEDDING = "embedding";

    /** Spread of the initial embedding rows: small enough for stable LSTM gates at the start. */
    private static final float EMBEDDING_INIT_SIGMA = 0.1f;

    private final G graph;
    private final float dropout;
    private final Parameter embedding;
    /** The table rows trained, or null for all; set before initialization. */
    private TrainedRows trainedRows;
    /** With {@link #trainedRows}: each id's row of the table, {@code [V]} int64, on the student's device. */
    private NDArray rowOfId;
    /** With {@link #trainedRows}: the id each id is looked up as, {@code [V]} int64. */
    private NDArray lookedUpId;
    /** Maps the sentence vector to the teacher's width for the hidden-state term; trained, never exported. */
    private Linear adapter;

    /**
     * @param graph the architecture and sizes; its tensors are what {@link #exportWeights} must give
     * @param dropout dropout rate on the sentence vector during training, in [0, 1)
     * @throws IllegalArgumentException if the dropout rate is out of range
     */
    protected StudentNetwork(G graph, float dropout) {
        super(VERSION);
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout is " + dropout + "; expected a rate in [0, 1)");
        }
        this.graph = graph;
        this.dropout = dropout;
        embedding = addParameter(Parameter.builder()
                .setName(EMBEDDING)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(sizes().vocabularySize(), sizes().embeddingSize()))
                .build());
    }

    /** Sets the initializers once all child blocks exist (Xavier for weights, zeros for biases). */
    protected final void setDefaultInitializers() {
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        embedding.setInitializer(new NormalInitializer(EMBEDDING_INIT_SIGMA));
    }

    @Override
    public final void trainOnly(TrainedRows rows) {
        if (isInitialized()) {
            throw new IllegalStateException("choose the trained rows before initializing the student");
        }
        if (rows.vocabulary() != sizes().vocabularySize()) {
            throw new IllegalArgumentException("the trained rows are of a vocabulary of " + rows.vocabulary()
                    + " ids; the student's has " + sizes().vocabularySize());
        }
        trainedRows = rows;
        int width = sizes().embeddingSize();
        embedding.setShape(new Shape(rows.count(), width));
        // The kept rows of the whole table's random draws: the same first values as without trained rows, and the
        // same random numbers left for every parameter after it, so the student trains exactly as before.
        embedding.setInitializer((manager, shape, dataType) -> {
            try (NDArray whole = new NormalInitializer(EMBEDDING_INIT_SIGMA).initialize(manager,
                    new Shape(rows.vocabulary(), width), dataType)) {
                return manager.create(rows.select(whole.toFloatArray(), width), shape);
            }
        });
    }

    @Override
    public final void adaptPooledTo(int teacherWidth) {
        if (teacherWidth < 1) {
            throw new IllegalArgumentException("the teacher's sentence vector width must be at least 1, was "
                    + teacherWidth);
        }
        if (adapter != null || isInitialized()) {
            throw new IllegalStateException("add the adapter once, before initializing the student");
        }
        adapter = addChildBlock("adapter", linear(teacherWidth));
        adapter.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    /**
     * Initializes the network, then the adapter, whose input width is the sentence vector's: found by one forward
     * pass on a one-token text, so that no architecture has to state it.
     */
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        super.initialize(manager, dataType, inputShapes);
        if (trainedRows != null) {
            rowOfId = manager.create(trainedRows.rowOfId());
            lookedUpId = manager.create(trainedRows.lookedUpIds());
        }
        if (adapter != null && !adapter.isInitialized()) {
            try (NDManager scope = manager.newSubManager()) {
                NDList probe = new NDList(scope.zeros(new Shape(1, 1), DataType.INT64), scope.ones(new Shape(1, 1)));
                NDArray sentence = outputs(new ParameterStore(scope, false), probe.get(0), probe.get(1), false)
                        .signal(Signal.POOLED);
                adapter.initialize(manager, dataType, new Shape(1, sentence.getShape().get(1)));
            }
        }
    }

    @Override
    public final void loadEmbeddings(InitialEmbeddings initial) {
        if (!embedding.isInitialized()) {
            throw new IllegalStateException("initialize the student before loading its embeddings");
        }
        initial.check(sizes());
        embedding.getArray().set(trainedRows == null ? initial.table()
                : trainedRows.select(initial.table(), sizes().embeddingSize()));
    }

    @Override
    public final void loadWeights(InitialWeights initial) {
        if (!isInitialized()) {
            throw new IllegalStateException("initialize the student before loading its weights");
        }
        initial.check(graph);
        Map<String, NDArray> arrays = parameterArrays();
        initial.weights().tensors().values().forEach(tensor -> arrays.get(tensor.name())
                .set(trainedRows != null && tensor.name().equals(EMBEDDING)
                        ? trainedRows.select(tensor.data(), sizes().embeddingSize()) : tensor.data()));
    }

    /** A dense layer of {@code units} outputs (input size set at initialization). */
    protected static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    @Override
    public G graph() {
        return graph;
    }

    /** The sizes every student has. */
    protected final StudentSizes sizes() {
        return graph.sizes();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), sizes().numClasses())};
    }

    @Override
    protected final NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            ai.djl.util.PairList<String, Object> params) {
        return new NDList(outputs(parameterStore, inputs, training).logits());
    }

    @Override
    public final StudentOutputs outputs(ParameterStore parameterStore, NDList inputs, boolean training) {
        return outputs(parameterStore, inputs, training, Set.of());
    }

    @Override
    public final StudentOutputs outputs(ParameterStore parameterStore, NDList inputs, boolean training,
            Set<Signal> inner) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(
                    "a student takes [tokenIds, mask]; got " + inputs.size() + " inputs");
        }
        StudentOutputs outputs = inner.isEmpty() ? outputs(parameterStore, inputs.get(0), inputs.get(1), training)
                : outputs(parameterStore, inputs.get(0), inputs.get(1), training, inner);
        if (adapter == null || !adapter.isInitialized()) {
            return outputs;
        }
        NDArray adapted = apply(adapter, parameterStore, outputs.signal(Signal.POOLED), training);
        return outputs.with(Signal.POOLED, adapted);
    }

    /**
     * The architecture's math with the inner signals asked for that it has. An architecture without layers to
     * compare has none: by default this is the plain pass.
     *
     * @param inner the inner signals wanted, not empty
     */
    protected StudentOutputs outputs(ParameterStore parameterStore, NDArray ids, NDArray mask, boolean training,
            Set<Signal> inner) {
        return outputs(parameterStore, ids, mask, training);
    }

    /**
     * The architecture's math.
     *
     * @param ids token ids {@code [B, L]} (int64)
     * @param mask {@code [B, L]} float, 1 for real tokens
     * @return logits {@code [B, C]} and the sentence vector the head read
     */
    protected abstract StudentOutputs outputs(ParameterStore parameterStore, NDArray ids, NDArray mask, boolean training);

    /**
     * {@code embedding[ids]}: {@code [B, L] -> [B, L, d]}; with trained rows, each id's row among them (an id outside
     * them is the fallback's, as in the pruned model).
     */
    protected final NDArray embed(ParameterStore parameterStore, NDArray ids, boolean training) {
        NDArray table = parameterStore.getValue(embedding, ids.getDevice(), training);
        // Taken into the ids' manager: the result of an operation on rowOfId would belong to the student's manager
        // and outlive the step.
        NDArray rows = rowOfId == null ? ids : rowOfId.take(ids.getManager(), ids);
        return Embedding.embedding(rows, table, SparseFormat.DENSE).head();
    }

    /**
     * The ids as the pruned model reads them: with trained rows, an id outside them is the fallback id (for a reader
     * of ids other than the table lookup, such as the bag's bigram hash); otherwise the ids themselves.
     */
    protected final NDArray lookedUp(NDArray ids) {
        return lookedUpId == null ? ids : lookedUpId.take(ids.getManager(), ids);
    }

    /** Dropout on a sentence vector, active in training passes only. */
    protected final NDArray dropout(NDArray sentence, boolean training) {
        if (!training || dropout == 0f) {
            return sentence;
        }
        return Dropout.dropout(sentence, dropout, true).head();
    }

    /** The first output of {@code block} on {@code input}. */
    protected static NDArray apply(Block block, ParameterStore parameterStore, NDArray input, boolean training) {
        return block.forward(parameterStore, new NDList(input), training).head();
    }

    /** Adds this student's parameters after {@code embedding}, named as the spec names them. */
    protected abstract void collectWeights(Map<String, NDArray> weights);

    @Override
    public final StudentWeights exportWeights() {
        if (!isInitialized()) {
            throw new IllegalStateException("the student has not been initialized; nothing to export");
        }
        List<Tensor> tensors = new ArrayList<>();
        int width = sizes().embeddingSize();
        parameterArrays().forEach((name, array) -> tensors.add(trainedRows != null && name.equals(EMBEDDING)
                ? new Tensor(name, new long[] {trainedRows.vocabulary(), width},
                        trainedRows.expand(array.toFloatArray(), width))
                : new Tensor(name, array.getShape().getShape(), array.toFloatArray())));
        StudentWeights weights = StudentWeights.of(tensors);
        weights.validate(graph);
        return weights;
    }

    /** The arrays of the parameters, named as the graph names them, in its order; the network's own, not copies. */
    private Map<String, NDArray> parameterArrays() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put(EMBEDDING, embedding.getArray());
        collectWeights(arrays);
        return arrays;
    }

    /** The array of parameter {@code parameterName} of {@code block}. */
    protected static NDArray weightOf(Block block, String parameterName) {
        return block.getParameters().get(parameterName).getArray();
    }
}
