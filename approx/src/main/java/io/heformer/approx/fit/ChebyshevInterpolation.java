package io.heformer.approx.fit;

import io.heformer.approx.ChebyshevSeries;
import io.heformer.approx.FitMethod;
import io.heformer.approx.Interval;
import io.heformer.approx.Parity;
import java.util.function.DoubleUnaryOperator;

/**
 * Interpolation at the d + 1 Chebyshev points of the first kind, t_j = cos(pi (j + 1/2)/(d + 1)):
 * c_k = (2 - [k = 0]) / (d + 1) sum_j f(x_j) T_k(t_j). Exact (up to rounding) for polynomials of
 * degree &lt;= d; for f analytic on a neighbourhood of [a, b] its error is within a small factor
 * (at most 2 + (2/pi) log(d + 1)) of the minimax error, which makes it the starting point and the
 * fallback of {@link RemezExchange}.
 *
 * <p>The cosines T_k(t_j) = cos(pi (2j + 1) k / (2n)) are taken from a table indexed by
 * (2j + 1) k mod 4n, so no rounding of large angles enters. Cost O(d^2); stateless, thread-safe.
 */
public final class ChebyshevInterpolation {

  private ChebyshevInterpolation() {}

  /**
   * Interpolates f on [a, b] at degree d and certifies the absolute error over [a, b].
   *
   * @param function name recorded in the series
   * @param parity declared parity: coefficients of the other parity are set to exactly 0 (they are
   *     rounding noise when f has that parity); NONE keeps all
   * @throws IllegalArgumentException if d &lt; 0, or parity is not NONE on a non-symmetric interval
   */
  public static ChebyshevSeries interpolate(String function, DoubleUnaryOperator f, Interval interval,
      int degree, Parity parity) {
    double[] c = coefficients(f, interval, degree, parity);
    ChebyshevSeries raw = ChebyshevSeries.of(function, interval, c, parity, 0.0, 0.0, FitMethod.INTERPOLATION);
    double bound = ErrorCertifier.certifySeries(raw, f, null, interval.lo(), interval.hi());
    return raw.withCertificate(function, bound, 0.0);
  }

  /**
   * The interpolation coefficients alone (no certificate).
   *
   * @throws IllegalArgumentException as {@link #interpolate}
   */
  public static double[] coefficients(DoubleUnaryOperator f, Interval interval, int degree, Parity parity) {
    if (degree < 0) {
      throw new IllegalArgumentException("degree must be >= 0, got " + degree);
    }
    if (parity != Parity.NONE && !interval.isSymmetric()) {
      throw new IllegalArgumentException("parity " + parity + " needs a symmetric interval, got " + interval);
    }
    int n = degree + 1;
    double[] cosTable = new double[4 * n];
    for (int i = 0; i < 4 * n; i++) {
      cosTable[i] = Math.cos(Math.PI * i / (2.0 * n));
    }
    double[] fx = new double[n];
    for (int j = 0; j < n; j++) {
      double t = cosTable[2 * j + 1];
      double x = interval.mid() + 0.5 * interval.width() * t;
      fx[j] = f.applyAsDouble(x);
      if (!Double.isFinite(fx[j])) {
        throw new IllegalArgumentException("f(" + x + ") = " + fx[j] + " is not finite");
      }
    }
    double[] c = new double[n];
    for (int k = 0; k < n; k++) {
      if (!parity.admits(k)) {
        continue;
      }
      double s = 0;
      long step = k;
      for (int j = 0; j < n; j++) {
        int idx = (int) (((2L * j + 1) * step) % (4L * n));
        s += fx[j] * cosTable[idx];
      }
      c[k] = (k == 0 ? 1.0 : 2.0) * s / n;
    }
    return c;
  }
}
