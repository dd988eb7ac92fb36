package io.heformer.circuits.poly;

import io.heformer.approx.Approximation;
import io.heformer.approx.ChebyshevSeries;
import io.heformer.approx.CompositeSign;
import io.heformer.approx.ExpBySquaring;
import io.heformer.approx.NewtonScheme;
import io.heformer.approx.PairwiseMax;
import io.heformer.approx.Relu;
import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParameters;
import io.heformer.ckks.Evaluator;
import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.poly.ChebyshevEvaluator;
import io.heformer.ckks.poly.PowerBasis;

/**
 * Evaluates every {@link Approximation} of module {@code approx} on ciphertexts, performing the
 * operation sequence its plaintext evaluator documents, slot-wise (each slot an independent input).
 *
 * <p><b>Depth.</b> {@link #depth(Approximation, int, double, double)} declares the levels an
 * evaluation will consume before it runs; {@link #evaluate} refuses an input with fewer levels
 * ({@link LevelException}, "needs 14 levels, has 9") and consumes exactly the declared number. The
 * declared depth equals {@link Approximation#depth()} (the minimum, with every input map folded)
 * when the input arrives at {@link #foldedInputScale}: that is how a producer folds the map
 * x -> alpha x + beta, by delivering x at the scale that makes the map free (see
 * {@link PowerBasis}). At other scales a map that cannot be folded costs one level more, and the
 * declaration says so.
 *
 * <p><b>Scales.</b> Every evaluation lands at the requested target scale: Chebyshev series by
 * construction ({@link ChebyshevEvaluator}); squaring chains and Newton iterations by choosing the
 * target of their starting polynomial so that the fixed sequence of products and rescales arrives
 * at the target; composite stages hand over at the scale of the prime the next stage divides by, so
 * the next stage's map folds exactly.
 *
 * <p><b>Ranges.</b> A server cannot see whether an encrypted input lies in the certified interval;
 * outside it a polynomial extrapolates and the result is silently wrong. The intervals are fixed
 * from plaintext range recordings ({@code approx.RangeRecorder}) with margins, and the plaintext
 * evaluators throw on violations; {@link RangeCheck} is the client-side check (decrypt and test)
 * that tests and debugging runs use on encrypted intermediates.
 *
 * <p>Thread-safe if the {@link Evaluator} is.
 */
public final class EncryptedApproximations {
  private final Evaluator eval;
  private final CkksParameters params;
  private final ChebyshevEvaluator cheb;
  private final EncryptedIterations iterations;

  public EncryptedApproximations(Evaluator eval) {
    this.eval = eval;
    this.params = eval.params();
    this.cheb = new ChebyshevEvaluator(eval);
    this.iterations = new EncryptedIterations(this);
  }

  public Evaluator evaluator() {
    return eval;
  }

  ChebyshevEvaluator chebyshev() {
    return cheb;
  }

  double prime(int level) {
    return params.q(level).q;
  }

  // ---------------------------------------------------------------- declarations

  /** The levels {@link #evaluate(Approximation, Ciphertext, double)} consumes on x. */
  public int depth(Approximation a, Ciphertext x, double targetScale) {
    return depth(a, x.level(), x.scale(), targetScale);
  }

  /** {@link #depth(Approximation, Ciphertext, double)} at the default scale as target. */
  public int depth(Approximation a, Ciphertext x) {
    return depth(a, x, params.defaultScale());
  }

  /**
   * The levels consumed for an input at this level and scale: {@link Approximation#depth()} plus
   * one for each input map that cannot be folded at that scale.
   */
  public int depth(Approximation a, int level, double scale, double targetScale) {
    return switch (a) {
      case ChebyshevSeries s -> seriesDepth(s, s.interval().lo(), s.interval().hi(), level, scale);
      case CompositeSign s -> signDepth(s, 1, level, scale);
      case Relu r -> signDepth(r.sign(), r.bound(), level, scale) + 1;
      case NewtonScheme n -> iterations.newtonDepth(n, level, scale);
      case ExpBySquaring e -> iterations.expDepth(e, level, scale, targetScale);
    };
  }

  /** The least input level: equal to the depth (the result may sit at level 0). */
  public int requiredLevel(Approximation a, Ciphertext x, double targetScale) {
    return depth(a, x, targetScale);
  }

  /**
   * The input scale at which every input map of {@code a} folds, so that the depth is exactly
   * {@link Approximation#depth()}: alpha q_level for the map onto [-1, 1] of the first polynomial;
   * for the power-form exp (an affine base followed by squarings) the one scale that makes the
   * squaring chain land on {@code targetScale}.
   */
  public double foldedInputScale(Approximation a, int level, double targetScale) {
    return switch (a) {
      case ChebyshevSeries s -> PowerBasis.foldedInputScale(params, s.interval().lo(), s.interval().hi(), level);
      case CompositeSign s -> PowerBasis.foldedInputScale(params, -1, 1, level);
      case Relu r -> PowerBasis.foldedInputScale(params, -r.bound(), r.bound(), level);
      case NewtonScheme n -> PowerBasis.foldedInputScale(params, n.domain().lo(), n.domain().hi(), level);
      case ExpBySquaring e -> iterations.expFoldedInputScale(e, level, targetScale);
    };
  }

  int seriesDepth(ChebyshevSeries s, double lo, double hi, int level, double scale) {
    return cheb.depth(s.degree(), lo, hi, level, scale);
  }

  private int signDepth(CompositeSign s, double bound, int level, double scale) {
    int d = seriesDepth(s.stage(0), -bound, bound, level, scale);
    for (int i = 1; i < s.stageCount(); i++) {
      d += s.stage(i).depth();
    }
    return d;
  }

  /** The depth of {@link #max}: the sign's on [-2R, 2R] for the difference, plus one. */
  public int depth(PairwiseMax m, Ciphertext a) {
    return signDepth(m.sign(), 2 * m.radius(), a.level(), a.scale()) + 1;
  }

  void checkLevel(String what, int level, int need, double scale) {
    if (level < need) {
      throw new LevelException(String.format("cannot evaluate %s: needs %d levels, has %d (level=%d, scale=2^%.1f)",
          what, need, level, level, Math.log(scale) / Math.log(2)));
    }
  }

  // ---------------------------------------------------------------- evaluation

  /** {@link #evaluate(Approximation, Ciphertext, double)} at the default scale. */
  public Ciphertext evaluate(Approximation a, Ciphertext x) {
    return evaluate(a, x, params.defaultScale());
  }

  /**
   * a(x) slot-wise at {@code targetScale}, level x.level() - depth.
   *
   * @throws LevelException if x has fewer levels than {@link #depth} declares
   */
  public Ciphertext evaluate(Approximation a, Ciphertext x, double targetScale) {
    checkLevel(a.function(), x.level(), depth(a, x, targetScale), x.scale());
    return switch (a) {
      case ChebyshevSeries s -> cheb.evaluate(x, s.coefficients(), s.interval().lo(), s.interval().hi(), targetScale);
      case CompositeSign s -> sign(s, x, 1, 1.0, targetScale);
      case Relu r -> relu(r, x, targetScale);
      case NewtonScheme n -> iterations.newton(n, x, targetScale);
      case ExpBySquaring e -> iterations.exp(e, x, targetScale);
    };
  }

  /**
   * p_k(...p_1(x / bound)) with the last stage multiplied by {@code lastFactor}: stage 1 maps
   * [-bound, bound] onto [-1, 1] (folded when x's scale allows), every later stage receives its
   * input at the scale of the prime its first square divides by, so its map folds exactly.
   */
  private Ciphertext sign(CompositeSign s, Ciphertext x, double bound, double lastFactor, double targetScale) {
    Ciphertext y = x;
    int k = s.stageCount();
    for (int i = 0; i < k; i++) {
      double[] c = s.stage(i).coefficients();
      if (i == k - 1 && lastFactor != 1.0) {
        for (int j = 0; j < c.length; j++) {
          c[j] *= lastFactor;
        }
      }
      double lo = i == 0 ? -bound : -1;
      double hi = i == 0 ? bound : 1;
      int out = y.level() - cheb.depth(c.length - 1, lo, hi, y);
      double target = i == k - 1 ? targetScale : prime(out);
      y = cheb.evaluate(y, c, lo, hi, target);
    }
    return y;
  }

  private Ciphertext relu(Relu r, Ciphertext x, double targetScale) {
    return productPlusHalf(r.sign(), r.bound(), x, x, targetScale);
  }

  /**
   * The approximate max(a, b) = (a + b)/2 + d (s(d / 2R) / 2), d = a - b, slot-wise, at
   * {@code targetScale}; a and b must share level and scale.
   *
   * @throws LevelException if a has fewer levels than {@link #depth(PairwiseMax, Ciphertext)}
   */
  public Ciphertext max(PairwiseMax m, Ciphertext a, Ciphertext b, double targetScale) {
    Ciphertext d = eval.subNew(a, b);
    checkLevel("max", d.level(), depth(m, d), d.scale());
    Ciphertext sum = eval.addNew(a, b);
    return productPlusHalf(m.sign(), 2 * m.radius(), d, sum, targetScale);
  }

  /**
   * x (s(x / bound) / 2) + y / 2: the half folded into the last sign stage, y/2 added to the
   * unrescaled product with the constant 1/2 encoded at the sign's scale, one rescale. The sign's
   * target scale is chosen so the result lands at targetScale.
   */
  private Ciphertext productPlusHalf(CompositeSign s, double bound, Ciphertext x, Ciphertext y, double targetScale) {
    int hLevel = x.level() - signDepth(s, bound, x.level(), x.scale());
    double hScale = targetScale * prime(hLevel) / x.scale();
    Ciphertext h = sign(s, x, bound, 0.5, hScale);
    Ciphertext out = eval.mulNew(x, h);
    eval.relinearize(out, out);
    Ciphertext half = eval.dropLevelNew(y, hLevel);
    eval.mulConst(half, 0.5, 0, out.scale() / y.scale(), half);
    eval.add(out, half, out);
    eval.rescale(out, out);
    return out;
  }
}
