package io.heformer.nn.layers;

import io.heformer.nn.nonlinear.NonlinearFunction;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.tensor.Matrix;
import io.heformer.nn.tensor.Parallel;

/**
 * ReLU-gated linear unit: input {@code [u | g]} (N, 2F), output {@code u * ReLU(g)} (N, F), with
 * {@code ReLU(g) = g * step(g)} and {@code step} evaluated through {@link Nonlinearities} (under
 * encryption a composite-sign polynomial {@code (1 + sgn(g)) / 2}, paper §8).
 *
 * <p>Saved for backward: {@code step(g)} (N, F) and the input. Backward: {@code du += G * g *
 * step(g)}, {@code dg += G * u * step(g)} (the step stands in for ReLU's derivative, as in the
 * encrypted path).
 */
public final class ReluGlu {

  private ReluGlu() {}

  /**
   * @param out (N, F), overwritten
   * @param step saved step(g) (N, F), overwritten
   * @param in (N, 2F) = [u | g]
   * @param nl STEP at {@code site}
   */
  public static void forward(
      Matrix out, Matrix step, Matrix in, Nonlinearities nl, String site) {
    int n = in.rows();
    int f = out.cols();
    check(in, out, step);
    double[] x = in.data();
    double[] s = step.data();
    double[] o = out.data();
    // Rows over the workers: in approximation mode the step is a composite polynomial.
    Parallel.forRows(n, i ->
        nl.apply(NonlinearFunction.STEP, site, x, in.rowOffset(i) + f, s, step.rowOffset(i), f));
    for (int i = 0; i < n; i++) {
      int xo = in.rowOffset(i);
      int so = step.rowOffset(i);
      int oo = out.rowOffset(i);
      for (int j = 0; j < f; j++) {
        double g = x[xo + f + j];
        o[oo + j] = x[xo + j] * g * s[so + j];
      }
    }
  }

  /**
   * @param dIn (N, 2F), accumulated
   * @param dOut (N, F)
   * @param in forward input [u | g]
   * @param step saved step(g)
   */
  public static void backward(Matrix dIn, Matrix dOut, Matrix in, Matrix step) {
    int n = dOut.rows();
    int f = dOut.cols();
    double[] x = in.data();
    double[] s = step.data();
    double[] g = dOut.data();
    double[] dx = dIn.data();
    for (int i = 0; i < n; i++) {
      int xo = in.rowOffset(i);
      int so = step.rowOffset(i);
      int go = dOut.rowOffset(i);
      int dxo = dIn.rowOffset(i);
      for (int j = 0; j < f; j++) {
        double gs = g[go + j] * s[so + j];
        dx[dxo + j] += gs * x[xo + f + j];
        dx[dxo + f + j] += gs * x[xo + j];
      }
    }
  }

  private static void check(Matrix in, Matrix out, Matrix step) {
    if (in.cols() != 2 * out.cols() || in.rows() != out.rows() || step.rows() != out.rows()
        || step.cols() != out.cols()) {
      throw new IllegalArgumentException(
          "ReLU-GLU shapes: in (" + in.rows() + ", " + in.cols() + "), out (" + out.rows() + ", "
              + out.cols() + "), step (" + step.rows() + ", " + step.cols() + ")");
    }
  }
}
