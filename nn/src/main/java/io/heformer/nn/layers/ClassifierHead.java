package io.heformer.nn.layers;

import io.heformer.nn.nonlinear.NonlinearFunction;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.tensor.MatMul;
import io.heformer.nn.tensor.Matrix;
import java.util.Arrays;

/**
 * The paper's classification head (§5, "PoolingComponent_lora"): each example's pooled row p
 * (width C; the CLS row {@code hidden[b T]} in the paper, or the mean of its real tokens' rows, see
 * {@link Pooling}) goes through a low-rank pooler and a classifier, without biases: {@code z = p
 * A} (C to R), {@code t = tanh(z B)} (R to W), {@code logits = t W_cls} (W to K). Paper sizes: C =
 * 768, R = 32, W = 1024, K = classes (1 for regression).
 *
 * <p>Saved for backward: p (B, C), z (B, R), t (B, W). Backward: {@code dWcls += t^T G}; {@code
 * du = (G Wcls^T) * (1 - t^2)}; {@code dB += z^T du}; {@code dz = du B^T}; {@code dA += p^T dz};
 * {@code dp = dz A^T}, added to the CLS row, or {@code dp / n} to each of the n real rows.
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
   * @param pooling which rows make p
   * @param tokenMask (B T) 1 for a real token, 0 for padding; read by {@link Pooling#MEAN}
   * @param a (C, R)
   * @param b (R, W)
   * @param wCls (W, K)
   * @param nl TANH at {@link io.heformer.nn.nonlinear.Sites#HEAD_TANH}
   */
  public static void forward(
      Matrix logits, Matrix pooled, Matrix z, Matrix t, Matrix hidden, int seqLen,
      Pooling pooling, int[] tokenMask, Matrix a, Matrix b, Matrix wCls, Nonlinearities nl,
      String site) {
    int batch = logits.rows();
    int c = hidden.cols();
    if (hidden.rows() != batch * seqLen || pooled.cols() != c) {
      throw new IllegalArgumentException(
          "head: hidden (" + hidden.rows() + ", " + c + ") does not hold " + batch + " x "
              + seqLen + " rows");
    }
    pool(pooled, hidden, seqLen, pooling, tokenMask);
    MatMul.gemm(false, false, pooled, a, false, z);
    MatMul.gemm(false, false, z, b, false, t);
    nl.apply(NonlinearFunction.TANH, site, t.data(), t.offset(), t.data(), t.offset(), t.size());
    MatMul.gemm(false, false, t, wCls, false, logits);
  }

  /**
   * @param dHidden (B T, C) or null; only the pooled rows receive gradient
   * @param dA (C, R) or null
   * @param dB (R, W) or null
   * @param dWcls (W, K) or null
   * @param dT scratch (B, W), overwritten
   * @param dZ scratch (B, R), overwritten
   * @param dPooled scratch (B, C), overwritten
   * @param dLogits (B, K)
   * @param seqLen T
   * @param pooling as in forward
   * @param tokenMask as in forward
   * @param pooled saved
   * @param z saved
   * @param t saved
   * @param a (C, R)
   * @param b (R, W)
   * @param wCls (W, K)
   */
  public static void backward(
      Matrix dHidden, Matrix dA, Matrix dB, Matrix dWcls, Matrix dT, Matrix dZ, Matrix dPooled,
      Matrix dLogits, int seqLen, Pooling pooling, int[] tokenMask, Matrix pooled, Matrix z,
      Matrix t, Matrix a, Matrix b, Matrix wCls) {
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
      unpool(dHidden, dPooled, seqLen, pooling, tokenMask);
    }
  }

  /** {@code pooled[b]} = the mean of example b's pooled rows (CLS: row 0 alone). */
  private static void pool(
      Matrix pooled, Matrix hidden, int seqLen, Pooling pooling, int[] tokenMask) {
    int c = hidden.cols();
    double[] h = hidden.data();
    double[] p = pooled.data();
    for (int b = 0; b < pooled.rows(); b++) {
      int po = pooled.rowOffset(b);
      double n = pooledRows(pooling, tokenMask, b, seqLen);
      Arrays.fill(p, po, po + c, 0.0);
      for (int s = 0; s < seqLen; s++) {
        if (isPooled(pooling, tokenMask, b * seqLen + s, s)) {
          int ho = hidden.rowOffset(b * seqLen + s);
          for (int j = 0; j < c; j++) {
            p[po + j] += h[ho + j] / n;
          }
        }
      }
    }
  }

  /** The adjoint of {@link #pool}: each pooled row of example b += {@code dPooled[b] / n}. */
  private static void unpool(
      Matrix dHidden, Matrix dPooled, int seqLen, Pooling pooling, int[] tokenMask) {
    int c = dPooled.cols();
    double[] dh = dHidden.data();
    double[] dp = dPooled.data();
    for (int b = 0; b < dPooled.rows(); b++) {
      int po = dPooled.rowOffset(b);
      double n = pooledRows(pooling, tokenMask, b, seqLen);
      for (int s = 0; s < seqLen; s++) {
        if (isPooled(pooling, tokenMask, b * seqLen + s, s)) {
          int ho = dHidden.rowOffset(b * seqLen + s);
          for (int j = 0; j < c; j++) {
            dh[ho + j] += dp[po + j] / n;
          }
        }
      }
    }
  }

  /** Whether token row {@code row} (position s of its example) enters the pooled row. */
  private static boolean isPooled(Pooling pooling, int[] tokenMask, int row, int s) {
    return pooling == Pooling.CLS ? s == 0 : tokenMask[row] == 1;
  }

  /** n, the number of rows example b pools: 1 for CLS, its real tokens for MEAN. */
  private static int pooledRows(Pooling pooling, int[] tokenMask, int b, int seqLen) {
    if (pooling == Pooling.CLS) {
      return 1;
    }
    int n = 0;
    for (int s = 0; s < seqLen; s++) {
      n += tokenMask[b * seqLen + s];
    }
    if (n == 0) {
      throw new IllegalArgumentException("example " + b + " has no real token to pool");
    }
    return n;
  }
}
