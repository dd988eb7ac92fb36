package io.heformer.nn.metrics;

import java.util.Arrays;

/**
 * Correlation of predicted scores with gold scores (STS-B): Pearson's r and Spearman's rho.
 *
 * <p>Stateless and thread safe. Sums are taken around the means (two passes), so large offsets
 * do not cancel precision.
 */
public final class CorrelationMetrics {
  private CorrelationMetrics() {}

  /**
   * Pearson's r: {@code sum (x - mx)(y - my) / sqrt(sum (x - mx)^2 sum (y - my)^2)}; NaN if
   * either input is constant.
   *
   * @throws IllegalArgumentException if the lengths differ or are below 2
   */
  public static double pearson(double[] x, double[] y) {
    checkLengths(x, y);
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /**
   * Spearman's rho: Pearson's r of the ranks, ties given their average rank; NaN if either
   * input is constant.
   *
   * @throws IllegalArgumentException if the lengths differ or are below 2
   */
  public static double spearman(double[] x, double[] y) {
    checkLengths(x, y);
    return pearson(ranks(x), ranks(y));
  }

  /** Ranks 1..n, tied values sharing the mean of their ranks ("average" method). */
  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; ) {
      int j = i;
      while (j + 1 < v.length && Double.compare(v[order[j + 1]], v[order[i]]) == 0) {
        j++;
      }
      double average = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[order[k]] = average;
      }
      i = j + 1;
    }
    return r;
  }

  private static void checkLengths(double[] x, double[] y) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException(
          "need equal lengths of at least 2, got " + x.length + " and " + y.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("non-finite value at " + i + ": " + x[i] + ", " + y[i]);
      }
    }
  }
}
