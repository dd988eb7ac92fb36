package io.heformer.approx;

import io.heformer.approx.fit.ErrorCertifier;

/**
 * ReLU(x) = x (1 + sign(x))/2 on [-B, B] with a {@link CompositeSign} applied to x/B.
 *
 * <p>Operation sequence (the encrypted one): u = x (1/B) (affine, folded); s = sign(u);
 * r = 0.5 x + x (0.5 s), the 0.5 folded into the last sign stage's coefficients. Depth: the
 * sign's depth + 1.
 *
 * <p>Certificate (rigorous given the sign's certificates): |r - ReLU(x)| = |x| |s - sign| / 2,
 * which is at most B delta / 2 for |x| &gt;= eps B and at most eps B (1 + S) / 2 inside the gap,
 * with delta the sign's precision and S its supremum; plus a rounding floor.
 *
 * <p>Immutable and thread-safe.
 */
public final class Relu implements Approximation {

  private final CompositeSign sign;
  private final double bound;
  private final Interval domain;
  private final double errorBound;

  private Relu(CompositeSign sign, double bound) {
    this.sign = sign;
    this.bound = bound;
    this.domain = Interval.symmetric(bound);
    double outside = bound * sign.precision() / 2;
    double inside = sign.gap() * bound * (1 + sign.supremum()) / 2;
    this.errorBound = Math.max(outside, inside) + 16 * ErrorCertifier.UNIT_ROUNDOFF * bound * (1 + sign.supremum());
  }

  /**
   * ReLU on [-B, B] from a composite sign.
   *
   * @throws IllegalArgumentException if B is not finite and positive
   */
  public static Relu of(CompositeSign sign, double bound) {
    if (!(bound > 0) || !Double.isFinite(bound)) {
      throw new IllegalArgumentException("ReLU input bound B must be finite and positive, got " + bound);
    }
    return new Relu(sign, bound);
  }

  /** The sign approximation used. */
  public CompositeSign sign() {
    return sign;
  }

  /** B: inputs are scaled by 1/B before the sign. */
  public double bound() {
    return bound;
  }

  @Override
  public String function() {
    return "relu";
  }

  @Override
  public Interval domain() {
    return domain;
  }

  @Override
  public int depth() {
    return sign.depth() + 1;
  }

  @Override
  public double errorBound() {
    return errorBound;
  }

  @Override
  public double evaluate(double x, RangePolicy policy) {
    double v = policy.admit("relu", domain, x);
    double s = sign.evaluateUnchecked(v * (1.0 / bound));
    return 0.5 * v + v * (0.5 * s);
  }

  /**
   * The approximate derivative saved for the backward pass: 0.5 + 0.5 s(x/B), the step function
   * as the encrypted model computes it (no extra depth beyond the sign).
   *
   * @throws OutOfRangeException per the policy
   */
  public double derivative(double x, RangePolicy policy) {
    double v = policy.admit("relu'", domain, x);
    return 0.5 + 0.5 * sign.evaluateUnchecked(v * (1.0 / bound));
  }

  @Override
  public String toString() {
    return "Relu[B " + bound + ", " + sign + ", error <= " + errorBound + "]";
  }
}
