package io.heformer.nn.data;

/**
 * One masked-language-model training example.
 *
 * <p>Arrays are owned by the record and not copied; callers must not modify them.
 *
 * @param inputIds the corrupted token ids the model sees
 * @param attentionMask 1 for tokens, 0 for padding
 * @param tokenTypeIds segment ids (all 0 for packed single documents)
 * @param labels the original id at each position chosen for prediction, {@link #IGNORE}
 *     elsewhere
 */
public record MlmExample(int[] inputIds, int[] attentionMask, int[] tokenTypeIds, int[] labels) {
  /** Label of positions that carry no loss. */
  public static final int IGNORE = -1;

  /**
   * @throws IllegalArgumentException if the array lengths differ
   */
  public MlmExample {
    int n = inputIds.length;
    if (attentionMask.length != n || tokenTypeIds.length != n || labels.length != n) {
      throw new IllegalArgumentException(
          "lengths differ: ids " + n + ", mask " + attentionMask.length + ", types "
              + tokenTypeIds.length + ", labels " + labels.length);
    }
  }

  /** Number of positions that carry a loss. */
  public int predictedCount() {
    int c = 0;
    for (int l : labels) {
      if (l != IGNORE) {
        c++;
      }
    }
    return c;
  }
}
