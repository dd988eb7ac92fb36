package io.heformer.circuits.poly;

import io.heformer.approx.ChebyshevSeries;
import io.heformer.approx.ExpBySquaring;
import io.heformer.approx.NewtonScheme;
import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.Evaluator;
import io.heformer.ckks.HeException.LevelException;

/**
 * The iterative approximations on ciphertexts: Newton schemes for 1/x and 1/sqrt(x) and exp by
 * squaring, each a starting polynomial followed by a fixed sequence of products.
 *
 * <p><b>Landing at the target scale.</b> A product of ciphertexts leaves no freedom in the scale
 * (s_a s_b / q), so the scale of the whole sequence is fixed by the scale of its start. The start
 * polynomial's target is therefore solved backwards from the requested output scale through the
 * known primes: one square root per squaring (s_j = sqrt(s_(j+1) q)), one per inverse Newton step
 * (s_y = sqrt(s_y' q_l q_(l-1) / s_x)), one cube root per inverse-square-root step
 * (s_y = cbrt(s_y' q_l^2 q_(l-1) / s_h)). Forward, the rounding of these roots changes the output
 * scale by a relative 1e-15 or so, far inside the engine's scale tolerance.
 *
 * <p>Package-private: reached through {@link EncryptedApproximations}.
 */
final class EncryptedIterations {
  /**
   * Largest relative difference between an input scale and the power-form exp's folded scale at
   * which the affine base is folded (the squarings raise it to the power 2^r).
   */
  static final double POWER_FORM_SCALE_TOLERANCE = 0x1p-46;

  private final EncryptedApproximations owner;
  private final Evaluator eval;

  EncryptedIterations(EncryptedApproximations owner) {
    this.owner = owner;
    this.eval = owner.evaluator();
  }

  // ---------------------------------------------------------------- Newton

  int newtonDepth(NewtonScheme n, int level, double scale) {
    ChebyshevSeries start = n.start();
    return owner.seriesDepth(start, start.interval().lo(), start.interval().hi(), level, scale) + 2 * n.iterations();
  }

  /**
   * y = p(x), then per step (inverse) t = x y, y = y (2 - t) or (inverse sqrt, h = 0.5 x by
   * scale) s = y y, t = h y, y = 1.5 y - s t, two levels each.
   */
  Ciphertext newton(NewtonScheme n, Ciphertext x, double targetScale) {
    ChebyshevSeries start = n.start();
    int k = n.iterations();
    int startLevel = x.level() - owner.seriesDepth(start, start.interval().lo(), start.interval().hi(), x.level(),
        x.scale());
    boolean inverse = n.kind() == NewtonScheme.Kind.INVERSE;
    Ciphertext h = null;
    if (!inverse) {
      h = eval.dropLevelNew(x, x.level());
      h.setScale(2 * x.scale()); // the same ciphertext read at twice the scale is 0.5 x
    }
    double hScale = inverse ? x.scale() : 2 * x.scale();
    // backwards from the output: the scale each y must have
    double[] ys = new double[k + 1];
    ys[k] = targetScale;
    for (int i = k - 1; i >= 0; i--) {
      int l = startLevel - 2 * i;
      double ql = owner.prime(l);
      double ql1 = owner.prime(l - 1);
      ys[i] = inverse ? Math.sqrt(ys[i + 1] * ql * ql1 / x.scale()) : Math.cbrt(ys[i + 1] * ql * ql * ql1 / hScale);
    }
    Ciphertext y = owner.chebyshev().evaluate(x, start.coefficients(), start.interval().lo(), start.interval().hi(),
        ys[0]);
    for (int i = 0; i < k; i++) {
      y = inverse ? inverseStep(x, y) : inverseSqrtStep(h, y);
    }
    return y;
  }

  private Ciphertext inverseStep(Ciphertext x, Ciphertext y) {
    Ciphertext t = eval.mulNew(x, y);
    eval.relinearize(t, t);
    eval.rescale(t, t);
    eval.negate(t, t);
    eval.addConst(t, 2, 0, t);
    Ciphertext out = eval.mulNew(y, t);
    eval.relinearize(out, out);
    eval.rescale(out, out);
    return out;
  }

  private Ciphertext inverseSqrtStep(Ciphertext h, Ciphertext y) {
    Ciphertext s = eval.mulNew(y, y);
    eval.relinearize(s, s);
    eval.rescale(s, s);
    Ciphertext t = eval.mulNew(h, y);
    eval.relinearize(t, t);
    eval.rescale(t, t);
    Ciphertext st = eval.mulNew(s, t);
    eval.relinearize(st, st);
    Ciphertext threeHalves = eval.dropLevelNew(y, st.level());
    eval.mulConst(threeHalves, 1.5, 0, st.scale() / y.scale(), threeHalves);
    eval.sub(threeHalves, st, threeHalves);
    eval.rescale(threeHalves, threeHalves);
    return threeHalves;
  }

  // ---------------------------------------------------------------- exp by squaring

  private static boolean affineBase(ExpBySquaring e) {
    return e.base().degree() <= 1;
  }

  int expDepth(ExpBySquaring e, int level, double scale, double targetScale) {
    ChebyshevSeries b = e.base();
    int base;
    if (affineBase(e)) {
      base = b.degree() == 0 || foldsAffine(e, level, scale, targetScale) ? 0 : 1;
    } else {
      base = owner.seriesDepth(b, e.domain().lo(), e.domain().hi(), level, scale);
    }
    return base + e.squarings();
  }

  /** The scale the base must have at level baseLevel for r squarings to land on targetScale. */
  private double baseScale(ExpBySquaring e, int baseLevel, double targetScale) {
    if (baseLevel < e.squarings()) {
      throw new LevelException("cannot evaluate exp by squaring: needs " + e.squarings() + " levels for the squarings, has "
          + baseLevel + " (level=" + baseLevel + ")");
    }
    double s = targetScale;
    for (int j = e.squarings() - 1; j >= 0; j--) {
      s = Math.sqrt(s * owner.prime(baseLevel - j));
    }
    return s;
  }

  /** The slope A of the affine base q(x / 2^r) = A x + B. */
  private static double slope(ExpBySquaring e) {
    ChebyshevSeries b = e.base();
    return b.coefficient(1) * 2 / e.domain().width();
  }

  double expFoldedInputScale(ExpBySquaring e, int level, double targetScale) {
    if (!affineBase(e)) {
      return io.heformer.ckks.poly.PowerBasis.foldedInputScale(eval.params(), e.domain().lo(), e.domain().hi(), level);
    }
    return baseScale(e, level, targetScale) * slope(e);
  }

  private boolean foldsAffine(ExpBySquaring e, int level, double scale, double targetScale) {
    if (level < e.squarings()) {
      return false; // too few levels anyway: the evaluation will be refused with the declared depth
    }
    double want = expFoldedInputScale(e, level, targetScale);
    return Math.abs(scale / want - 1) <= POWER_FORM_SCALE_TOLERANCE;
  }

  /** q(x / 2^r) (on the original domain: the same map), then r squarings. */
  Ciphertext exp(ExpBySquaring e, Ciphertext x, double targetScale) {
    ChebyshevSeries b = e.base();
    double lo = e.domain().lo();
    double hi = e.domain().hi();
    Ciphertext y;
    if (affineBase(e)) {
      double a = slope(e);
      double shift = b.coefficient(0) + b.coefficient(1) * b.mapShift();
      if (b.degree() == 0 || foldsAffine(e, x.level(), x.scale(), targetScale)) {
        y = eval.dropLevelNew(x, x.level());
        if (b.degree() == 0) {
          eval.mulInteger(y, 0, y);
        }
        y.setScale(baseScale(e, x.level(), targetScale)); // A x read at scale s / A; snapped (difference <= 2^-46)
        if (shift != 0) {
          eval.addConst(y, shift, 0, y);
        }
      } else {
        int baseLevel = x.level() - 1;
        double s0 = baseScale(e, baseLevel, targetScale);
        y = eval.blankLike(x);
        eval.mulConst(x, a, 0, s0 * owner.prime(x.level()) / x.scale(), y);
        if (shift != 0) {
          eval.addConst(y, shift, 0, y);
        }
        eval.rescale(y, y);
      }
    } else {
      int baseLevel = x.level() - owner.seriesDepth(b, lo, hi, x.level(), x.scale());
      y = owner.chebyshev().evaluate(x, b.coefficients(), lo, hi, baseScale(e, baseLevel, targetScale));
    }
    for (int j = 0; j < e.squarings(); j++) {
      Ciphertext sq = eval.mulNew(y, y);
      eval.relinearize(sq, sq);
      eval.rescale(sq, sq);
      y = sq;
    }
    return y;
  }
}
