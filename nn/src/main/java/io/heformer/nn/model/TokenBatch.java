package io.heformer.nn.model;

import java.util.List;

/**
 * B sequences of T token ids with their attention masks, flattened row-major: {@code tokens[b T +
 * t]}; {@code mask[b T + t]} is 1 for a real token, 0 for padding. Position 0 of each sequence is
 * the CLS token read by the classification head.
 *
 * @param batch B
 * @param seqLen T
 * @param tokens B T token ids
 * @param mask B T flags, 0 or 1
 */
public record TokenBatch(int batch, int seqLen, int[] tokens, int[] mask) {

  /** Validates lengths and mask values. */
  public TokenBatch {
    if (batch < 1 || seqLen < 1) {
      throw new IllegalArgumentException("batch " + batch + " and seqLen " + seqLen
          + " must be >= 1");
    }
    int n = Math.multiplyExact(batch, seqLen);
    if (tokens.length != n || mask.length != n) {
      throw new IllegalArgumentException("expected " + n + " tokens and mask flags, got "
          + tokens.length + " and " + mask.length);
    }
    for (int i = 0; i < n; i++) {
      if (mask[i] != 0 && mask[i] != 1) {
        throw new IllegalArgumentException("mask value " + mask[i] + " at " + i
            + " is not 0 or 1");
      }
    }
  }

  /**
   * Packs sequences of equal length {@code seqLen} (already padded) into one batch.
   *
   * @param tokens per-sequence token ids, each at least {@code seqLen} long (extra is cut)
   * @param masks per-sequence masks, same lengths
   */
  public static TokenBatch of(List<int[]> tokens, List<int[]> masks, int seqLen) {
    int b = tokens.size();
    int[] t = new int[b * seqLen];
    int[] m = new int[b * seqLen];
    for (int i = 0; i < b; i++) {
      int[] ti = tokens.get(i);
      int[] mi = masks.get(i);
      if (ti.length < seqLen || mi.length < seqLen) {
        throw new IllegalArgumentException("sequence " + i + " has " + ti.length
            + " tokens and " + mi.length + " mask flags, fewer than seqLen " + seqLen);
      }
      System.arraycopy(ti, 0, t, i * seqLen, seqLen);
      System.arraycopy(mi, 0, m, i * seqLen, seqLen);
    }
    return new TokenBatch(b, seqLen, t, m);
  }

  /** Number of token rows, B T. */
  public int rows() {
    return batch * seqLen;
  }
}
