package io.heformer.approx;

import io.heformer.approx.fit.ErrorCertifier;

/**
 * max(a, b) = (a + b)/2 + |a - b|/2 with |d| = d sign(d), for a, b in [-R, R], and the maximum of a
 * row by a tournament of such pairs.
 *
 * <p>Operation sequence: d = a - b; s = sign(d / (2R)) (scaling folded); m = 0.5 (a + b) + d (0.5 s).
 * Depth: sign depth + 1 per pair, times ceil(log2 n) rounds for a row of n.
 *
 * <p>Certificate (rigorous given the sign's): |m - max| = |d| |s - sign(d)| / 2 &lt;= tau with
 * tau = max(R delta, R eps (1 + S)) plus rounding, delta, S, eps being the sign's precision,
 * supremum and gap. A tournament of ceil(log2 n) rounds errs by at most ceil(log2 n) tau, because
 * max is 1-Lipschitz; its inputs must lie in [-(R - rounds tau), R - rounds tau] so that every
 * intermediate stays in [-R, R].
 *
 * <p>Immutable and thread-safe; {@link #rowMax} allocates one scratch array of length n.
 */
public final class PairwiseMax {

  private final CompositeSign sign;
  private final double radius;
  private final Interval domain;
  private final double errorBound;

  private PairwiseMax(CompositeSign sign, double radius) {
    this.sign = sign;
    this.radius = radius;
    this.domain = Interval.symmetric(radius);
    this.errorBound = Math.max(radius * sign.precision(), radius * sign.gap() * (1 + sign.supremum()))
        + 16 * ErrorCertifier.UNIT_ROUNDOFF * radius * (1 + sign.supremum());
  }

  /**
   * The pairwise maximum on [-R, R].
   *
   * @throws IllegalArgumentException if R is not finite and positive
   */
  public static PairwiseMax of(CompositeSign sign, double radius) {
    if (!(radius > 0) || !Double.isFinite(radius)) {
      throw new IllegalArgumentException("max input radius R must be finite and positive, got " + radius);
    }
    return new PairwiseMax(sign, radius);
  }

  /** The sign approximation used. */
  public CompositeSign sign() {
    return sign;
  }

  /** R. */
  public double radius() {
    return radius;
  }

  /** tau, the certified error of one pair. */
  public double errorBound() {
    return errorBound;
  }

  /** sign depth + 1. */
  public int depth() {
    return sign.depth() + 1;
  }

  /** ceil(log2 n) for n &gt;= 1. */
  public static int rounds(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("row length must be >= 1, got " + n);
    }
    return 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  /** The depth of {@link #rowMax} on n values. */
  public int rowDepth(int n) {
    return rounds(n) * depth();
  }

  /** The certified error of {@link #rowMax} on n values: rounds(n) tau. */
  public double rowErrorBound(int n) {
    return rounds(n) * errorBound;
  }

  /**
   * The admissible inputs of {@link #rowMax} on n values, [-(R - rounds tau), R - rounds tau].
   *
   * @throws IllegalArgumentException if the accumulated error exceeds R
   */
  public Interval rowInterval(int n) {
    double r = radius - rowErrorBound(n);
    if (!(r > 0)) {
      throw new IllegalArgumentException("row max of " + n + " values accumulates error " + rowErrorBound(n)
          + " >= radius " + radius);
    }
    return Interval.symmetric(r);
  }

  /**
   * The approximate max(a, b).
   *
   * @throws OutOfRangeException per the policy when a or b is outside [-R, R]
   */
  public double max(double a, double b, RangePolicy policy) {
    return pair(policy.admit("max", domain, a), policy.admit("max", domain, b));
  }

  private double pair(double a, double b) {
    double d = a - b;
    double s = sign.evaluateUnchecked(d * (0.5 / radius));
    return 0.5 * (a + b) + d * (0.5 * s);
  }

  /**
   * The approximate maximum of {@code values} by a tournament: round 1 pairs (0,1), (2,3), ...,
   * an odd one out passes to the next round unchanged.
   *
   * @throws IllegalArgumentException if values is empty
   * @throws OutOfRangeException per the policy for inputs outside {@link #rowInterval}
   */
  public double rowMax(double[] values, RangePolicy policy) {
    int n = values.length;
    Interval in = rowInterval(n);
    double[] work = new double[n];
    for (int i = 0; i < n; i++) {
      work[i] = policy.admit("row max", in, values[i]);
    }
    int len = n;
    while (len > 1) {
      int half = len / 2;
      for (int i = 0; i < half; i++) {
        work[i] = pair(work[2 * i], work[2 * i + 1]);
      }
      if ((len & 1) == 1) {
        work[half] = work[len - 1];
        len = half + 1;
      } else {
        len = half;
      }
    }
    return work[0];
  }

  @Override
  public String toString() {
    return "PairwiseMax[R " + radius + ", error <= " + errorBound + ", depth " + depth() + "]";
  }
}
