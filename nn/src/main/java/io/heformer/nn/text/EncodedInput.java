package io.heformer.nn.text;

/**
 * One model input of fixed length {@code seq}: token ids, attention mask (1 = real token,
 * 0 = padding) and token-type (segment) ids (0 = first sentence with its [CLS] and [SEP],
 * 1 = second sentence with its [SEP], 0 on padding).
 *
 * <p>The arrays are owned by the record and not copied; callers must not modify them.
 *
 * @param inputIds token ids, length seq
 * @param attentionMask 1 for tokens, 0 for padding, length seq
 * @param tokenTypeIds segment ids, length seq
 */
public record EncodedInput(int[] inputIds, int[] attentionMask, int[] tokenTypeIds) {

  /**
   * @throws IllegalArgumentException if the three lengths differ
   */
  public EncodedInput {
    if (inputIds.length != attentionMask.length || inputIds.length != tokenTypeIds.length) {
      throw new IllegalArgumentException(
          "lengths differ: ids " + inputIds.length + ", mask " + attentionMask.length
              + ", types " + tokenTypeIds.length);
    }
  }

  /** Number of real (non-padding) tokens. */
  public int length() {
    int n = 0;
    for (int m : attentionMask) {
      n += m;
    }
    return n;
  }
}
