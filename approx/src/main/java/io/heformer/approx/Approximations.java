package io.heformer.approx;

import io.heformer.approx.fit.ChebyshevInterpolation;
import io.heformer.approx.fit.RemezExchange;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/**
 * Factory for every approximation of the model, from (function, interval, degree or target).
 * Results are generated on first use and cached in memory for the life of the JVM (keyed by all
 * parameters), so repeated requests are free; nothing is read from a stored table.
 *
 * <p>Thread-safe: two threads asking for the same key at once may both generate it, and one
 * result wins; both are equal.
 */
public final class Approximations {

  /** The elementary functions fitted by a single Chebyshev series. */
  public enum Target {
    /** exp(x), absolute error. */
    EXP(Math::exp, false),
    /** tanh(x), absolute error, odd on symmetric intervals. */
    TANH(Math::tanh, false),
    /** 1/x, relative error. */
    INVERSE(x -> 1.0 / x, true),
    /** 1/sqrt(x), relative error. */
    INVERSE_SQRT(x -> 1.0 / Math.sqrt(x), true);

    private final DoubleUnaryOperator f;
    private final boolean relative;

    Target(DoubleUnaryOperator f, boolean relative) {
      this.f = f;
      this.relative = relative;
    }

    /** The exact function. */
    public double exact(double x) {
      return f.applyAsDouble(x);
    }

    /** The function name. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  private static final ConcurrentHashMap<List<Object>, Object> CACHE = new ConcurrentHashMap<>();

  private Approximations() {}

  @SuppressWarnings("unchecked")
  private static <T> T cached(Supplier<T> build, Object... key) {
    List<Object> k = Arrays.asList(key);
    Object v = CACHE.get(k);
    if (v == null) {
      v = build.get();
      Object prev = CACHE.putIfAbsent(k, v);
      if (prev != null) {
        v = prev;
      }
    }
    return (T) v;
  }

  /**
   * The minimax polynomial of f on an interval (relative error for 1/x and 1/sqrt x, odd parity for
   * tanh on a symmetric interval).
   *
   * @throws IllegalArgumentException on invalid arguments
   */
  public static ChebyshevSeries minimax(Target f, Interval interval, int degree) {
    return cached(() -> {
      boolean odd = f == Target.TANH && interval.isSymmetric();
      Parity parity = odd ? Parity.ODD : Parity.NONE;
      DoubleUnaryOperator fx = f::exact;
      DoubleUnaryOperator w = f.relative ? RemezExchange.relative(fx) : RemezExchange.ABSOLUTE;
      return RemezExchange.minimax(f.label(), fx, w, interval, degree, parity, 0.0).series();
    }, "minimax", f, interval, degree);
  }

  /** The Chebyshev interpolant of f (odd parity for tanh on a symmetric interval). */
  public static ChebyshevSeries interpolation(Target f, Interval interval, int degree) {
    return cached(() -> ChebyshevInterpolation.interpolate(f.label(), f::exact, interval, degree,
        f == Target.TANH && interval.isSymmetric() ? Parity.ODD : Parity.NONE), "interpolation", f, interval, degree);
  }

  /** tanh on [-B, B] by an odd minimax polynomial. */
  public static ChebyshevSeries tanh(double bound, int degree) {
    return minimax(Target.TANH, Interval.symmetric(bound), degree);
  }

  /** (1 + x/2^k)^(2^k) on the domain; see {@link ExpBySquaring#power}. */
  public static ExpBySquaring expPower(Interval domain, int k) {
    return cached(() -> ExpBySquaring.power(domain, k), "expPower", domain, k);
  }

  /** Minimax base of the given degree then r squarings; see {@link ExpBySquaring#polynomial}. */
  public static ExpBySquaring expPolynomial(Interval domain, int degree, int r) {
    return cached(() -> ExpBySquaring.polynomial(domain, degree, r), "expPolynomial", domain, degree, r);
  }

  /** The least-depth exp-by-squaring meeting a target; see {@link ExpBySquaring#forTarget}. */
  public static ExpBySquaring expForTarget(Interval domain, double target) {
    return cached(() -> ExpBySquaring.forTarget(domain, target), "expForTarget", domain, target);
  }

  /** 1/x: minimax start of the given degree, then k Newton steps. */
  public static NewtonScheme inverse(Interval domain, int degree, int iterations) {
    return cached(() -> NewtonScheme.generate(NewtonScheme.Kind.INVERSE, domain, degree, iterations),
        "inverse", domain, degree, iterations);
  }

  /** 1/sqrt(x): minimax start of the given degree, then k Newton steps. */
  public static NewtonScheme inverseSqrt(Interval domain, int degree, int iterations) {
    return cached(() -> NewtonScheme.generate(NewtonScheme.Kind.INVERSE_SQRT, domain, degree, iterations),
        "inverseSqrt", domain, degree, iterations);
  }

  /** The least-depth Newton scheme meeting a relative target; see {@link NewtonScheme#forTarget}. */
  public static NewtonScheme newtonForTarget(NewtonScheme.Kind kind, Interval domain, double relativeTarget) {
    return cached(() -> NewtonScheme.forTarget(kind, domain, relativeTarget), "newtonForTarget", kind, domain,
        relativeTarget);
  }

  /** The composite minimax sign with a declared gap. */
  public static CompositeSign sign(double gap, int... degrees) {
    return cached(() -> CompositeSign.minimax(gap, degrees), "sign", gap, Arrays.toString(degrees));
  }

  /** The composite minimax sign with the gap balanced for ReLU and max. */
  public static CompositeSign signBalanced(int... degrees) {
    return cached(() -> CompositeSign.balanced(degrees), "signBalanced", Arrays.toString(degrees));
  }

  /** ReLU on [-B, B] from the balanced composite sign of the given degrees. */
  public static Relu relu(double bound, int... degrees) {
    return cached(() -> Relu.of(signBalanced(degrees), bound), "relu", bound, Arrays.toString(degrees));
  }

  /** max(a, b) on [-R, R] from the balanced composite sign of the given degrees. */
  public static PairwiseMax max(double radius, int... degrees) {
    return cached(() -> PairwiseMax.of(signBalanced(degrees), radius), "max", radius, Arrays.toString(degrees));
  }

  /**
   * The loss softmax of a few logits (no max subtraction): exp by a minimax polynomial of degree
   * {@code expDegree} on the logit interval [lo, hi]; the sum pre-scaled by
   * sigma = 1/(C e^hi (1 + 1/64)) so it lies in (0, 1]; the inverse on
   * [sigma C (e^lo - eps_e) (1 - 1/64), 1] (rows of exactly C logits) with a minimax start of degree {@code inverseDegree} and
   * {@code iterations} Newton steps (0 gives the pure polynomial inverse).
   */
  public static Softmax lossSoftmax(int classes, Interval logits, int expDegree, int inverseDegree, int iterations) {
    return cached(() -> {
      ChebyshevSeries exp = minimax(Target.EXP, logits, expDegree);
      double sigma = 1 / (classes * (Math.exp(logits.hi()) + exp.errorBound()) * (1 + 1.0 / 64));
      double lo = sigma * classes * (Math.exp(logits.lo()) - exp.errorBound()) * (1 - 1.0 / 64);
      NewtonScheme inv = inverse(new Interval(lo, 1), inverseDegree, iterations);
      return Softmax.withoutMax(logits, classes, exp, inv, sigma);
    }, "lossSoftmax", classes, logits, expDegree, inverseDegree, iterations);
  }

  /**
   * The baseline attention softmax over rows of up to n scores in [-B, B]: tournament max with the
   * balanced composite sign of {@code signDegrees} (radius chosen so that [-B, B] is admissible),
   * exp by squaring chosen for {@code expTarget} on the shifted interval, the sum scaled into
   * (0, 1] and inverted by the least-depth Newton scheme for {@code inverseTarget}.
   *
   * @throws IllegalArgumentException if the sign is too coarse for the row length
   */
  public static Softmax rowSoftmax(int maxLength, double bound, double expTarget, double inverseTarget,
      int... signDegrees) {
    return cached(() -> {
      CompositeSign sign = signBalanced(signDegrees);
      double perRadius = Math.max(sign.precision(), sign.gap() * (1 + sign.supremum())) * 1.001;
      double c = PairwiseMax.rounds(maxLength) * perRadius;
      if (!(c < 0.5)) {
        throw new IllegalArgumentException("sign " + sign + " is too coarse for a max over " + maxLength + " values");
      }
      PairwiseMax max = PairwiseMax.of(sign, bound / (1 - c) * (1 + 1.0 / 1024));
      double tau = max.rowErrorBound(maxLength);
      double in = max.rowInterval(maxLength).hi();
      ExpBySquaring exp = expForTarget(new Interval(-2 * in - tau, tau), expTarget);
      double sumHi = maxLength * (Math.exp(tau) + exp.errorBound());
      double sigma = 1 / (sumHi * (1 + 1.0 / 64));
      double lo = sigma * (Math.exp(-tau) - maxLength * exp.errorBound()) * (1 - 1.0 / 64);
      NewtonScheme inv = newtonForTarget(NewtonScheme.Kind.INVERSE, new Interval(lo, 1), inverseTarget);
      return Softmax.withMax(max, maxLength, exp, inv, sigma);
    }, "rowSoftmax", maxLength, bound, expTarget, inverseTarget, Arrays.toString(signDegrees));
  }
}
