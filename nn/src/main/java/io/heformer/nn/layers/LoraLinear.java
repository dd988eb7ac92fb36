package io.heformer.nn.layers;

import io.heformer.nn.tensor.MatMul;
import io.heformer.nn.tensor.Matrix;

/**
 * Dense layer with a low-rank adapter (LoRA, Hu et al. 2021): {@code Y = X W + b + s (X A) B},
 * with W (in, out) frozen in LoRA fine-tuning, A (in, r), B (r, out), scale {@code s = alpha / r}.
 *
 * <p>Saved for backward: {@code XA} (N, r), the LoRA intermediate, besides the input X. Backward,
 * with G = dY: {@code dB += s (XA)^T G}; {@code dXA = s G B^T}; {@code dA += X^T dXA}; {@code dX
 * += G W^T + dXA A^T} (paper §10). Under encryption these are the only ciphertext-ciphertext
 * products of the projection; W stays plaintext.
 *
 * <p>With {@code a == null} the layer is a plain {@link Linear}.
 */
public final class LoraLinear {

  private LoraLinear() {}

  /**
   * {@code out = in w + bias + scale (in a) b}.
   *
   * @param out (N, out), overwritten
   * @param xa saved {@code in a} (N, r), overwritten; null when there is no adapter
   * @param in (N, in)
   * @param w (in, out)
   * @param bias (1, out) or null
   * @param a (in, r) or null for no adapter
   * @param b (r, out) or null for no adapter
   * @param scale {@code alpha / r}
   */
  public static void forward(
      Matrix out, Matrix xa, Matrix in, Matrix w, Matrix bias, Matrix a, Matrix b,
      double scale) {
    Linear.forward(out, in, w, bias);
    if (a != null) {
      MatMul.gemm(false, false, in, a, false, xa);
      MatMul.gemm(false, false, scale, xa, b, true, out);
    }
  }

  /**
   * Accumulates the gradients of {@link #forward}.
   *
   * @param dIn (N, in) or null
   * @param dW (in, out) or null (frozen)
   * @param dBias (1, out) or null
   * @param dA (in, r) or null (no adapter, or adapter frozen)
   * @param dB (r, out) or null
   * @param dXa scratch (N, r), overwritten; needed when the adapter exists and dIn or dA is wanted
   * @param dOut (N, out)
   * @param in forward input (N, in)
   * @param xa saved {@code in a} (N, r)
   * @param w (in, out)
   * @param a (in, r) or null
   * @param b (r, out) or null
   * @param scale {@code alpha / r}
   */
  public static void backward(
      Matrix dIn, Matrix dW, Matrix dBias, Matrix dA, Matrix dB, Matrix dXa,
      Matrix dOut, Matrix in, Matrix xa, Matrix w, Matrix a, Matrix b, double scale) {
    Linear.backward(dIn, dW, dBias, dOut, in, w);
    if (a == null) {
      return;
    }
    if (dB != null) {
      MatMul.gemm(true, false, scale, xa, dOut, true, dB);
    }
    if (dA != null || dIn != null) {
      MatMul.gemm(false, true, scale, dOut, b, false, dXa);
      if (dA != null) {
        MatMul.gemm(true, false, in, dXa, true, dA);
      }
      if (dIn != null) {
        MatMul.gemm(false, true, dXa, a, true, dIn);
      }
    }
  }
}
