package io.heformer.approx;

import io.heformer.approx.fit.ErrorCertifier;

/**
 * softmax(z)_i = exp(z_i - m) / sum_j exp(z_j - m) for rows of length n &lt;= maxLength, built from
 * an optional approximate row maximum m ({@link PairwiseMax}; m = 0 without it), an exp
 * approximation and a Newton inverse applied to the pre-scaled sum.
 *
 * <p>Operation sequence: m = rowMax(z) (or 0); e_i = exp(z_i - m); S = sum e_i (rotations, no
 * level); y = inverse(sigma S) (sigma folded); g = sigma y; p_i = e_i g. Depth:
 * rowMax depth + exp depth + inverse depth + 1.
 *
 * <p>Certificate (rigorous given the components'): with eps_e the exp bound, rho the inverse's
 * relative bound and S_min a lower bound of the computed sum,
 * |p_i - softmax_i| &lt;= eps_e (1 + n)(1 + rho) / S_min + rho (plus 16 n u for rounding).
 * Without a max, S_min = n e^lo - n eps_e for logits in [lo, hi]; with it, the largest logit
 * contributes at least e^-tau - eps_e (tau the row-max error), so S_min = e^-tau - n eps_e. The
 * constructors check that every shifted input lies in the exp domain and every scaled sum in the
 * inverse domain, so an admissible row can never leave a certified interval.
 *
 * <p>Immutable and thread-safe; {@link #evaluate} allocates only the row max's scratch.
 */
public final class Softmax {

  private final PairwiseMax max;
  private final Approximation exp;
  private final NewtonScheme inverse;
  private final double sumScale;
  private final int minLength;
  private final int maxLength;
  private final Interval logits;

  private Softmax(PairwiseMax max, Approximation exp, NewtonScheme inverse, double sumScale, int minLength,
      int maxLength, Interval logits) {
    this.minLength = minLength;
    this.max = max;
    this.exp = exp;
    this.inverse = inverse;
    this.sumScale = sumScale;
    this.maxLength = maxLength;
    this.logits = logits;
  }

  /**
   * Softmax without max subtraction (the loss of a few logits): rows of exactly {@code length}
   * logits in [lo, hi].
   *
   * @throws IllegalArgumentException if exp's domain does not contain the logit interval or the
   *     scaled sums {@code sumScale * S} can leave the inverse's domain
   */
  public static Softmax withoutMax(Interval logits, int length, Approximation exp, NewtonScheme inverse,
      double sumScale) {
    Softmax s = new Softmax(null, exp, inverse, sumScale, length, length, logits);
    s.validate();
    return s;
  }

  /**
   * Softmax with an approximate row max subtracted: rows of 1 to {@code maxLength} inputs in
   * {@code max.rowInterval(maxLength)}.
   *
   * @throws IllegalArgumentException as {@link #withoutMax}
   */
  public static Softmax withMax(PairwiseMax max, int maxLength, Approximation exp, NewtonScheme inverse,
      double sumScale) {
    Softmax s = new Softmax(max, exp, inverse, sumScale, 1, maxLength, max.rowInterval(maxLength));
    s.validate();
    return s;
  }

  private void validate() {
    if (maxLength < 1 || !(sumScale > 0)) {
      throw new IllegalArgumentException("need maxLength >= 1 and sumScale > 0, got " + maxLength + ", " + sumScale);
    }
    Interval shifted = shiftedInterval();
    if (!(exp.domain().lo() <= shifted.lo() && exp.domain().hi() >= shifted.hi())) {
      throw new IllegalArgumentException("exp domain " + exp.domain() + " does not contain the softmax exp inputs "
          + shifted);
    }
    for (int n = minLength; n <= maxLength; n++) {
      double lo = sumScale * sumMin(n);
      double hi = sumScale * sumMax(n);
      if (!(lo > 0) || !inverse.domain().contains(lo) || !inverse.domain().contains(hi)) {
        throw new IllegalArgumentException("inverse domain " + inverse.domain() + " does not contain the scaled sums ["
            + lo + ", " + hi + "] of rows of length " + n);
      }
    }
  }

  private double tau() {
    return max == null ? 0 : max.rowErrorBound(maxLength);
  }

  /** The interval of the exp inputs z_i - m. */
  public Interval shiftedInterval() {
    if (max == null) {
      return logits;
    }
    return new Interval(-2 * logits.hi() - tau(), tau());
  }

  private double sumMin(int n) {
    double eps = exp.errorBound();
    return max == null ? n * (Math.exp(logits.lo()) - eps) : Math.exp(-tau()) - n * eps;
  }

  private double sumMax(int n) {
    double eps = exp.errorBound();
    return n * (Math.exp(shiftedInterval().hi()) + eps);
  }

  /** The admissible inputs. */
  public Interval logits() {
    return logits;
  }

  /** The shortest admissible row. */
  public int minLength() {
    return minLength;
  }

  /** The longest admissible row. */
  public int maxLength() {
    return maxLength;
  }

  /** The row max, or null when no max is subtracted. */
  public PairwiseMax max() {
    return max;
  }

  /** The exp approximation. */
  public Approximation exp() {
    return exp;
  }

  /** The inverse scheme. */
  public NewtonScheme inverse() {
    return inverse;
  }

  /** sigma, the factor applied to the sum before the inverse (and to the inverse after). */
  public double sumScale() {
    return sumScale;
  }

  /** The depth for rows of length n. */
  public int depth(int n) {
    return (max == null ? 0 : max.rowDepth(n)) + exp.depth() + inverse.depth() + 1;
  }

  /**
   * The certified max |p_i - softmax(z)_i| for rows of length n.
   *
   * @throws IllegalArgumentException if n is not in [1, maxLength]
   */
  public double errorBound(int n) {
    if (n < minLength || n > maxLength) {
      throw new IllegalArgumentException("row length " + n + " outside [" + minLength + ", " + maxLength + "]");
    }
    double rho = inverse.relativeErrorBound();
    return exp.errorBound() * (1 + n) * (1 + rho) / sumMin(n) + rho + 16 * n * ErrorCertifier.UNIT_ROUNDOFF;
  }

  /**
   * Evaluates one row; {@code out} may alias {@code z}.
   *
   * @throws IllegalArgumentException if the lengths differ or are not in [minLength, maxLength]
   * @throws OutOfRangeException per the policy for inputs outside {@link #logits()} (and, under a
   *     non-throwing policy, for intermediates that still leave a component's interval)
   */
  public void evaluate(double[] z, double[] out, RangePolicy policy) {
    int n = z.length;
    if (n != out.length || n < minLength || n > maxLength) {
      throw new IllegalArgumentException("row lengths " + n + " and " + out.length + " must be equal and in ["
          + minLength + ", " + maxLength + "]");
    }
    for (int i = 0; i < n; i++) {
      policy.admit("softmax", logits, z[i]);
    }
    double m = max == null ? 0 : max.rowMax(z, policy);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double e = exp.evaluate(z[i] - m, policy);
      out[i] = e;
      sum += e;
    }
    double g = sumScale * inverse.evaluate(sumScale * sum, policy);
    for (int i = 0; i < n; i++) {
      out[i] = out[i] * g;
    }
  }

  @Override
  public String toString() {
    return "Softmax[" + (max == null ? "no max" : "row max") + ", logits " + logits + ", n in [" + minLength + ", "
        + maxLength + "]"
        + ", exp " + exp + ", inverse " + inverse + "]";
  }
}
