package io.heformer.ckks;

import io.heformer.ckks.HeException.LevelException;

/**
 * A minimal Chebyshev-series evaluator for EvalMod's cosine: baby-step giant-step over T_1..T_b and
 * T_b, T_2b, T_4b, ..., with every intermediate result landing on a scale chosen in advance, so
 * that additions never mismatch and the output has exactly the requested scale.
 *
 * <p>TO BE REPLACED by the project's generic {@code io.heformer.ckks.poly.ChebyshevEvaluator} once it
 * is on main; this one exists so that bootstrapping does not wait for it, and covers only what EvalMod
 * needs (one polynomial on [-1, 1], real coefficients).
 *
 * <p>Scale rule: a product a b rescaled by q lands on scale s_a s_b / q; to make it land on t, a is
 * evaluated with target t q / s_b. Leaves sum_i c_i T_i multiply each T_i by c_i encoded at scale
 * t q / s_i, so that all terms share scale t q before their common rescale. Depth for degree d:
 * ceil(log2(b)) + 1 for the leaves plus one per giant split, i.e. ceil(log2(d + 1)) + 1.
 */
final class ChebyshevBsgs {
  private final CkksParameters params;
  private final Evaluator eval;

  ChebyshevBsgs(Evaluator eval) {
    this.params = eval.params();
    this.eval = eval;
  }

  /** Number of baby steps (a power of two near sqrt(d + 1)). */
  static int babySteps(int degree) {
    int logd = 32 - Integer.numberOfLeadingZeros(Math.max(degree, 1)); // bits of d: ceil(log2(d+1))
    return 1 << Math.max(1, (logd + 1) / 2);
  }

  /** Levels consumed by a degree-d series. */
  static int depth(int degree) {
    int b = babySteps(degree);
    int leafDepth = ceilLog2(Math.max(1, Math.min(degree, b - 1))) + 1;
    int splits = 0;
    for (int g = b; g <= degree; g <<= 1) {
      splits++;
    }
    return leafDepth + splits;
  }

  private static int ceilLog2(int x) {
    return 32 - Integer.numberOfLeadingZeros(x - 1);
  }

  /**
   * sum_k c_k T_k(x) for x in [-1, 1] (the caller maps its interval), with output scale exactly
   * {@code targetScale} and level x.level - depth(degree).
   */
  Ciphertext evaluate(Ciphertext x, double[] coeffs, double targetScale) {
    int degree = coeffs.length - 1;
    int need = depth(degree);
    if (x.level < need) {
      throw new LevelException(String.format(
          "cannot evaluate a degree-%d Chebyshev series: needs %d levels, the ciphertext has %d", degree, need,
          x.level));
    }
    int b = babySteps(degree);
    int top = b;
    while (top * 2 <= degree) {
      top *= 2;
    }
    Ciphertext[] t = new Ciphertext[Math.max(top, b) + 1];
    t[1] = x;
    for (int i = 2; i <= b; i++) {
      t[i] = product(t, i);
    }
    for (int g = 2 * b; g <= top; g *= 2) {
      t[g] = product(t, g);
    }
    Ciphertext r = series(t, coeffs.clone(), b, targetScale);
    int want = x.level - need;
    if (r.level > want) {
      eval.dropLevel(r, want, r);
    }
    return r;
  }

  /** T_i = 2 T_ceil(i/2) T_floor(i/2) - T_(i mod 2): squares for even i, T_1 corrected for odd i. */
  private Ciphertext product(Ciphertext[] t, int i) {
    Ciphertext a = t[(i + 1) / 2];
    Ciphertext c = t[i / 2];
    int level = Math.min(a.level, c.level);
    Ciphertext a2 = a.level == level ? a : eval.dropLevelNew(a, level);
    Ciphertext c2 = c.level == level ? c : eval.dropLevelNew(c, level);
    Ciphertext p = eval.mulRelinNew(a2, a == c ? a2 : c2);
    eval.rescale(p, p);
    eval.mulInteger(p, 2, p);
    if (i % 2 == 0) {
      eval.addConst(p, -1, 0, p);
    } else {
      eval.sub(p, atScale(t[1], p.scale, p.level), p);
    }
    return p;
  }

  /** ct brought to exactly (scale, level) by a multiplication by 1 encoded at the compensating scale. */
  private Ciphertext atScale(Ciphertext ct, double scale, int level) {
    if (ct.level <= level) {
      throw new IllegalStateException("sanity check: scale matching needs a spare level (" + ct.level + " vs " + level + ")");
    }
    Ciphertext r = mulConst(ct, 1.0, scale * params.q(ct.level).q / ct.scale);
    eval.rescale(r, r);
    r.scale = scale; // exact up to the last bit of the double bookkeeping
    if (r.level > level) {
      eval.dropLevel(r, level, r);
    }
    return r;
  }

  /** The level at which a series of this degree comes out. */
  private int outLevel(Ciphertext[] t, int degree, int b) {
    if (degree < b) {
      return t[Math.max(1, degree)].level - 1;
    }
    int g = giant(degree, b);
    return Math.min(outLevel(t, degree - g, b), t[g].level) - 1;
  }

  private static int giant(int degree, int b) {
    int g = b;
    while (g * 2 <= degree) {
      g *= 2;
    }
    return g;
  }

  private Ciphertext series(Ciphertext[] t, double[] c, int b, double target) {
    int degree = c.length - 1;
    if (degree < b) {
      return leaf(t, c, target);
    }
    int g = giant(degree, b);
    // c_(g+j) T_(g+j) = 2 c_(g+j) T_j T_g - c_(g+j) T_(g-j): quotient q (degree - g), remainder r (< g).
    double[] q = new double[degree - g + 1];
    double[] r = java.util.Arrays.copyOf(c, g);
    q[0] = c[g];
    for (int j = 1; j <= degree - g; j++) {
      q[j] = 2 * c[g + j];
      r[g - j] -= c[g + j];
    }
    int level = Math.min(outLevel(t, q.length - 1, b), t[g].level);
    Ciphertext tg = t[g].level == level ? t[g] : eval.dropLevelNew(t[g], level);
    double qTarget = target * params.q(level).q / tg.scale;
    Ciphertext qc = series(t, q, b, qTarget);
    if (qc.level > level) {
      eval.dropLevel(qc, level, qc);
    }
    Ciphertext prod = eval.mulRelinNew(qc, tg);
    eval.rescale(prod, prod);
    prod.scale = target;
    Ciphertext rc = series(t, r, b, target);
    if (rc.level < prod.level) {
      throw new IllegalStateException("sanity check: remainder below the product's level");
    }
    eval.add(prod, rc, prod);
    return prod;
  }

  /** sum_(i&lt;b) c_i T_i at scale target, one level below the deepest T_i used. */
  private Ciphertext leaf(Ciphertext[] t, double[] c, double target) {
    int degree = Math.max(1, c.length - 1);
    int level = t[degree].level;
    double q = params.q(level).q;
    Ciphertext acc = null;
    for (int i = 1; i <= degree; i++) {
      double ci = i < c.length ? c[i] : 0;
      if (ci == 0 && !(i == degree && acc == null)) { // an all-zero leaf still needs a ciphertext
        continue;
      }
      Ciphertext ti = t[i].level == level ? t[i] : eval.dropLevelNew(t[i], level);
      Ciphertext term = mulConst(ti, ci, target * q / ti.scale);
      term.scale = target * q;
      if (acc == null) {
        acc = term;
      } else {
        eval.add(acc, term, acc);
      }
    }
    eval.rescale(acc, acc);
    acc.scale = target;
    if (c[0] != 0) {
      eval.addConst(acc, c[0], 0, acc);
    }
    return acc;
  }

  private Ciphertext mulConst(Ciphertext ct, double c, double constScale) {
    Ciphertext r = eval.blankLike(ct);
    eval.mulConst(ct, c, 0, constScale, r);
    return r;
  }
}
