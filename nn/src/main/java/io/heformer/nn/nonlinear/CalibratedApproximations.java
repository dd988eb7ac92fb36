package io.heformer.nn.nonlinear;

import io.heformer.approx.Approximation;
import io.heformer.approx.Approximations;
import io.heformer.approx.ExpBySquaring;
import io.heformer.approx.Interval;
import io.heformer.approx.NewtonScheme;
import io.heformer.approx.PaperApproximations;
import io.heformer.approx.RangePolicy;
import io.heformer.approx.Relu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Approximation mode with intervals chosen from data: builds {@link ApproximateNonlinearities}
 * from module {@code approx}'s polynomials, one per (function, site), each on an interval that
 * covers the site's recorded input range widened by a margin (paper §8: measure the ranges in
 * plaintext, then fix the approximations).
 *
 * <p>Rules (x is the recorded range [min, max], m the margin factor, K a power of 4 or 2):
 * <ul>
 *   <li>EXP, attention sites: the paper's (1 + x/2^14)^(2^14) on [-2^14, 0] (the -10000 padding
 *       mask inside), or (1 + x/2^k)^(2^k) on [-2^k, 0] when min is below -2^14; other EXP sites
 *       (the loss softmax, whose inputs are z - max &lt;= 0): the least-depth exp by squaring with
 *       error 1e-6 on [-m |min|, 0] (at least [-2, 0]).
 *   <li>INV_SQRT (LayerNorm's var + eps, AdamW-HE's v + eps): inputs pre-scaled by 1/K with K the
 *       power of 4 above m max (so 1/sqrt K is exact), then the paper's degree-127 start and 3
 *       Newton steps on [0.0005, 1], or on [min/(K m), 1] rounded down to a power of 2 when that is
 *       smaller; the result is multiplied by 1/sqrt K.
 *   <li>STEP (ReLU gate): the paper's composite sign 15-15-27 applied to x/B, B = m max |x|;
 *       the step is 0.5 + 0.5 sign(x/B), so x STEP(x) is the approximate ReLU.
 *   <li>TANH: degree 63 on [-5, 5] (paper) when m max |x| &lt;= 5, degree 127 on [-16, 16]
 *       (paper, SST-2) up to 16, else degree 127 on [-B, B].
 *   <li>RECIPROCAL: inputs pre-scaled by 1/K (K the power of 2 above m max) into (0, 1], then
 *       the least-depth Newton inverse with relative error 1e-6 on [min/(K m), 1].
 *   <li>GELU has no approximation in module {@code approx} (the encryption-friendly model has no
 *       GELU): asking for it is an error.
 * </ul>
 * Sites without a recorded range use the paper's default for the function (exp on
 * [-2^14, 0], 1/sqrt on [0.0005, 1], ReLU with B = 50, tanh on [-5, 5], 1/x on [2^-9, 1] after
 * scaling by 1/256).
 *
 * <p>Inputs outside a chosen interval are clamped to it and counted per site ({@link
 * RangePolicy#clamping()}), so a run reports how often the encrypted evaluation would have left
 * its certified interval; {@link Result#violations()}.
 */
public final class CalibratedApproximations {

  /**
   * One chosen approximation.
   *
   * @param function the function
   * @param site the call site, or {@code "*"} for the default of the function
   * @param recorded the recorded range, or null for defaults
   * @param description the approximation and its interval (after pre-scaling)
   * @param preScale the factor applied to inputs before the approximation (1 if none)
   * @param depth multiplicative depth of the encrypted evaluation
   * @param errorBound certified error on the (pre-scaled) interval
   * @param policy the clamping policy that counts out-of-interval inputs
   */
  public record Choice(NonlinearFunction function, String site, InputRange recorded,
      String description, double preScale, int depth, double errorBound, RangePolicy policy) {}

  /**
   * The built approximation mode.
   *
   * @param nonlinearities the evaluator to install in the model
   * @param choices one entry per approximated (function, site) and per default
   */
  public record Result(ApproximateNonlinearities nonlinearities, List<Choice> choices) {

    /** Out-of-interval inputs so far (clamped), per "FUNCTION@site", nonzero entries only. */
    public Map<String, Long> violations() {
      Map<String, Long> m = new LinkedHashMap<>();
      for (Choice c : choices) {
        if (c.policy().violations() > 0) {
          m.put(c.function() + "@" + c.site(), c.policy().violations());
        }
      }
      return m;
    }
  }

  /** The paper's exp-by-squaring bound: 2^14. */
  private static final int PAPER_EXP_LOG = 14;

  private CalibratedApproximations() {}

  /**
   * Builds the approximation mode for the recorded ranges.
   *
   * @param ranges recorded input ranges (any sites; GELU ranges are rejected)
   * @param margin widening factor of the recorded ranges, at least 1 (e.g. 1.5)
   * @throws IllegalArgumentException for a margin below 1 or a GELU range
   */
  public static Result fromRanges(List<InputRange> ranges, double margin) {
    return fromRanges(ranges, margin, Set.of());
  }

  /**
   * Builds the approximation mode with some functions left exact everywhere: an ablation that
   * shows which approximation costs accuracy (a model run this way is not one the encrypted path
   * can execute).
   *
   * @param ranges recorded input ranges (any sites; GELU ranges are rejected)
   * @param margin widening factor of the recorded ranges, at least 1 (e.g. 1.5)
   * @param keepExact functions evaluated exactly at every site (listed in the choices as
   *     "exact (ablation)", depth 0)
   * @throws IllegalArgumentException for a margin below 1 or a GELU range
   */
  public static Result fromRanges(List<InputRange> ranges, double margin,
      Set<NonlinearFunction> keepExact) {
    if (!(margin >= 1) || !Double.isFinite(margin)) {
      throw new IllegalArgumentException("margin must be a finite factor >= 1, got " + margin);
    }
    ApproximateNonlinearities.Builder b = ApproximateNonlinearities.builder();
    List<Choice> choices = new ArrayList<>();
    for (NonlinearFunction f : new NonlinearFunction[] {NonlinearFunction.EXP,
        NonlinearFunction.INV_SQRT, NonlinearFunction.STEP, NonlinearFunction.TANH,
        NonlinearFunction.RECIPROCAL}) {
      if (keepExact.contains(f)) {
        b.function(f, f::exact);
        choices.add(new Choice(f, "*", null, "exact (ablation)", 1, 0, 0,
            RangePolicy.clamping()));
        continue;
      }
      Choice c = choose(f, "*", null, margin);
      b.function(f, evaluator(c, plan(f, "*", null, margin)));
      choices.add(c);
    }
    for (InputRange r : ranges) {
      if (keepExact.contains(r.function())) {
        continue;
      }
      Choice c = choose(r.function(), r.site(), r, margin);
      b.site(r.function(), r.site(), evaluator(c, plan(r.function(), r.site(), r, margin)));
      choices.add(c);
    }
    return new Result(b.build(), choices);
  }

  /**
   * What to evaluate: {@code post * a(pre * x)}, or the step {@code 0.5 + 0.5 sign(x / B)} of a
   * ReLU approximation.
   */
  private record Plan(Approximation approximation, double preScale, double postScale,
      boolean stepOfRelu) {}

  private static Choice choose(NonlinearFunction f, String site, InputRange r, double m) {
    Plan p = plan(f, site, r, m);
    Approximation a = p.approximation();
    String what = a.function() + " on " + a.domain()
        + (a instanceof Relu relu ? " (ReLU bound " + relu.bound() + ")" : "")
        + (p.preScale() != 1 ? " after x * " + p.preScale() : "");
    return new Choice(f, site, r, what, p.preScale(), a.depth(), a.errorBound(),
        RangePolicy.clamping());
  }

  private static DoubleUnaryOperator evaluator(Choice c, Plan p) {
    Approximation a = p.approximation();
    RangePolicy policy = c.policy();
    if (p.stepOfRelu()) {
      Relu relu = (Relu) a;
      return x -> relu.derivative(x, policy);
    }
    double pre = p.preScale();
    double post = p.postScale();
    return x -> a.evaluate(x * pre, policy) * post;
  }

  private static Plan plan(NonlinearFunction f, String site, InputRange r, double m) {
    switch (f) {
      case EXP -> {
        boolean attention = r == null || site.contains("attention");
        double lo = r == null ? -(1 << PAPER_EXP_LOG) : Math.min(r.min(), 0) * m;
        if (attention) {
          if (lo >= -(1 << PAPER_EXP_LOG)) {
            return new Plan(PaperApproximations.gaussianKernelExp(), 1, 1, false);
          }
          int k = (int) Math.ceil(Math.log(-lo) / Math.log(2));
          return new Plan(Approximations.expPower(new Interval(-Math.pow(2, k), 0), k), 1, 1,
              false);
        }
        ExpBySquaring e = Approximations.expForTarget(
            new Interval(Math.min(-2, powerOfTwoBelow(lo)), 0), 1e-6);
        return new Plan(e, 1, 1, false);
      }
      case INV_SQRT -> {
        if (r == null) {
          return new Plan(PaperApproximations.inverseSqrt(), 1, 1, false);
        }
        double k = Math.pow(4, Math.max(0, Math.ceil(Math.log(r.max() * m) / Math.log(4))));
        double lo = Math.min(0.5, r.min() / (k * m));
        NewtonScheme s = lo >= 0.0005 ? PaperApproximations.inverseSqrt()
            : Approximations.inverseSqrt(new Interval(powerOfTwoBelow(lo), 1), 127, 3);
        return new Plan(s, 1 / k, 1 / Math.sqrt(k), false);
      }
      case STEP -> {
        if (r == null) {
          return new Plan(PaperApproximations.relu(), 1, 1, true);
        }
        double bound = Math.max(1e-3, Math.max(Math.abs(r.min()), Math.abs(r.max())) * m);
        return new Plan(Approximations.relu(roundUp(bound), 15, 15, 27), 1, 1, true);
      }
      case TANH -> {
        double bound = r == null ? 5 : Math.max(Math.abs(r.min()), Math.abs(r.max())) * m;
        if (bound <= 5) {
          return new Plan(PaperApproximations.tanh(), 1, 1, false);
        }
        if (bound <= 16) {
          return new Plan(PaperApproximations.tanhWide(), 1, 1, false);
        }
        return new Plan(Approximations.tanh(roundUp(bound), 127), 1, 1, false);
      }
      case RECIPROCAL -> {
        double hi = r == null ? 256 : r.max() * m;
        double k = Math.pow(2, Math.ceil(Math.log(hi) / Math.log(2)));
        double lo = Math.min(0.5, r == null ? 0.5 / k : r.min() / (k * m));
        NewtonScheme s = Approximations.newtonForTarget(NewtonScheme.Kind.INVERSE,
            new Interval(powerOfTwoBelow(lo), 1), 1e-6);
        return new Plan(s, 1 / k, 1 / k, false);
      }
      default -> throw new IllegalArgumentException("no approximation of " + f + " (site " + site
          + ") in module approx: approximation mode needs the encryption-friendly model "
          + "(ReLU feed-forward), not GELU");
    }
  }

  /** The largest power of two at most |x| in magnitude, with x's sign (x != 0). */
  private static double powerOfTwoBelow(double x) {
    if (x == 0) {
      throw new IllegalArgumentException("range touches 0; cannot choose a positive interval");
    }
    double p = Math.pow(2, Math.floor(Math.log(Math.abs(x)) / Math.log(2)));
    return x < 0 ? -Math.pow(2, Math.ceil(Math.log(-x) / Math.log(2))) : p;
  }

  /** x rounded up to two significant binary digits (keeps the cache of approximations small). */
  private static double roundUp(double x) {
    double p = Math.pow(2, Math.floor(Math.log(x) / Math.log(2)));
    return Math.ceil(x / (p / 2)) * (p / 2);
  }
}
