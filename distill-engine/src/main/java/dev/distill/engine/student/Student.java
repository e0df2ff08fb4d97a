package dev.distill.engine.student;

import dev.distill.engine.signal.Signal;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentWeights;
import java.util.Set;

/**
 * A student network, written in DJL with exactly the math of the student specification shared with
 * the ONNX exporter (the graphs in {@code dev.distill.onnx.student}), which must agree with this
 * network to 1e-4 on the same weights. A student is its own DJL {@link Block}: it takes the arrays of its
 * {@link StudentInputs} ({@link StudentInputs#toNDList}; for text {@code [tokenIds (int64 [B, L]), mask
 * (float32 [B, L])]} as {@link TokenIdBatch} builds them) and returns {@code
 * [logits (float32 [B, C])]}; {@link #outputs} gives the logits with the other signals a loss term may
 * read (the sentence vector). Dropout acts only in training forward passes.
 *
 * <p>Create one with {@link StudentDesign#create}; each architecture's network lives in its package.
 */
public interface Student extends Block {

    /**
     * The forward pass with everything a loss term may read: the logits, as {@code forward} gives them,
     * and the sentence vector the head read ({@link dev.distill.engine.signal.Signal#POOLED}).
     *
     * @param inputs {@code [tokenIds, mask]} as built by {@link TokenIdBatch#toNDList}
     */
    StudentOutputs outputs(ParameterStore parameterStore, NDList inputs, boolean training);

    /**
     * The forward pass of {@link #outputs(ParameterStore, NDList, boolean)} that also gives the inner signals asked
     * for, those the architecture has: {@link Signal#HIDDEN_STATES} ({@code [B, layers, L, width]}, each layer's
     * output) and {@link Signal#ATTENTIONS} ({@code [B, heads, L, L]}, the last layer's attention probabilities) of a
     * layered student. They are computed only when asked, so the plain path stays as fast as it was; a signal the
     * architecture lacks is left out, and a loss term reading it fails naming it.
     *
     * @param inner the inner signals wanted; empty for the plain outputs
     */
    StudentOutputs outputs(ParameterStore parameterStore, NDList inputs, boolean training, Set<Signal> inner);

    /** The architecture and sizes of this student, as the writer of its ONNX graph. */
    StudentGraphWriter graph();

    /**
     * Copies the current parameters out in the exporter's layout (PyTorch's: Linear weight {@code
     * [out, in]}, LSTM gates i, f, g, o), named and shaped as {@link StudentGraphWriter#tensorShapes()} lists
     * them (and checked against it).
     *
     * @return the weights, in the spec's order
     * @throws IllegalStateException if the block has not been initialized
     */
    StudentWeights exportWeights();

    /**
     * Replaces the initial embedding table (after initialization, before training).
     *
     * @throws IllegalArgumentException if the table does not fit the student's sizes
     * @throws IllegalStateException if the student is not initialized
     */
    void loadEmbeddings(InitialEmbeddings initial);

    /**
     * Replaces the initial values of the named tensors (after initialization, before training); the others keep
     * theirs. {@link #exportWeights} then gives exactly these values.
     *
     * @throws IllegalArgumentException if a tensor is not one of the student's or has another shape
     * @throws IllegalStateException if the student is not initialized
     */
    void loadWeights(InitialWeights initial);

    /**
     * Trains only these rows of the embedding table; the network looks up any other id as the fallback's row, and
     * {@link #exportWeights} gives the whole table with those ids' rows copies of the fallback's. Call at most once,
     * before initialization.
     *
     * @throws IllegalArgumentException if the rows are of another vocabulary size than the student's
     * @throws IllegalStateException if the student is initialized
     */
    void trainOnly(TrainedRows rows);

    /**
     * Adds a learned linear map from this student's sentence vector to the teacher's width, for the hidden-state
     * term: {@link Signal#POOLED} is then the mapped vector. The map is trained with the student and dropped at
     * export. Call once, before initialization.
     *
     * @param teacherWidth the width of the teacher's sentence vector
     */
    void adaptPooledTo(int teacherWidth);
}
