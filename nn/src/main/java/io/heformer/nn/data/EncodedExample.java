package io.heformer.nn.data;

/**
 * One model-ready example: fixed-length token ids, attention mask and token-type ids with its
 * label. The neutral record between data and model code.
 *
 * <p>Arrays are owned by the record and not copied; callers must not modify them.
 *
 * @param inputIds token ids, length seq ([CLS] first, [PAD] at the end)
 * @param attentionMask 1 for tokens, 0 for padding
 * @param tokenTypeIds 0 for the first segment, 1 for the second
 * @param label class id, or -1 for regression tasks
 * @param target regression target, or the label as a double for classification tasks
 */
public record EncodedExample(int[] inputIds, int[] attentionMask, int[] tokenTypeIds, int label, double target) {

  /**
   * @throws IllegalArgumentException if the three array lengths differ
   */
  public EncodedExample {
    if (inputIds.length != attentionMask.length || inputIds.length != tokenTypeIds.length) {
      throw new IllegalArgumentException(
          "lengths differ: ids " + inputIds.length + ", mask " + attentionMask.length
              + ", types " + tokenTypeIds.length);
    }
  }

  /** Sequence length (including padding). */
  public int seq() {
    return inputIds.length;
  }
}
