package io.heformer.approx;

import io.heformer.approx.fit.ErrorCertifier;
import io.heformer.approx.fit.RemezExchange;
import java.util.function.DoubleUnaryOperator;

/**
 * exp(x) on [lo, hi] (hi small, typically 0) as exp(x) = exp(x / 2^r)^(2^r): a base polynomial
 * q(y) ~ exp(y) on [lo / 2^r, hi / 2^r] followed by r squarings.
 *
 * <ul>
 *   <li>Power form {@link #power}: q(y) = 1 + y (Taylor, affine so folded: depth 0), giving
 *       (1 + x/2^k)^(2^k), the paper's Gaussian-kernel exp with k = 14. For -2^k &lt;= x &lt;= 0,
 *       0 &lt;= e^x - (1 + x/n)^n &lt;= x^2 e^x / n &lt;= 4 e^-2 / n (n = 2^k). Below -2^k the base
 *       turns negative and the result is wrong, so the domain requires lo &gt;= -2^k.
 *   <li>Polynomial form {@link #polynomial}: q is the relative minimax polynomial of exp of degree
 *       d; with |q/exp - 1| &lt;= eta the result errs by at most e^hi ((1 + eta)^(2^r) - 1).
 * </ul>
 * Operation sequence: y = q(x / 2^r) (Clenshaw; the exact power-of-two scaling and the map of q
 * folded), then r times y = y y. Depth:
 * depth(q) + r. The certificate samples the whole composite on a dense grid and also covers the
 * bounds above.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExpBySquaring implements Approximation {

  private static final double POWER_FORM_CONSTANT = 4 * Math.exp(-2);

  private final Interval domain;
  private final ChebyshevSeries base;
  private final int squarings;
  private final double errorBound;
  private final double inverseScale;

  private ExpBySquaring(Interval domain, ChebyshevSeries base, int squarings, double errorBound) {
    this.inverseScale = Math.scalb(1.0, -squarings);
    this.domain = domain;
    this.base = base;
    this.squarings = squarings;
    this.errorBound = errorBound;
  }

  /**
   * The power form (1 + x/2^k)^(2^k) on [lo, hi].
   *
   * @throws IllegalArgumentException if k is not in [0, 40] or lo &lt; -2^k
   */
  public static ExpBySquaring power(Interval domain, int k) {
    if (k < 0 || k > 40) {
      throw new IllegalArgumentException("power-form exponent k must lie in [0, 40], got " + k);
    }
    double n = Math.scalb(1.0, k);
    if (domain.lo() < -n) {
      throw new IllegalArgumentException("(1 + x/2^" + k + ")^(2^" + k + ") is wrong below -2^" + k + " = " + -n
          + ", but the domain is " + domain);
    }
    Interval b = domain.scaled(1 / n);
    double[] c = {1 + b.mid(), 0.5 * b.width()};
    ChebyshevSeries q = ChebyshevSeries.of("exp base 1+y", b, c, Parity.detect(c), 0.0, 0.0, FitMethod.TAYLOR);
    return certified(domain, q, k);
  }

  /**
   * The smallest k whose power form meets an absolute error target on [lo, hi]: 2^k &gt;= -lo and
   * 4 e^-2 / 2^k &lt;= target.
   *
   * @throws IllegalArgumentException if k would exceed 40
   */
  public static ExpBySquaring powerForTarget(Interval domain, double target) {
    int k = 0;
    while (k <= 40 && (Math.scalb(1.0, k) < -domain.lo() || POWER_FORM_CONSTANT / Math.scalb(1.0, k) > target)) {
      k++;
    }
    return power(domain, k);
  }

  /**
   * The polynomial form: relative minimax base of the given degree on [lo/2^r, hi/2^r], r
   * squarings.
   *
   * @throws IllegalArgumentException if r is not in [0, 40] or the degree is negative
   */
  public static ExpBySquaring polynomial(Interval domain, int degree, int r) {
    if (r < 0 || r > 40) {
      throw new IllegalArgumentException("squarings r must lie in [0, 40], got " + r);
    }
    Interval b = domain.scaled(1 / Math.scalb(1.0, r));
    DoubleUnaryOperator f = Math::exp;
    RemezExchange.Result fit = RemezExchange.minimax("exp base", f, RemezExchange.relative(f), b, degree, Parity.NONE, 0);
    return certified(domain, fit.series(), r);
  }

  /**
   * The least-depth polynomial form meeting an absolute error target, over degrees 2^j - 1
   * (j = 1..7) and r = 0..30, predicted from the base's certified relative error and then
   * certified; ties go to the smaller degree.
   *
   * @throws IllegalArgumentException if no candidate reaches the target
   */
  public static ExpBySquaring forTarget(Interval domain, double target) {
    for (int depth = 1; depth <= 40; depth++) {
      for (int j = 1; j <= 7; j++) {
        int degree = (1 << j) - 1;
        int r = depth - (degree <= 1 ? 0 : j);
        if (r < 0 || r > 30 || domain.width() / Math.scalb(1.0, r) > 64) {
          continue;
        }
        Interval b = domain.scaled(1 / Math.scalb(1.0, r));
        DoubleUnaryOperator f = Math::exp;
        RemezExchange.Result fit = RemezExchange.minimax("exp base", f, RemezExchange.relative(f), b, degree,
            Parity.NONE, 0);
        double predicted = Math.exp(domain.hi()) * Math.expm1(Math.scalb(Math.log1p(fit.weightedErrorBound()), r));
        if (predicted <= 0.9 * target) {
          ExpBySquaring e = certified(domain, fit.series(), r);
          if (e.errorBound() <= target) {
            return e;
          }
        }
      }
    }
    throw new IllegalArgumentException("no exp-by-squaring on " + domain + " reaches error " + target);
  }

  private static ExpBySquaring certified(Interval domain, ChebyshevSeries base, int r) {
    ExpBySquaring raw = new ExpBySquaring(domain, base, r, 0);
    ErrorCertifier.Sample s = ErrorCertifier.sample(Math::exp, raw::evaluateUnchecked, null, domain.lo(), domain.hi(),
        Math.max(64 * (base.degree() + 1) + 1, 20001));
    double qMin = Math.exp(base.interval().lo()) * 0.5;
    double floor = Math.exp(domain.hi()) * Math.scalb(1.0, r + 1)
        * (ErrorCertifier.clenshawRoundingFloor(base) / qMin + 2 * ErrorCertifier.UNIT_ROUNDOFF);
    return new ExpBySquaring(domain, base, r, ErrorCertifier.bound(s.maxError(), floor));
  }

  /** The base polynomial q on [lo/2^r, hi/2^r]. */
  public ChebyshevSeries base() {
    return base;
  }

  /** r, the number of squarings. */
  public int squarings() {
    return squarings;
  }

  /** Whether the base is the Taylor polynomial 1 + y (the power form). */
  public boolean isPowerForm() {
    return base.method() == FitMethod.TAYLOR;
  }

  @Override
  public String function() {
    return "exp";
  }

  @Override
  public Interval domain() {
    return domain;
  }

  @Override
  public int depth() {
    return base.depth() + squarings;
  }

  @Override
  public double errorBound() {
    return errorBound;
  }

  @Override
  public double evaluate(double x, RangePolicy policy) {
    return evaluateUnchecked(policy.admit("exp", domain, x));
  }

  /** q(x / 2^r) squared r times, without a range check. */
  public double evaluateUnchecked(double x) {
    double y = base.evaluateUnchecked(x * inverseScale);
    for (int i = 0; i < squarings; i++) {
      y = y * y;
    }
    return y;
  }

  @Override
  public String toString() {
    return "ExpBySquaring[" + domain + ", base degree " + base.degree() + (isPowerForm() ? " (1+y)" : "") + ", "
        + squarings + " squarings, error <= " + errorBound + ", depth " + depth() + "]";
  }
}
