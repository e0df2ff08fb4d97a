package dev.distill.annotations;

/** How the teacher's ONNX model is turned into class probabilities. */
public enum Head {
    /**
     * {@link #CLASSIFIER} when the model has an output named {@code logits}, {@link #LINEAR_PROBE} when it only has
     * {@code last_hidden_state}; anything else is an error when the plugin runs.
     */
    AUTO,
    /** The model is a classifier: its {@code logits} output, one column per label, is the teacher's prediction. */
    CLASSIFIER,
    /**
     * The model is a sentence encoder: its {@code last_hidden_state} is mean-pooled over the attention mask and a
     * logistic-regression head is fitted on the labelled training data (the encoder stays frozen) before
     * distillation starts. The label set comes from {@link Dataset#labels()}.
     */
    LINEAR_PROBE
}
