package dev.distill.engine.teacher;

import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import java.util.Map;
import java.util.Set;

/**
 * The teacher run beside the training, for the signals that compare a student's layers with the teacher's:
 * {@link Signal#HIDDEN_STATES} and {@link Signal#ATTENTIONS}. They are given per token, far too large to keep per
 * text as the transfer set keeps the logits (a MiniLM layer is 384 floats a token, gigabytes for SST-2), so the
 * teacher computes them for each training batch, on the student's own token rows: a student cut from the teacher
 * has the teacher's tokenizer, and so both see exactly the same tokens, padded alike.
 *
 * <p>Close it when the training is done.
 */
public interface LayerTeacher extends AutoCloseable {

    /** The signals a layer teacher can give. */
    Set<Signal> SIGNALS = Set.of(Signal.HIDDEN_STATES, Signal.ATTENTIONS);

    /** The signals this teacher gives, among {@link #SIGNALS}. */
    Set<Signal> signals();

    /**
     * Runs the teacher on a batch of the student's token rows, each padded at the end to the longest (the
     * student's own padding, {@code TokenIdBatch}), token type 0.
     *
     * @param tokenRows the batch's token ids, unpadded, special tokens included
     * @param signals the signals wanted, among {@link #signals()}
     * @return each signal with the batch first: {@link Signal#HIDDEN_STATES} {@code [B, layers, L, width]} (the
     *     teacher layers the student's were copied from, in the student's order), {@link Signal#ATTENTIONS}
     *     {@code [B, heads, L, L]} (those of the teacher layer the student's last layer was copied from)
     * @throws IllegalArgumentException naming the signal when it is not one this teacher gives
     */
    Map<Signal, FloatTensor> outputs(int[][] tokenRows, Set<Signal> signals);

    /** The seconds spent running the teacher so far: what running it beside the training costs. */
    double seconds();

    @Override
    void close();
}
