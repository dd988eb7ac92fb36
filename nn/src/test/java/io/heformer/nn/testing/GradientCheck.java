package io.heformer.nn.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

/**
 * Central finite differences in double precision: for every element x_i of a region of an array,
 * {@code (L(x + h e_i) - L(x - h e_i)) / 2h}, compared with an analytic gradient.
 */
public final class GradientCheck {

  /** Step; with double precision and smooth losses the truncation error is ~h^2 = 1e-10. */
  public static final double H = 1e-5;

  private GradientCheck() {}

  /** Numerical gradient of {@code loss} with respect to {@code x[off, off + n)}. */
  public static double[] numerical(double[] x, int off, int n, DoubleSupplier loss) {
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      double saved = x[off + i];
      x[off + i] = saved + H;
      double plus = loss.getAsDouble();
      x[off + i] = saved - H;
      double minus = loss.getAsDouble();
      x[off + i] = saved;
      g[i] = (plus - minus) / (2 * H);
    }
    return g;
  }

  /**
   * Relative error {@code ||a - b|| / max(||a||, ||b||)} (0 when both are zero).
   */
  public static double relativeError(double[] a, double[] b) {
    double diff = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (a[i] - b[i]);
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    double denom = Math.sqrt(Math.max(na, nb));
    return denom == 0 ? 0 : Math.sqrt(diff) / denom;
  }

  /**
   * Asserts that {@code analytic} matches the numerical gradient within relative error {@code
   * tol}, and that the gradient is not identically zero (a check of a zero gradient proves
   * nothing).
   */
  public static void assertClose(String what, double[] analytic, double[] numerical, double tol) {
    double norm = 0;
    for (double v : numerical) {
      norm += v * v;
    }
    assertTrue(norm > 1e-20, what + ": numerical gradient is zero, the check would be vacuous");
    double err = relativeError(analytic, numerical);
    assertTrue(err < tol, what + ": relative error " + err + " >= " + tol);
  }
}
