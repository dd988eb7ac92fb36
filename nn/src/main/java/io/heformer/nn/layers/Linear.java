package io.heformer.nn.layers;

import io.heformer.nn.tensor.MatMul;
import io.heformer.nn.tensor.Matrix;

/**
 * Dense layer {@code Y = X W + b}: X (N, in), W (in, out), optional bias b (1, out), Y (N, out).
 *
 * <p>Backward: {@code dX += dY W^T}, {@code dW += X^T dY}, {@code db += sum_rows dY}. Needs only
 * the layer input X, which the caller keeps.
 */
public final class Linear {

  private Linear() {}

  /**
   * {@code out = in w (+ bias)}.
   *
   * @param out (N, out), overwritten; must not alias {@code in}
   * @param in (N, in)
   * @param w (in, out)
   * @param bias (1, out) or null
   */
  public static void forward(Matrix out, Matrix in, Matrix w, Matrix bias) {
    MatMul.gemm(false, false, in, w, false, out);
    if (bias != null) {
      addRowVector(out, bias);
    }
  }

  /**
   * Accumulates the gradients of {@link #forward}.
   *
   * @param dIn (N, in) or null if not needed
   * @param dW (in, out) or null if W is frozen
   * @param dBias (1, out) or null
   * @param dOut (N, out)
   * @param in the forward input (N, in)
   * @param w (in, out)
   */
  public static void backward(
      Matrix dIn, Matrix dW, Matrix dBias, Matrix dOut, Matrix in, Matrix w) {
    if (dIn != null) {
      MatMul.gemm(false, true, dOut, w, true, dIn);
    }
    if (dW != null) {
      MatMul.gemm(true, false, in, dOut, true, dW);
    }
    if (dBias != null) {
      addColumnSums(dBias, dOut);
    }
  }

  /** {@code m[i, :] += v[0, :]} for every row i. */
  static void addRowVector(Matrix m, Matrix v) {
    requireRow(v, m.cols());
    double[] d = m.data();
    double[] b = v.data();
    int bo = v.offset();
    for (int i = 0; i < m.rows(); i++) {
      int o = m.rowOffset(i);
      for (int j = 0; j < m.cols(); j++) {
        d[o + j] += b[bo + j];
      }
    }
  }

  /** {@code v[0, :] += sum_i m[i, :]}. */
  static void addColumnSums(Matrix v, Matrix m) {
    requireRow(v, m.cols());
    double[] d = v.data();
    double[] s = m.data();
    int vo = v.offset();
    for (int i = 0; i < m.rows(); i++) {
      int o = m.rowOffset(i);
      for (int j = 0; j < m.cols(); j++) {
        d[vo + j] += s[o + j];
      }
    }
  }

  static void requireRow(Matrix v, int cols) {
    if (v.rows() != 1 || v.cols() != cols) {
      throw new IllegalArgumentException(
          "expected a (1, " + cols + ") row vector, got (" + v.rows() + ", " + v.cols() + ")");
    }
  }
}
