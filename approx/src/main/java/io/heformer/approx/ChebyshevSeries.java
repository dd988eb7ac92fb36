package io.heformer.approx;

import java.util.Arrays;

/**
 * A polynomial p(x) = sum_{k=0..d} c_k T_k(t), t = alpha x + beta, with alpha = 2/(b - a) and
 * beta = -(a + b)/(b - a) mapping [a, b] onto [-1, 1], together with a certified bound on its
 * error against the function it approximates.
 *
 * <p>Coefficient convention: c_0 multiplies T_0 = 1 in full (it is <em>not</em> halved as in some
 * texts). {@link #parity()} refers to the variable t; on a symmetric interval it is parity in x.
 *
 * <p>Depth convention ({@link #depth()}): ceil(log2(d + 1)) levels for d &gt;= 2, the depth of
 * baby-step giant-step evaluation in the Chebyshev basis including the level of the scalar
 * coefficient products, with the affine map t = alpha x + beta folded into the producer of x.
 * A degree-0 or degree-1 series is affine in x and also folded: depth 0. When the map cannot be
 * folded it costs {@link #mapDepth()} more (1 unless alpha is an integer, since products by
 * integers and additions of constants consume no level in CKKS).
 *
 * <p>Certificate: {@link #errorBound()} bounds |f(x) - evaluate(x)| for x in the interval with
 * |x| &gt;= {@link #excludedRadius()} (0 for ordinary fits; the gap of a sign stage), obtained as
 * described in {@link io.heformer.approx.fit.ErrorCertifier}.
 *
 * <p>Immutable and thread-safe; evaluation allocates nothing.
 */
public final class ChebyshevSeries implements Approximation {

  private final String function;
  private final Interval interval;
  private final double[] coefficients;
  private final Parity parity;
  private final double errorBound;
  private final double excludedRadius;
  private final FitMethod method;
  private final double alpha;
  private final double beta;

  private ChebyshevSeries(String function, Interval interval, double[] coefficients, Parity parity,
      double errorBound, double excludedRadius, FitMethod method) {
    this.function = function;
    this.interval = interval;
    this.coefficients = coefficients;
    this.parity = parity;
    this.errorBound = errorBound;
    this.excludedRadius = excludedRadius;
    this.method = method;
    this.alpha = 2.0 / interval.width();
    this.beta = -(interval.lo() + interval.hi()) / interval.width();
  }

  /**
   * Creates a series (the array is copied).
   *
   * @param function name of the approximated function
   * @param interval [a, b]
   * @param coefficients c_0..c_d, d = length - 1 (at least one coefficient)
   * @param parity the declared parity; coefficients it excludes must be exactly 0. Pass
   *     {@link Parity#detect(double[])} to detect it.
   * @param errorBound certified absolute error (finite, &gt;= 0)
   * @param excludedRadius radius of the excluded gap around x = 0 (&gt;= 0; 0 for none)
   * @param method how the coefficients were produced
   * @throws IllegalArgumentException on an empty or non-finite coefficient array, a parity
   *     violated by a coefficient, or an invalid bound
   */
  public static ChebyshevSeries of(String function, Interval interval, double[] coefficients,
      Parity parity, double errorBound, double excludedRadius, FitMethod method) {
    if (coefficients.length == 0) {
      throw new IllegalArgumentException("a Chebyshev series needs at least one coefficient");
    }
    double[] c = coefficients.clone();
    for (int k = 0; k < c.length; k++) {
      if (!Double.isFinite(c[k])) {
        throw new IllegalArgumentException("coefficient c_" + k + " of " + function + " is " + c[k]);
      }
      if (!parity.admits(k) && c[k] != 0.0) {
        throw new IllegalArgumentException("coefficient c_" + k + " = " + c[k] + " of " + function
            + " violates declared parity " + parity);
      }
    }
    if (!(errorBound >= 0) || !Double.isFinite(errorBound)) {
      throw new IllegalArgumentException("error bound of " + function + " must be finite and >= 0, got "
          + errorBound);
    }
    if (!(excludedRadius >= 0) || !Double.isFinite(excludedRadius)) {
      throw new IllegalArgumentException("excluded radius must be finite and >= 0, got " + excludedRadius);
    }
    return new ChebyshevSeries(function, interval, c, parity, errorBound, excludedRadius, method);
  }

  /** The same polynomial with another name and certificate (used when composing). */
  public ChebyshevSeries withCertificate(String newFunction, double newErrorBound, double newExcludedRadius) {
    return of(newFunction, interval, coefficients, parity, newErrorBound, newExcludedRadius, method);
  }

  /** The same polynomial with every coefficient multiplied by {@code s}; the bound is scaled by |s|. */
  public ChebyshevSeries scaled(String newFunction, double s) {
    double[] c = coefficients.clone();
    for (int k = 0; k < c.length; k++) {
      c[k] *= s;
    }
    return of(newFunction, interval, c, parity, errorBound * Math.abs(s), excludedRadius, method);
  }

  @Override
  public String function() {
    return function;
  }

  @Override
  public Interval domain() {
    return interval;
  }

  /** [a, b], the interval mapped onto [-1, 1] (same as {@link #domain()}). */
  public Interval interval() {
    return interval;
  }

  /** d, the index of the last stored coefficient. */
  public int degree() {
    return coefficients.length - 1;
  }

  /** c_k (0 for k &gt; d). */
  public double coefficient(int k) {
    return k < coefficients.length ? coefficients[k] : 0.0;
  }

  /** A copy of c_0..c_d. */
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** The declared parity in t. */
  public Parity parity() {
    return parity;
  }

  /** How the coefficients were produced. */
  public FitMethod method() {
    return method;
  }

  @Override
  public double errorBound() {
    return errorBound;
  }

  /** Inputs with |x| below this radius are excluded from the certificate (0: none excluded). */
  public double excludedRadius() {
    return excludedRadius;
  }

  /** alpha = 2/(b - a) of the map t = alpha x + beta. */
  public double mapScale() {
    return alpha;
  }

  /** beta = -(a + b)/(b - a) of the map t = alpha x + beta. */
  public double mapShift() {
    return beta;
  }

  /** ceil(log2(d + 1)) for d &gt;= 2, else 0; see the class comment. */
  @Override
  public int depth() {
    int d = degree();
    return d <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(d);
  }

  /** Levels the map t = alpha x + beta costs when not folded: 0 if alpha is an integer, else 1. */
  public int mapDepth() {
    return alpha == Math.rint(alpha) ? 0 : 1;
  }

  /** sum |c_k|, a bound on |p| over the interval and the scale of its rounding error. */
  public double absoluteCoefficientSum() {
    double s = 0;
    for (double c : coefficients) {
      s += Math.abs(c);
    }
    return s;
  }

  @Override
  public double evaluate(double x, RangePolicy policy) {
    return evaluateUnchecked(policy.admit(function, interval, x));
  }

  /**
   * Evaluates without a range check (composites check their own input once). Clenshaw's
   * recurrence b_k = c_k + 2t b_{k+1} - b_{k+2}, p = c_0 + t b_1 - b_2: backward stable, error
   * about (d + 1) u sum |c_k|.
   */
  public double evaluateUnchecked(double x) {
    return clenshaw(coefficients, alpha * x + beta);
  }

  /** Clenshaw summation of sum c_k T_k(t); allocation-free. */
  public static double clenshaw(double[] c, double t) {
    double b1 = 0;
    double b2 = 0;
    double twoT = 2 * t;
    for (int k = c.length - 1; k >= 1; k--) {
      double b0 = c[k] + twoT * b1 - b2;
      b2 = b1;
      b1 = b0;
    }
    return c[0] + t * b1 - b2;
  }

  @Override
  public String toString() {
    return "ChebyshevSeries[" + function + " on " + interval + ", degree " + degree() + ", " + parity
        + ", " + method + ", error <= " + errorBound + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChebyshevSeries s && function.equals(s.function) && interval.equals(s.interval)
        && Arrays.equals(coefficients, s.coefficients) && parity == s.parity
        && errorBound == s.errorBound && excludedRadius == s.excludedRadius && method == s.method;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * function.hashCode() + interval.hashCode()) + Arrays.hashCode(coefficients);
  }
}
