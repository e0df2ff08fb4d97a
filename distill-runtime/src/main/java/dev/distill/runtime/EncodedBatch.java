package dev.distill.runtime;

import static dev.distill.contract.ClassifierGraph.ATTENTION_MASK;
import static dev.distill.contract.ClassifierGraph.INPUT_IDS;
import static dev.distill.contract.ClassifierGraph.TOKEN_TYPE_IDS;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.distill.contract.InputKind;
import dev.distill.contract.InputTensor;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.Set;

/**
 * A tokenized batch, padded to its longest text. Row {@code i} holds {@code lengths[i]} real tokens
 * (special tokens included) followed by padding, which has attention mask 0. As an {@link InputBatch}
 * it builds the {@link InputKind#TEXT} tensors a graph declares, each int64 {@code [batch, sequence]}.
 *
 * <p>The arrays are not copied; treat them as read-only.
 *
 * @param inputIds token ids, {@code [batch][sequence]}
 * @param attentionMask 1 for real tokens, 0 for padding, {@code [batch][sequence]}
 * @param typeIds token type (segment) ids, {@code [batch][sequence]}
 * @param lengths the number of real tokens per row
 */
public record EncodedBatch(long[][] inputIds, long[][] attentionMask, long[][] typeIds, int[] lengths)
    implements InputBatch {

  /** @return {@link InputKind#TEXT} */
  @Override
  public InputKind kind() {
    return InputKind.TEXT;
  }

  /** @return the number of texts */
  @Override
  public int size() {
    return lengths.length;
  }

  /** @return the padded sequence length shared by every row (0 for an empty batch) */
  public int sequenceLength() {
    return inputIds.length == 0 ? 0 : inputIds[0].length;
  }

  @Override
  public void addTensors(OrtEnvironment environment, Set<String> declared, TensorBuffers buffers,
      Map<String, OnnxTensor> into) throws OrtException {
    int columns = sequenceLength();
    long[] shape = {size(), columns};
    for (InputTensor input : InputKind.TEXT.tensors()) {
      if (declared.contains(input.name())) {
        long[][] rows = rows(input.name());
        LongBuffer buffer = buffers.longs(input.name(), rows.length * columns);
        for (int i = 0; i < rows.length; i++) {
          buffer.put(i * columns, rows[i], 0, columns);
        }
        into.put(input.name(), OnnxTensor.createTensor(environment, buffer, shape));
      }
    }
  }

  @Override
  public String describe() {
    return size() + " x " + sequenceLength() + " tokens";
  }

  private long[][] rows(String input) {
    return switch (input) {
      case INPUT_IDS -> inputIds;
      case ATTENTION_MASK -> attentionMask;
      case TOKEN_TYPE_IDS -> typeIds;
      default -> throw new IllegalArgumentException("'" + input + "' is not a text input; text inputs are "
          + InputKind.TEXT.names());
    };
  }
}
