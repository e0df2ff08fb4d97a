package dev.distill.runtime;

/**
 * A tokenized batch, padded to its longest text. Row {@code i} holds {@code lengths[i]} real tokens
 * (special tokens included) followed by padding, which has attention mask 0.
 *
 * <p>The arrays are not copied; treat them as read-only.
 *
 * @param inputIds token ids, {@code [batch][sequence]}
 * @param attentionMask 1 for real tokens, 0 for padding, {@code [batch][sequence]}
 * @param typeIds token type (segment) ids, {@code [batch][sequence]}
 * @param lengths the number of real tokens per row
 */
public record EncodedBatch(long[][] inputIds, long[][] attentionMask, long[][] typeIds, int[] lengths) {

  /** @return the number of texts */
  public int size() {
    return lengths.length;
  }

  /** @return the padded sequence length shared by every row (0 for an empty batch) */
  public int sequenceLength() {
    return inputIds.length == 0 ? 0 : inputIds[0].length;
  }
}
