package io.heformer.ckks.poly;

import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.Evaluator;
import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.poly.ChebyshevPlan.Leaf;
import io.heformer.ckks.poly.ChebyshevPlan.Node;
import io.heformer.ckks.poly.ChebyshevPlan.Split;

/**
 * Evaluates p(x) = sum_k c_k T_k(alpha x + beta) on a ciphertext, [a, b] mapped onto [-1, 1], in
 * the least depth ceil(log2(d + 1)) (plus one level only when the map cannot be folded, see
 * {@link PowerBasis}), with the result at an exactly requested scale.
 *
 * <p><b>Algorithm.</b> Baby-step giant-step in the Chebyshev basis as planned by
 * {@link ChebyshevPlan}: powers T_k from {@link PowerBasis}; each leaf sum c_k T_k is accumulated
 * unrescaled and rescaled once (lazy rescaling); each split low + T_(2^j) high multiplies the high
 * part, evaluated one level up, by the giant step, rescales, and adds the low part.
 *
 * <p><b>Scale management</b> (the idea of Lattigo's polynomial evaluator, made exact here).
 * Evaluation runs top-down with a target (level lambda, scale S) per node. A leaf encodes c_k at
 * scale S q_(lambda+1) / scale(T_k), so that every term has scale S q_(lambda+1) and the rescale
 * lands at S. A split asks its high part for scale S q_(lambda+1) / scale(T_(2^j)) at lambda + 1, so
 * the product lands at S too; its low part targets (lambda, S) directly. No addition ever sees
 * unequal scales, so no ScaleMismatchException can arise, whatever the input scale.
 *
 * <p><b>Declared before evaluation.</b> {@link #depth(int)} and {@link #depth(int, double, double,
 * Ciphertext)} give the levels consumed; an input below {@link #requiredLevel} is refused with a
 * {@link LevelException} ("needs 7 levels, has 5"). The output level is always the input level
 * minus the declared depth, even when trailing coefficients are zero.
 *
 * <p>Thread-safe if the {@link Evaluator} is (each call builds its own basis unless one is passed).
 */
public final class ChebyshevEvaluator {
  private final Evaluator eval;

  public ChebyshevEvaluator(Evaluator eval) {
    this.eval = eval;
  }

  public Evaluator evaluator() {
    return eval;
  }

  /** ceil(log2(d + 1)) (0 for d = 0): the levels a degree-d series consumes on [-1, 1] or with a folded map. */
  public static int depth(int degree) {
    return ChebyshevPlan.minimumDepth(degree);
  }

  /**
   * The levels {@link #evaluate(Ciphertext, double[], double, double, double)} consumes for a
   * degree-d series on [lo, hi] and this input: {@link #depth(int)}, plus 1 if the map cannot be
   * folded (only for d &gt;= 2; degrees 0 and 1 cost 0 and 1 level).
   */
  public int depth(int degree, double lo, double hi, Ciphertext x) {
    return depth(degree, lo, hi, x.level(), x.scale());
  }

  /** As {@link #depth(int, double, double, Ciphertext)} for an input at this level and scale. */
  public int depth(int degree, double lo, double hi, int level, double scale) {
    int d = depth(degree);
    if (degree <= 1) {
      return d;
    }
    return d + (PowerBasis.folds(eval.params(), lo, hi, degree, level, scale) ? 0 : 1);
  }

  /** The least input level for the evaluation: equal to the depth (the output may sit at level 0). */
  public int requiredLevel(int degree, double lo, double hi, Ciphertext x) {
    return depth(degree, lo, hi, x);
  }

  /** {@link #evaluate(Ciphertext, double[], double, double, double)} at the input's scale. */
  public Ciphertext evaluate(Ciphertext x, double[] coefficients, double lo, double hi) {
    return evaluate(x, coefficients, lo, hi, x.scale());
  }

  /**
   * p(x) = sum_k c_k T_k(alpha x + beta) at {@code targetScale}, level x.level() - depth.
   *
   * @param coefficients c_0..c_d (c_0 not halved); d = length - 1 is the declared degree
   * @throws IllegalArgumentException on an empty or non-finite coefficient array, an invalid
   *     interval or a non-positive target scale
   * @throws LevelException if x has fewer levels than the evaluation needs
   */
  public Ciphertext evaluate(Ciphertext x, double[] coefficients, double lo, double hi, double targetScale) {
    PowerBasis.checkInterval(lo, hi);
    checkCoefficients(coefficients);
    checkScale(targetScale);
    int degree = coefficients.length - 1;
    int need = depth(degree, lo, hi, x);
    checkLevel(x.level(), need, degree, x.scale());
    if (degree == 0) {
      return constant(x, coefficients[0], targetScale);
    }
    if (degree == 1) {
      return affine(x, coefficients[0], coefficients[1], lo, hi, targetScale);
    }
    return evaluate(PowerBasis.of(eval, x, lo, hi, degree), coefficients, targetScale);
  }

  /**
   * p on a shared basis: sum_k c_k T_k at {@code targetScale}, level basis.level() - depth(d).
   *
   * @throws LevelException if the basis' T_1 has fewer levels than depth(d)
   */
  public Ciphertext evaluate(PowerBasis basis, double[] coefficients, double targetScale) {
    checkCoefficients(coefficients);
    checkScale(targetScale);
    int degree = coefficients.length - 1;
    int delta = depth(degree);
    checkLevel(basis.level(), delta, degree, basis.t(1).scale());
    ChebyshevPlan plan = ChebyshevPlan.optimal(coefficients, delta, basis::has);
    int lambda = basis.level() - delta;
    Ciphertext out = run(plan.root(), lambda, targetScale, basis);
    if (out == null) {
      Ciphertext t1 = basis.t(1);
      Ciphertext c = eval.dropLevelNew(t1, lambda);
      return constant(c, ((Leaf) plan.root()).coefficients()[0], targetScale);
    }
    return out;
  }

  /**
   * Several series on one basis (T_k computed once), each at {@code targetScale}.
   *
   * @throws LevelException if the basis is too low for one of them
   */
  public Ciphertext[] evaluate(PowerBasis basis, double[][] series, double targetScale) {
    Ciphertext[] out = new Ciphertext[series.length];
    for (int i = 0; i < series.length; i++) {
      out[i] = evaluate(basis, series[i], targetScale);
    }
    return out;
  }

  private static void checkCoefficients(double[] c) {
    if (c.length == 0) {
      throw new IllegalArgumentException("a Chebyshev series needs at least one coefficient");
    }
    for (int k = 0; k < c.length; k++) {
      if (!Double.isFinite(c[k])) {
        throw new IllegalArgumentException("coefficient c_" + k + " is " + c[k]);
      }
    }
  }

  private static void checkScale(double s) {
    if (!(s >= 1) || Double.isInfinite(s)) {
      throw new IllegalArgumentException("target scale must be >= 1 and finite, got " + s);
    }
  }

  private static void checkLevel(int level, int need, int degree, double scale) {
    if (level < need) {
      throw new LevelException(String.format(
          "cannot evaluate a degree-%d Chebyshev series: needs %d levels, has %d (level=%d, scale=2^%.1f)",
          degree, need, level, level, PowerBasis.log2(scale)));
    }
  }

  /** c at the given scale and x's level: 0 * x (an exact zero ciphertext) plus the constant. */
  private Ciphertext constant(Ciphertext x, double c, double scale) {
    Ciphertext out = eval.blankLike(x);
    eval.mulInteger(x, 0, out);
    out.setScale(scale);
    if (c != 0) {
      eval.addConst(out, c, 0, out);
    }
    return out;
  }

  /** c_0 + c_1 (alpha x + beta) in one level: the slope is encoded at the scale that lands on S. */
  private Ciphertext affine(Ciphertext x, double c0, double c1, double lo, double hi, double scale) {
    double alpha = 2 / (hi - lo);
    double beta = -(hi + lo) / (hi - lo);
    double q = eval.params().q(x.level()).q;
    Ciphertext out = eval.blankLike(x);
    eval.mulConst(x, c1 * alpha, 0, scale * q / x.scale(), out);
    double shift = c0 + c1 * beta;
    if (shift != 0) {
      eval.addConst(out, shift, 0, out);
    }
    eval.rescale(out, out);
    return out;
  }

  /** The node at (lambda, scale), or null for a constant leaf (the caller adds the constant). */
  private Ciphertext run(Node node, int lambda, double scale, PowerBasis basis) {
    return switch (node) {
      case Leaf leaf -> leaf(leaf, lambda, scale, basis);
      case Split split -> split(split, lambda, scale, basis);
    };
  }

  private Ciphertext leaf(Leaf leaf, int lambda, double scale, PowerBasis basis) {
    if (leaf.isConstant()) {
      return null;
    }
    double[] c = leaf.coefficients();
    double wide = scale * basis.prime(lambda + 1);
    Ciphertext acc = null;
    for (int k = 1; k < c.length; k++) {
      if (c[k] == 0.0) {
        continue;
      }
      Ciphertext tk = basis.t(k);
      Ciphertext term = eval.dropLevelNew(tk, lambda + 1);
      eval.mulConst(term, c[k], 0, wide / tk.scale(), term);
      if (acc == null) {
        acc = term;
      } else {
        eval.add(acc, term, acc);
      }
    }
    if (c[0] != 0.0) {
      eval.addConst(acc, c[0], 0, acc);
    }
    eval.rescale(acc, acc);
    return acc;
  }

  private Ciphertext split(Split split, int lambda, double scale, PowerBasis basis) {
    Ciphertext giant = basis.t(split.power());
    double highScale = scale * basis.prime(lambda + 1) / giant.scale();
    Ciphertext high = run(split.high(), lambda + 1, highScale, basis);
    Ciphertext out;
    if (high == null) {
      out = eval.dropLevelNew(giant, lambda + 1);
      double c = ((Leaf) split.high()).coefficients()[0];
      eval.mulConst(out, c, 0, highScale, out);
    } else {
      out = eval.mulNew(high, giant);
      eval.relinearize(out, out);
    }
    eval.rescale(out, out);
    Ciphertext low = run(split.low(), lambda, scale, basis);
    if (low != null) {
      eval.add(out, low, out);
    } else {
      double c0 = ((Leaf) split.low()).coefficients()[0];
      if (c0 != 0) {
        eval.addConst(out, c0, 0, out);
      }
    }
    return out;
  }
}
