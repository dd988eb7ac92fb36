package io.heformer.approx;

import io.heformer.approx.fit.ErrorCertifier;
import io.heformer.approx.fit.RemezExchange;
import java.util.function.DoubleUnaryOperator;

/**
 * 1/x or 1/sqrt(x) on [a, b] (0 &lt; a &lt; b): a relative-minimax polynomial start y_0 = p(x)
 * followed by k Newton iterations.
 *
 * <p>Operation sequence per iteration, exactly as the encrypted evaluator performs it:
 * <ul>
 *   <li>{@link Kind#INVERSE}: t = x y; y = y (2 - t). Two levels. With e = 1 - x y the relative
 *       error squares: e_{k+1} = e_k^2.
 *   <li>{@link Kind#INVERSE_SQRT}: h = 0.5 x (once, off the critical path); s = y y; t = h y;
 *       y = 1.5 y - s t. Two levels (y y and h y in parallel, then their product; 1.5 y is
 *       ready in time). With y = (1 + e)/sqrt(x): e_{k+1} = -(3/2) e_k^2 - (1/2) e_k^3.
 * </ul>
 * Depth: depth(p) + 2k (the affine map of p folded, see {@link Approximation}).
 *
 * <p>Certificates: {@link #startRelativeError()} certifies max |x^s p(x) - 1| of the start
 * (s = 1 or 1/2); {@link #relativeErrorBound()} certifies the whole scheme's relative error by
 * sampling it (and is checked against the recurrence's prediction); {@link #errorBound()} is the
 * absolute bound relativeErrorBound * f(a), f being decreasing.
 *
 * <p>Immutable and thread-safe.
 */
public final class NewtonScheme implements Approximation {

  /** Which function the scheme approximates. */
  public enum Kind {
    /** 1/x, iteration y (2 - x y). */
    INVERSE("inverse") {
      @Override
      public double exact(double x) {
        return 1.0 / x;
      }

      @Override
      public double nextRelativeError(double e) {
        return e * e;
      }
    },
    /** 1/sqrt(x), iteration 1.5 y - (y y)(0.5 x y). */
    INVERSE_SQRT("inverse sqrt") {
      @Override
      public double exact(double x) {
        return 1.0 / Math.sqrt(x);
      }

      @Override
      public double nextRelativeError(double e) {
        return 1.5 * e * e + 0.5 * e * e * e;
      }
    };

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The function name used in messages. */
    public String label() {
      return label;
    }

    /** The exact function value. */
    public abstract double exact(double x);

    /** A bound on the relative error after one iteration from relative error bound e &gt;= 0. */
    public abstract double nextRelativeError(double e);
  }

  private final Kind kind;
  private final Interval domain;
  private final ChebyshevSeries start;
  private final int iterations;
  private final double startRelativeError;
  private final double relativeErrorBound;

  private NewtonScheme(Kind kind, Interval domain, ChebyshevSeries start, int iterations,
      double startRelativeError, double relativeErrorBound) {
    this.kind = kind;
    this.domain = domain;
    this.start = start;
    this.iterations = iterations;
    this.startRelativeError = startRelativeError;
    this.relativeErrorBound = relativeErrorBound;
  }

  /**
   * Generates the start (relative minimax of the given degree on [a, b]) and certifies the scheme.
   *
   * @param degree degree of the start polynomial (0 gives a constant guess)
   * @param iterations k &gt;= 0
   * @throws IllegalArgumentException if a &lt;= 0, degree &lt; 0, k &lt; 0, or the start does not lie
   *     in the convergence region (relative error &gt;= 1)
   */
  public static NewtonScheme generate(Kind kind, Interval domain, int degree, int iterations) {
    if (!(domain.lo() > 0)) {
      throw new IllegalArgumentException(kind.label() + " needs an interval of positive numbers, got " + domain);
    }
    if (degree < 0 || iterations < 0 || iterations > 64) {
      throw new IllegalArgumentException("need degree >= 0 and 0 <= iterations <= 64, got degree " + degree
          + ", iterations " + iterations);
    }
    DoubleUnaryOperator f = kind::exact;
    RemezExchange.Result fit = RemezExchange.minimax(kind.label() + " start", f, RemezExchange.relative(f), domain,
        degree, Parity.NONE, 0.0);
    return of(kind, fit.series(), iterations);
  }

  /**
   * Wraps a given start polynomial (on the scheme's interval) and certifies the scheme.
   *
   * @throws IllegalArgumentException as {@link #generate}
   */
  public static NewtonScheme of(Kind kind, ChebyshevSeries start, int iterations) {
    Interval domain = start.interval();
    if (!(domain.lo() > 0)) {
      throw new IllegalArgumentException(kind.label() + " needs an interval of positive numbers, got " + domain);
    }
    DoubleUnaryOperator f = kind::exact;
    DoubleUnaryOperator rel = RemezExchange.relative(f);
    double e0 = ErrorCertifier.certifySeries(start, f, rel, domain.lo(), domain.hi());
    if (!(e0 < 1)) {
      throw new IllegalArgumentException(kind.label() + " start of degree " + start.degree() + " on " + domain
          + " has relative error " + e0 + " >= 1: Newton would not converge; raise the degree");
    }
    NewtonScheme raw = new NewtonScheme(kind, domain, start, iterations, e0, 0);
    int d = Math.max(start.degree(), 1);
    ErrorCertifier.Sample s = ErrorCertifier.sample(f, raw::evaluateUnchecked, rel, domain.lo(), domain.hi(),
        Math.max(64 * (d + 1) + 1, 4097));
    double floor = iterations == 0 ? ErrorCertifier.clenshawRoundingFloor(start) * s.maxWeight()
        : 16 * (iterations + 1) * ErrorCertifier.UNIT_ROUNDOFF;
    double bound = ErrorCertifier.bound(s.maxError(), floor);
    return new NewtonScheme(kind, domain, start, iterations, e0, bound);
  }

  /**
   * The least-depth scheme (then the least degree) whose certified relative error is at most
   * {@code target}, over start degrees 2^j - 1 (j = 0..7, degree 0 for j = 0) and k = 0..8.
   *
   * @throws IllegalArgumentException if no such scheme exists
   */
  public static NewtonScheme forTarget(Kind kind, Interval domain, double target) {
    NewtonScheme best = null;
    for (int depth = 0; depth <= 30 && best == null; depth++) {
      for (int j = 0; j <= 7 && best == null; j++) {
        int degree = (1 << j) - 1;
        int polyDepth = degree <= 1 ? 0 : j;
        int rest = depth - polyDepth;
        if (rest < 0 || (rest & 1) == 1 || rest / 2 > 8) {
          continue;
        }
        try {
          NewtonScheme s = generate(kind, domain, degree, rest / 2);
          if (s.relativeErrorBound() <= target) {
            best = s;
          }
        } catch (IllegalArgumentException notConvergent) {
          // this start is too coarse for Newton; try the next one
        }
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("no " + kind.label() + " scheme on " + domain + " reaches relative error "
          + target);
    }
    return best;
  }

  /** Which function. */
  public Kind kind() {
    return kind;
  }

  /** The start polynomial y_0 = p(x). */
  public ChebyshevSeries start() {
    return start;
  }

  /** k. */
  public int iterations() {
    return iterations;
  }

  /** Certified max relative error of the start. */
  public double startRelativeError() {
    return startRelativeError;
  }

  /** The recurrence's bound on the relative error after k iterations (exact arithmetic). */
  public double predictedRelativeError() {
    double e = startRelativeError;
    for (int i = 0; i < iterations; i++) {
      e = kind.nextRelativeError(e);
    }
    return e;
  }

  /** Certified max |f(x) - evaluate(x)| / f(x) over the interval. */
  public double relativeErrorBound() {
    return relativeErrorBound;
  }

  @Override
  public String function() {
    return kind.label();
  }

  @Override
  public Interval domain() {
    return domain;
  }

  @Override
  public int depth() {
    return start.depth() + 2 * iterations;
  }

  /** relativeErrorBound times max f = f(a). */
  @Override
  public double errorBound() {
    return relativeErrorBound * kind.exact(domain.lo());
  }

  @Override
  public double evaluate(double x, RangePolicy policy) {
    return evaluateUnchecked(policy.admit(kind.label(), domain, x));
  }

  /** The scheme without a range check. */
  public double evaluateUnchecked(double x) {
    double y = start.evaluateUnchecked(x);
    if (kind == Kind.INVERSE) {
      for (int i = 0; i < iterations; i++) {
        double t = x * y;
        y = y * (2 - t);
      }
    } else {
      double h = 0.5 * x;
      for (int i = 0; i < iterations; i++) {
        double s = y * y;
        double t = h * y;
        y = 1.5 * y - s * t;
      }
    }
    return y;
  }

  @Override
  public String toString() {
    return "NewtonScheme[" + kind.label() + " on " + domain + ", start degree " + start.degree() + ", "
        + iterations + " iterations, relative error <= " + relativeErrorBound + ", depth " + depth() + "]";
  }
}
