package io.heformer.nn.layers;

import io.heformer.nn.tensor.MatMul;
import io.heformer.nn.tensor.Matrix;

/**
 * Masked-language-model decoder over the vocabulary for the selected (masked) positions only
 * ("sparse prediction"): {@code h_m = hidden[position[m]]}, {@code logits = h D^T} with D (V, C)
 * either the word-embedding matrix (tied, as in Cramming) or a separate matrix (untied); no bias,
 * no transform (Cramming's {@code skip_head_transform}).
 *
 * <p>Saved for backward: the gathered rows h (M, C). Backward: {@code dD += G^T h}; {@code
 * dHidden[position[m]] += (G D)_m}.
 */
public final class MaskedLmDecoder {

  private MaskedLmDecoder() {}

  /**
   * @param logits (M, V), overwritten
   * @param gathered saved hidden rows (M, C), overwritten
   * @param hidden (N, C)
   * @param positions M row indices into hidden
   * @param decoder D (V, C)
   */
  public static void forward(
      Matrix logits, Matrix gathered, Matrix hidden, int[] positions, Matrix decoder) {
    int c = hidden.cols();
    for (int m = 0; m < gathered.rows(); m++) {
      int pos = positions[m];
      if (pos < 0 || pos >= hidden.rows()) {
        throw new IllegalArgumentException(
            "masked position " + pos + " outside [0, " + hidden.rows() + ")");
      }
      System.arraycopy(hidden.data(), hidden.rowOffset(pos), gathered.data(),
          gathered.rowOffset(m), c);
    }
    MatMul.gemm(false, true, gathered, decoder, false, logits);
  }

  /**
   * @param dHidden (N, C) or null, accumulated at the masked rows
   * @param dDecoder (V, C) or null, accumulated
   * @param dGathered scratch (M, C), overwritten
   * @param dLogits (M, V)
   * @param positions M row indices
   * @param gathered saved rows
   * @param decoder D
   */
  public static void backward(
      Matrix dHidden, Matrix dDecoder, Matrix dGathered, Matrix dLogits, int[] positions,
      Matrix gathered, Matrix decoder) {
    if (dDecoder != null) {
      MatMul.gemm(true, false, dLogits, gathered, true, dDecoder);
    }
    if (dHidden != null) {
      MatMul.gemm(false, false, dLogits, decoder, false, dGathered);
      int c = dGathered.cols();
      for (int m = 0; m < dGathered.rows(); m++) {
        int ho = dHidden.rowOffset(positions[m]);
        int go = dGathered.rowOffset(m);
        for (int j = 0; j < c; j++) {
          dHidden.data()[ho + j] += dGathered.data()[go + j];
        }
      }
    }
  }
}
