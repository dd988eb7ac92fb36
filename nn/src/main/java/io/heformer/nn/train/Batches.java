package io.heformer.nn.train;

import io.heformer.nn.model.TokenBatch;
import java.util.List;

/** Packs {@link Example}s into {@link TokenBatch}es. */
final class Batches {

  private Batches() {}

  /**
   * The examples {@code order[from, to)} of {@code data} as one batch of length {@code seqLen}, or
   * of the longest example's length when {@code trim} is set. Shorter examples are padded with
   * token 0 and mask 0; longer ones are cut.
   */
  static TokenBatch pack(List<Example> data, int[] order, int from, int to, int seqLen,
      boolean trim) {
    int t = seqLen;
    if (trim) {
      t = 1;
      for (int i = from; i < to; i++) {
        t = Math.max(t, data.get(order[i]).length());
      }
    }
    int b = to - from;
    int[] tokens = new int[b * t];
    int[] mask = new int[b * t];
    for (int i = 0; i < b; i++) {
      Example e = data.get(order[from + i]);
      int n = Math.min(t, e.tokens().length);
      System.arraycopy(e.tokens(), 0, tokens, i * t, n);
      System.arraycopy(e.mask(), 0, mask, i * t, n);
    }
    return new TokenBatch(b, t, tokens, mask);
  }
}
