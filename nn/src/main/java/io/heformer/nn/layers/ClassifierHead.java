package io.heformer.nn.layers;

import io.heformer.nn.nonlinear.NonlinearFunction;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.tensor.MatMul;
import io.heformer.nn.tensor.Matrix;

/**
 * The paper's classification head (§5, "PoolingComponent_lora"): the CLS row of each example
 * ({@code p = hidden[b T]}, width C) goes through a low-rank pooler and a classifier, without
 * biases: {@code z = p A} (C to R), {@code t = tanh(z B)} (R to W), {@code logits = t W_cls} (W
 * to K). Paper sizes: C = 768, R = 32, W = 1024, K = classes (1 for regression).
 *
 * <p>Saved for backward: p (B, C), z (B, R), t (B, W). Backward: {@code dWcls += t^T G}; {@code
 * du = (G Wcls^T) * (1 - t^2)}; {@code dB += z^T du}; {@code dz = du B^T}; {@code dA += p^T dz};
 * {@code dHidden[b T] += dz A^T}.
 */
public final class ClassifierHead {

  private ClassifierHead() {}

  /**
   * @param logits (B, K), overwritten
   * @param pooled saved CLS rows (B, C), overwritten
   * @param z saved (B, R), overwritten
   * @param t saved tanh output (B, W), overwritten
   * @param hidden final hidden states (B T, C)
   * @param seqLen T
   * @param a (C, R)
   * @param b (R, W)
   * @param wCls (W, K)
   * @param nl TANH at {@link io.heformer.nn.nonlinear.Sites#HEAD_TANH}
   */
  public static void forward(
      Matrix logits, Matrix pooled, Matrix z, Matrix t, Matrix hidden, int seqLen, Matrix a,
      Matrix b, Matrix wCls, Nonlinearities nl, String site) {
    int batch = logits.rows();
    int c = hidden.cols();
    if (hidden.rows() != batch * seqLen || pooled.cols() != c) {
      throw new IllegalArgumentException(
          "head: hidden (" + hidden.rows() + ", " + c + ") does not hold " + batch + " x "
              + seqLen + " rows");
    }
    for (int i = 0; i < batch; i++) {
      System.arraycopy(hidden.data(), hidden.rowOffset(i * seqLen), pooled.data(),
          pooled.rowOffset(i), c);
    }
    MatMul.gemm(false, false, pooled, a, false, z);
    MatMul.gemm(false, false, z, b, false, t);
    nl.apply(NonlinearFunction.TANH, site, t.data(), t.offset(), t.data(), t.offset(), t.size());
    MatMul.gemm(false, false, t, wCls, false, logits);
  }

  /**
   * @param dHidden (B T, C) or null; only the CLS rows receive gradient
   * @param dA (C, R) or null
   * @param dB (R, W) or null
   * @param dWcls (W, K) or null
   * @param dT scratch (B, W), overwritten
   * @param dZ scratch (B, R), overwritten
   * @param dPooled scratch (B, C), overwritten
   * @param dLogits (B, K)
   * @param seqLen T
   * @param pooled saved
   * @param z saved
   * @param t saved
   * @param a (C, R)
   * @param b (R, W)
   * @param wCls (W, K)
   */
  public static void backward(
      Matrix dHidden, Matrix dA, Matrix dB, Matrix dWcls, Matrix dT, Matrix dZ, Matrix dPooled,
      Matrix dLogits, int seqLen, Matrix pooled, Matrix z, Matrix t, Matrix a, Matrix b,
      Matrix wCls) {
    if (dWcls != null) {
      MatMul.gemm(true, false, t, dLogits, true, dWcls);
    }
    MatMul.gemm(false, true, dLogits, wCls, false, dT);
    double[] du = dT.data();
    double[] td = t.data();
    for (int i = 0; i < dT.size(); i++) {
      double ti = td[t.offset() + i];
      du[dT.offset() + i] *= 1.0 - ti * ti;
    }
    if (dB != null) {
      MatMul.gemm(true, false, z, dT, true, dB);
    }
    MatMul.gemm(false, true, dT, b, false, dZ);
    if (dA != null) {
      MatMul.gemm(true, false, pooled, dZ, true, dA);
    }
    if (dHidden != null) {
      MatMul.gemm(false, true, dZ, a, false, dPooled);
      int c = dPooled.cols();
      for (int i = 0; i < dPooled.rows(); i++) {
        int ho = dHidden.rowOffset(i * seqLen);
        int po = dPooled.rowOffset(i);
        for (int j = 0; j < c; j++) {
          dHidden.data()[ho + j] += dPooled.data()[po + j];
        }
      }
    }
  }
}
