package io.heformer.approx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/** Test helper: checks a certificate at random points that are not on the certifier's grid. */
public final class Certificates {

  private Certificates() {}

  /**
   * Asserts |w(x)(f(x) - g(x))| &lt;= bound at {@code n} random points of [lo, hi]: half uniform, half
   * Chebyshev-distributed (dense at the ends, where errors peak). Returns the largest error seen.
   */
  public static double assertWithin(String what, DoubleUnaryOperator exact, DoubleUnaryOperator approx,
      DoubleUnaryOperator weight, double lo, double hi, double bound, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double worst = 0;
    for (int i = 0; i < n; i++) {
      double x = (i & 1) == 0 ? lo + (hi - lo) * rnd.nextDouble()
          : 0.5 * (lo + hi) - 0.5 * (hi - lo) * Math.cos(Math.PI * rnd.nextDouble());
      double w = weight == null ? 1 : weight.applyAsDouble(x);
      double e = Math.abs(w * (exact.applyAsDouble(x) - approx.applyAsDouble(x)));
      worst = Math.max(worst, e);
      final double xx = x;
      final double ee = e;
      assertTrue(e <= bound, () -> what + ": error " + ee + " at x = " + xx + " exceeds certificate " + bound);
    }
    return worst;
  }

  /** The same for an {@link Approximation} over its domain, absolute error. */
  public static double assertWithin(Approximation a, DoubleUnaryOperator exact, int n, long seed) {
    return assertWithin(a.toString(), exact, a::evaluate, null, a.domain().lo(), a.domain().hi(), a.errorBound(), n,
        seed);
  }
}
