package io.heformer.nn.layers;

import io.heformer.nn.nonlinear.NonlinearFunction;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.tensor.Matrix;

/**
 * Layer normalisation over the last dimension: for each row x (length C), {@code mu = mean(x)},
 * {@code var = mean((x - mu)^2)}, {@code r = (var + eps)^(-1/2)}, {@code y = (x - mu) r}, {@code
 * out = gamma * y + beta}.
 *
 * <p>The variance is computed in two passes (not as {@code E[x^2] - mu^2}, which cancels for
 * inputs with a large mean: REFERENCE-CODE.md §8, defect 8). {@code r} is the non-polynomial
 * part: it goes through {@link Nonlinearities} as {@link NonlinearFunction#INV_SQRT} of {@code var
 * + eps}, so the recorded range at this site is exactly the interval the encrypted inverse square
 * root must cover.
 *
 * <p>Saved for backward: y (N, C) and r (N, 1). Backward, with {@code g = gamma * dOut}: {@code dx
 * = r (g - mean(g) - y mean(g y))}, {@code dGamma += sum_rows dOut y}, {@code dBeta += sum_rows
 * dOut}.
 */
public final class LayerNorm {

  private LayerNorm() {}

  /**
   * Normalises every row of {@code in}.
   *
   * @param out (N, C), overwritten; may be the same matrix as {@code in}
   * @param y saved normalised input (N, C), overwritten
   * @param rstd saved {@code (var + eps)^(-1/2)} (N, 1), overwritten
   * @param in (N, C)
   * @param gamma (1, C)
   * @param beta (1, C)
   * @param eps variance floor
   * @param nl non-linearities; site {@code site} gets INV_SQRT of {@code var + eps}
   */
  public static void forward(
      Matrix out, Matrix y, Matrix rstd, Matrix in, Matrix gamma, Matrix beta, double eps,
      Nonlinearities nl, String site) {
    int n = in.rows();
    int c = in.cols();
    Linear.requireRow(gamma, c);
    Linear.requireRow(beta, c);
    double[] x = in.data();
    double[] r = rstd.data();
    int ro = rstd.offset();
    for (int i = 0; i < n; i++) {
      int o = in.rowOffset(i);
      double mu = mean(x, o, c);
      double s = 0;
      for (int j = 0; j < c; j++) {
        double d = x[o + j] - mu;
        s += d * d;
      }
      r[ro + i] = s / c + eps;
    }
    nl.apply(NonlinearFunction.INV_SQRT, site, r, ro, r, ro, n);
    double[] yd = y.data();
    double[] od = out.data();
    double[] gd = gamma.data();
    double[] bd = beta.data();
    int go = gamma.offset();
    int bo = beta.offset();
    for (int i = 0; i < n; i++) {
      int o = in.rowOffset(i);
      int yo = y.rowOffset(i);
      int oo = out.rowOffset(i);
      double mu = mean(x, o, c);
      double ri = r[ro + i];
      for (int j = 0; j < c; j++) {
        double yj = (x[o + j] - mu) * ri;
        yd[yo + j] = yj;
        od[oo + j] = gd[go + j] * yj + bd[bo + j];
      }
    }
  }

  /**
   * Accumulates the gradients of {@link #forward}.
   *
   * @param dIn (N, C) or null
   * @param dGamma (1, C) or null (frozen)
   * @param dBeta (1, C) or null (frozen)
   * @param dOut (N, C)
   * @param y saved normalised input (N, C)
   * @param rstd saved (N, 1)
   * @param gamma (1, C)
   */
  public static void backward(
      Matrix dIn, Matrix dGamma, Matrix dBeta, Matrix dOut, Matrix y, Matrix rstd,
      Matrix gamma) {
    int n = dOut.rows();
    int c = dOut.cols();
    double[] g = dOut.data();
    double[] yd = y.data();
    double[] gam = gamma.data();
    int go = gamma.offset();
    for (int i = 0; i < n; i++) {
      int o = dOut.rowOffset(i);
      int yo = y.rowOffset(i);
      if (dIn != null) {
        double m1 = 0;
        double m2 = 0;
        for (int j = 0; j < c; j++) {
          double gj = gam[go + j] * g[o + j];
          m1 += gj;
          m2 += gj * yd[yo + j];
        }
        m1 /= c;
        m2 /= c;
        double ri = rstd.data()[rstd.offset() + i];
        double[] dx = dIn.data();
        int xo = dIn.rowOffset(i);
        for (int j = 0; j < c; j++) {
          dx[xo + j] += ri * (gam[go + j] * g[o + j] - m1 - yd[yo + j] * m2);
        }
      }
      if (dGamma != null) {
        double[] dg = dGamma.data();
        int dgo = dGamma.offset();
        for (int j = 0; j < c; j++) {
          dg[dgo + j] += g[o + j] * yd[yo + j];
        }
      }
      if (dBeta != null) {
        double[] db = dBeta.data();
        int dbo = dBeta.offset();
        for (int j = 0; j < c; j++) {
          db[dbo + j] += g[o + j];
        }
      }
    }
  }

  private static double mean(double[] x, int o, int c) {
    double s = 0;
    for (int j = 0; j < c; j++) {
      s += x[o + j];
    }
    return s / c;
  }
}
