package io.heformer.approx;

/**
 * A closed real interval [lo, hi] with lo &lt; hi, the domain of an approximation.
 *
 * <p>Immutable and thread-safe. NaN is never contained.
 *
 * @param lo the lower end (finite)
 * @param hi the upper end (finite, strictly greater than {@code lo})
 */
public record Interval(double lo, double hi) {

  /**
   * Validates the ends.
   *
   * @throws IllegalArgumentException if an end is not finite or {@code lo >= hi}
   */
  public Interval {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
      throw new IllegalArgumentException("interval needs finite lo < hi, got [" + lo + ", " + hi + "]");
    }
  }

  /** The symmetric interval [-radius, radius]; {@code radius} must be positive. */
  public static Interval symmetric(double radius) {
    return new Interval(-radius, radius);
  }

  /** Whether {@code lo <= x <= hi}; false for NaN. */
  public boolean contains(double x) {
    return x >= lo && x <= hi;
  }

  /** {@code x} moved to the nearest end when outside; NaN stays NaN. */
  public double clamp(double x) {
    return x < lo ? lo : (x > hi ? hi : x);
  }

  /** hi - lo. */
  public double width() {
    return hi - lo;
  }

  /** (lo + hi) / 2. */
  public double mid() {
    return 0.5 * (lo + hi);
  }

  /** Whether lo == -hi, which is what an even or odd polynomial in x needs. */
  public boolean isSymmetric() {
    return lo == -hi;
  }

  /** The interval scaled by a positive factor: [s lo, s hi]. */
  public Interval scaled(double s) {
    if (!(s > 0) || !Double.isFinite(s)) {
      throw new IllegalArgumentException("scale factor must be finite and positive, got " + s);
    }
    return new Interval(lo * s, hi * s);
  }

  @Override
  public String toString() {
    return "[" + lo + ", " + hi + "]";
  }
}
