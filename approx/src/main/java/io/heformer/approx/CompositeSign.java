package io.heformer.approx;

import io.heformer.approx.fit.ErrorCertifier;
import io.heformer.approx.fit.RemezExchange;
import java.util.Arrays;

/**
 * sign(x) on [-1, 1] as a composition s = p_k o ... o p_1 of odd polynomials, certified outside
 * a gap (-eps, eps): |s(x) - sign(x)| &lt;= {@link #precision()} for eps &lt;= |x| &lt;= 1, and
 * |s(x)| &lt;= {@link #supremum()} everywhere on [-1, 1].
 *
 * <p><b>Construction</b> (the composite minimax idea of Lee, Lee, Kim and No, "Minimax
 * approximation of sign function by composite polynomial for homomorphic comparison", 2021):
 * stage 1 is the odd minimax polynomial of sign on [-1, -l_1] U [l_1, 1], l_1 = eps, with
 * certified error delta_1; it maps that set into +-[1 - delta_1, 1 + delta_1]. Every stage but the
 * last is divided by (1 + delta_i), so its image is +-[l_{i+1}, 1] with
 * l_{i+1} = (1 - delta_i)/(1 + delta_i), which is the approximation set of the next stage. Every
 * stage therefore lives on [-1, 1] (no affine map, no level for it) and is generated here by
 * {@link RemezExchange}; no coefficient is stored in the source.
 *
 * <p>A stage whose minimax error on +-[l_i, 1] would fall below 2^-36 is refit on the wider set
 * +-[1 - 2^j (1 - l_i), 1] (the smallest j that lifts its error above 2^-36): closer to the
 * rounding floor the exchange fits noise and the polynomial, free on the gap, can reach values far
 * above 1 there, which ReLU and max multiply by |x|. A wider set still contains the previous
 * stage's image, so the precision certificate is unaffected except that it stops improving near
 * 2^-36.
 *
 * <p>Depth: the sum of the stage depths, ceil(log2(d_i + 1)) each (odd baby-step giant-step).
 * Evaluation: stage by stage with Clenshaw, the input checked once against [-1, 1].
 *
 * <p>Immutable and thread-safe.
 */
public final class CompositeSign implements Approximation {

  private static final Interval UNIT = Interval.symmetric(1.0);

  /** Stage errors below 2^-36 are not pursued (see {@link #minimax}). */
  static final double STAGE_ERROR_FLOOR = 0x1p-36;

  private final ChebyshevSeries[] stages;
  private final double gap;
  private final double precision;
  private final double supremum;

  private CompositeSign(ChebyshevSeries[] stages, double gap, double precision, double supremum) {
    this.stages = stages;
    this.gap = gap;
    this.precision = precision;
    this.supremum = supremum;
  }

  /**
   * Generates the composite minimax sign for a gap and a list of odd stage degrees.
   *
   * @param gap eps in (0, 1)
   * @param degrees odd degrees d_1..d_k (k &gt;= 1), e.g. 15, 15, 27 as in the paper
   * @throws IllegalArgumentException if eps is not in (0, 1), a degree is even or &lt; 1, or a
   *     stage cannot improve on its input set (its minimax error is &gt;= 1)
   */
  public static CompositeSign minimax(double gap, int... degrees) {
    return certified(stages(gap, degrees), gap);
  }

  private static ChebyshevSeries[] stages(double gap, int... degrees) {
    if (!(gap > 0 && gap < 1)) {
      throw new IllegalArgumentException("sign gap eps must lie in (0, 1), got " + gap);
    }
    if (degrees.length == 0) {
      throw new IllegalArgumentException("a composite sign needs at least one stage");
    }
    ChebyshevSeries[] stages = new ChebyshevSeries[degrees.length];
    double l = gap;
    for (int i = 0; i < degrees.length; i++) {
      int d = degrees[i];
      if (d < 1 || (d & 1) == 0) {
        throw new IllegalArgumentException("stage degrees must be odd and >= 1, got " + Arrays.toString(degrees));
      }
      String name = "sign stage " + (i + 1);
      RemezExchange.Result r = RemezExchange.minimax(name, Math::signum, RemezExchange.ABSOLUTE, UNIT, d,
          Parity.ODD, l);
      while (r.series().errorBound() < STAGE_ERROR_FLOOR) {
        // Below the floor the exchange fits rounding noise and the polynomial is wild on the gap:
        // refit on a wider set (a superset of the image of the previous stages, so still valid).
        l = 1 - 2 * (1 - l);
        r = RemezExchange.minimax(name, Math::signum, RemezExchange.ABSOLUTE, UNIT, d, Parity.ODD, l);
      }
      double delta = r.series().errorBound();
      if (!(delta < 1)) {
        throw new IllegalArgumentException("sign stage " + (i + 1) + " of degree " + d + " cannot separate inputs "
            + "of magnitude >= " + l + ": its minimax error is " + delta + " (raise the degree or the gap)");
      }
      if (i < degrees.length - 1) {
        stages[i] = r.series().scaled(name, 1.0 / (1 + delta));
        l = (1 - delta) / (1 + delta);
      } else {
        stages[i] = r.series();
      }
    }
    return stages;
  }

  /**
   * The composite for the given degrees whose gap eps balances the two error terms of
   * {@link Relu} and {@link PairwiseMax}: the precision delta outside the gap against the gap
   * itself, delta(eps) ~ 2 eps (both terms then contribute alike to |x| |s - sign| / 2). Found by
   * bisection on log2 eps in [2^-30, 2^-1] using the stage certificates (the last stage's certified
   * error bounds the composite's precision), then certified once.
   *
   * @throws IllegalArgumentException if the degrees are invalid
   */
  public static CompositeSign balanced(int... degrees) {
    double lo = -30;
    double hi = -1;
    for (int it = 0; it < 16; it++) {
      double mid = 0.5 * (lo + hi);
      double eps = Math.pow(2, mid);
      double delta;
      try {
        delta = stages(eps, degrees)[degrees.length - 1].errorBound();
      } catch (IllegalArgumentException tooSmallGap) {
        delta = Double.POSITIVE_INFINITY;
      }
      if (delta > 2 * eps) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return certified(stages(Math.pow(2, hi), degrees), Math.pow(2, hi));
  }

  /**
   * Wraps given odd stages on [-1, 1] and certifies them (for tests and externally built families).
   *
   * @throws IllegalArgumentException if a stage is not odd on [-1, 1] or eps is not in (0, 1)
   */
  public static CompositeSign of(ChebyshevSeries[] stages, double gap) {
    if (!(gap > 0 && gap < 1) || stages.length == 0) {
      throw new IllegalArgumentException("need eps in (0, 1) and at least one stage, got eps = " + gap
          + ", " + stages.length + " stages");
    }
    for (ChebyshevSeries s : stages) {
      if (!s.interval().equals(UNIT) || s.parity() != Parity.ODD) {
        throw new IllegalArgumentException("composite sign stages must be odd series on [-1, 1], got " + s);
      }
    }
    return certified(stages.clone(), gap);
  }

  private static CompositeSign certified(ChebyshevSeries[] stages, double gap) {
    CompositeSign raw = new CompositeSign(stages, gap, 0, 0);
    int grid = Math.max(64 * raw.compositeDegree() + 1, 4097);
    double floor = 64 * stages.length * ErrorCertifier.UNIT_ROUNDOFF;
    double worst = 0;
    for (int side = -1; side <= 1; side += 2) {
      double lo = side < 0 ? -1 : gap;
      double hi = side < 0 ? -gap : 1;
      ErrorCertifier.Sample s = ErrorCertifier.sample(Math::signum, raw::evaluateUnchecked, null, lo, hi, grid);
      worst = Math.max(worst, s.maxError());
    }
    ErrorCertifier.Sample sup = ErrorCertifier.sample(x -> 0.0, raw::evaluateUnchecked, null, -1, 1, 2 * grid);
    return new CompositeSign(stages, gap, ErrorCertifier.bound(worst, floor),
        ErrorCertifier.bound(sup.maxError(), floor));
  }

  /** The number of stages k. */
  public int stageCount() {
    return stages.length;
  }

  /** Stage i (0-based), an odd series on [-1, 1]. */
  public ChebyshevSeries stage(int i) {
    return stages[i];
  }

  /** The stage degrees d_1..d_k. */
  public int[] degrees() {
    int[] d = new int[stages.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = stages[i].degree();
    }
    return d;
  }

  /** prod d_i, the degree of the composed polynomial. */
  public int compositeDegree() {
    int d = 1;
    for (ChebyshevSeries s : stages) {
      d *= s.degree();
    }
    return d;
  }

  /** eps: inputs with |x| &lt; eps are outside the precision certificate. */
  public double gap() {
    return gap;
  }

  /** Certified max |s(x) - sign(x)| for eps &lt;= |x| &lt;= 1. */
  public double precision() {
    return precision;
  }

  /** Certified max |s(x)| over [-1, 1] (bounds s inside the gap). */
  public double supremum() {
    return supremum;
  }

  @Override
  public String function() {
    return "sign";
  }

  @Override
  public Interval domain() {
    return UNIT;
  }

  @Override
  public int depth() {
    int d = 0;
    for (ChebyshevSeries s : stages) {
      d += s.depth();
    }
    return d;
  }

  /** Equal to {@link #precision()}; it holds outside the gap (-eps, eps) only. */
  @Override
  public double errorBound() {
    return precision;
  }

  @Override
  public double evaluate(double x, RangePolicy policy) {
    return evaluateUnchecked(policy.admit("sign", UNIT, x));
  }

  /** p_k(...p_1(x)) without a range check. */
  public double evaluateUnchecked(double x) {
    double s = x;
    for (ChebyshevSeries stage : stages) {
      s = stage.evaluateUnchecked(s);
    }
    return s;
  }

  @Override
  public String toString() {
    return "CompositeSign[degrees " + Arrays.toString(degrees()) + ", eps " + gap + ", precision " + precision
        + ", depth " + depth() + "]";
  }
}
