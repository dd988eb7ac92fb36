package io.heformer.approx.fit;

import io.heformer.approx.ChebyshevSeries;
import java.util.function.DoubleUnaryOperator;

/**
 * Certified maximum errors by dense sampling with local refinement, a relative margin and a
 * rounding floor.
 *
 * <p><b>How a bound is obtained.</b> The (weighted) error e(x) = w(x) (f(x) - g(x)) is evaluated
 * on a grid x_j = mid - half cos(pi j / (N - 1)), j = 0..N-1, which is uniform in the angle
 * theta = arccos(t) and therefore densest near the ends, exactly where polynomial errors oscillate
 * fastest. N is at least 64 (d + 1) for a degree-d polynomial (so the grid contains the d + 1
 * Chebyshev extrema of the interval and both ends, and every half-oscillation of T_d holds 64
 * samples), and callers may add extra points. Every grid local maximum of |e| whose value is at
 * least half of the grid maximum is then refined by golden-section search on its two neighbouring
 * cells. The certificate is
 *
 * <pre>  bound = M (1 + 1/64) + floor</pre>
 *
 * where M is the largest refined value and {@code floor} bounds the floating-point rounding of the
 * evaluator at points that were not sampled (for a Chebyshev series 2 (d + 2) u sum |c_k| times
 * the largest weight, u = 2^-53, the classical Clenshaw bound).
 *
 * <p><b>What it guarantees.</b> This is a sampling certificate, not an interval-arithmetic proof:
 * it is exact up to the margin whenever every local maximum of |e| lies in a grid cell where |e|
 * is unimodal, which holds when e oscillates no faster than the grid resolves (true for the fits
 * here: their errors are dominated by T_{d+1}-like oscillations, 64 samples per half-period).
 * Tests check it at random points off the grid.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorCertifier {

  /** The relative safety margin added to the sampled maximum. */
  public static final double RELATIVE_MARGIN = 1.0 / 64;

  /** The unit roundoff of double precision, 2^-53. */
  public static final double UNIT_ROUNDOFF = 0x1p-53;

  private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;
  private static final int GOLDEN_STEPS = 48;

  private ErrorCertifier() {}

  /**
   * The result of a sampling run.
   *
   * @param maxError the largest refined |w (f - g)| found
   * @param argMax where it was found
   * @param maxWeight the largest weight seen (1 for absolute errors)
   * @param maxAbsApprox the largest |g| seen
   * @param points how many points were evaluated
   */
  public record Sample(double maxError, double argMax, double maxWeight, double maxAbsApprox, int points) {}

  /**
   * Samples the weighted error over [lo, hi] on a grid of {@code gridPoints} Chebyshev-spaced
   * points plus {@code extraPoints} (those outside [lo, hi] are ignored), refining large local
   * maxima. Allocates the grid (O(gridPoints)).
   *
   * @param exact f
   * @param approx g
   * @param weight w, or null for absolute error
   * @throws IllegalArgumentException if {@code gridPoints < 3} or lo &gt;= hi
   * @throws IllegalStateException if the error is not finite somewhere
   */
  public static Sample sample(DoubleUnaryOperator exact, DoubleUnaryOperator approx,
      DoubleUnaryOperator weight, double lo, double hi, int gridPoints, double... extraPoints) {
    if (gridPoints < 3 || !(lo < hi)) {
      throw new IllegalArgumentException("need gridPoints >= 3 and lo < hi, got " + gridPoints + ", [" + lo
          + ", " + hi + "]");
    }
    double mid = 0.5 * (lo + hi);
    double half = 0.5 * (hi - lo);
    double[] xs = new double[gridPoints];
    double[] es = new double[gridPoints];
    double maxWeight = 0;
    double maxAbs = 0;
    double gridMax = 0;
    for (int j = 0; j < gridPoints; j++) {
      double x = j == 0 ? lo : (j == gridPoints - 1 ? hi : mid - half * Math.cos(Math.PI * j / (gridPoints - 1)));
      xs[j] = x;
      double g = approx.applyAsDouble(x);
      double w = weight == null ? 1.0 : weight.applyAsDouble(x);
      double e = Math.abs(w * (exact.applyAsDouble(x) - g));
      if (!Double.isFinite(e)) {
        throw new IllegalStateException("error is not finite at x = " + x + " (approx " + g + ")");
      }
      es[j] = e;
      maxWeight = Math.max(maxWeight, Math.abs(w));
      maxAbs = Math.max(maxAbs, Math.abs(g));
      gridMax = Math.max(gridMax, e);
    }
    double best = gridMax;
    double arg = xs[argMaxIndex(es)];
    int evaluations = gridPoints;
    for (double x : extraPoints) {
      if (x >= lo && x <= hi) {
        double w = weight == null ? 1.0 : weight.applyAsDouble(x);
        double e = Math.abs(w * (exact.applyAsDouble(x) - approx.applyAsDouble(x)));
        evaluations++;
        if (e > best) {
          best = e;
          arg = x;
        }
      }
    }
    DoubleUnaryOperator err = x -> {
      double w = weight == null ? 1.0 : weight.applyAsDouble(x);
      return Math.abs(w * (exact.applyAsDouble(x) - approx.applyAsDouble(x)));
    };
    for (int j = 1; j < gridPoints - 1; j++) {
      if (es[j] >= 0.5 * gridMax && es[j] >= es[j - 1] && es[j] >= es[j + 1]) {
        double[] r = refineMaximum(err, xs[j - 1], xs[j + 1]);
        evaluations += GOLDEN_STEPS + 2;
        if (r[1] > best) {
          best = r[1];
          arg = r[0];
        }
      }
    }
    return new Sample(best, arg, maxWeight, maxAbs, evaluations);
  }

  /** The certificate M (1 + 1/64) + floor. */
  public static double bound(double sampledMax, double roundingFloor) {
    return sampledMax * (1 + RELATIVE_MARGIN) + roundingFloor;
  }

  /** The Clenshaw rounding floor of a series: 2 (d + 2) u sum |c_k|. */
  public static double clenshawRoundingFloor(ChebyshevSeries series) {
    return 2.0 * (series.degree() + 2) * UNIT_ROUNDOFF * series.absoluteCoefficientSum();
  }

  /**
   * Certifies a series against f with weight w over [lo, hi]: grid of 64 (d + 1) + 1 points
   * (at least 1025) plus the Chebyshev extrema of the series' interval.
   *
   * @param weight w, or null for the absolute error
   * @return the certified bound on max |w (f - p)| over [lo, hi]
   */
  public static double certifySeries(ChebyshevSeries series, DoubleUnaryOperator exact,
      DoubleUnaryOperator weight, double lo, double hi) {
    int d = Math.max(series.degree(), 1);
    double[] extrema = new double[d + 1];
    double a = series.interval().lo();
    double b = series.interval().hi();
    for (int i = 0; i <= d; i++) {
      extrema[i] = 0.5 * (a + b) - 0.5 * (b - a) * Math.cos(Math.PI * i / d);
    }
    Sample s = sample(exact, series::evaluateUnchecked, weight, lo, hi, Math.max(64 * (d + 1) + 1, 1025), extrema);
    return bound(s.maxError(), clenshawRoundingFloor(series) * s.maxWeight());
  }

  /**
   * Golden-section search for the maximum of g on [a, b] (g assumed unimodal there).
   *
   * @return {x, g(x)} of the best point seen
   */
  public static double[] refineMaximum(DoubleUnaryOperator g, double a, double b) {
    double c = b - INV_PHI * (b - a);
    double d = a + INV_PHI * (b - a);
    double gc = g.applyAsDouble(c);
    double gd = g.applyAsDouble(d);
    double bestX = gc >= gd ? c : d;
    double best = Math.max(gc, gd);
    for (int i = 0; i < GOLDEN_STEPS; i++) {
      if (gc >= gd) {
        b = d;
        d = c;
        gd = gc;
        c = b - INV_PHI * (b - a);
        gc = g.applyAsDouble(c);
        if (gc > best) {
          best = gc;
          bestX = c;
        }
      } else {
        a = c;
        c = d;
        gc = gd;
        d = a + INV_PHI * (b - a);
        gd = g.applyAsDouble(d);
        if (gd > best) {
          best = gd;
          bestX = d;
        }
      }
    }
    return new double[] {bestX, best};
  }

  private static int argMaxIndex(double[] v) {
    int k = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[k]) {
        k = i;
      }
    }
    return k;
  }
}
