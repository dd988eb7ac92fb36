package io.heformer.ckks.poly;

import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParameters;
import io.heformer.ckks.Evaluator;
import io.heformer.ckks.HeException.LevelException;
import java.util.HashMap;
import java.util.Map;

/**
 * The Chebyshev polynomials T_k(t), t = alpha x + beta, of one ciphertext x, built on demand and
 * kept, so that several series on the same input share them.
 *
 * <p><b>The map t = alpha x + beta</b> (alpha = 2/(b - a), beta = -(a + b)/(b - a) for [a, b]) is
 * <em>folded</em> when possible: the ciphertext of x at scale s is, unchanged, a ciphertext of
 * alpha x at scale s/alpha, so T_1 = M x + beta with an integer M (free and exact) and the scale
 * set to s M/alpha. This costs no level. The scale of T_k then follows (s M/(alpha q))^k q, so
 * folding is used only while that drift stays within {@link #MAX_FOLD_DRIFT_BITS} bits for every
 * T_k the series needs: when the input arrives at a scale near alpha q (the producer folded the
 * map, see {@link #foldedInputScale}), or alpha q/s is close to an integer (alpha = 1 or 2, for
 * instance). Otherwise T_1 = alpha x + beta costs one level and lands at scale q_(L-1), the prime
 * its square will be divided by.
 *
 * <p><b>Scales.</b> T_{2a} = 2 T_a^2 - 1 and T_k = 2 T_a T_b - T_c (see
 * {@link ChebyshevPlan#factors}) are computed as a relinearised product, T_c raised to the product's
 * scale by the constant 1 encoded at scale s_a s_b / s_c (no level: it is subtracted before the
 * single rescale), so every addition sees equal scales and every T_k has an exactly known scale
 * close to the primes.
 *
 * <p>Not thread-safe (the cache fills as the series ask for powers).
 */
public final class PowerBasis {
  /** The largest scale drift (in bits, over all needed T_k) accepted to fold the map. */
  public static final double MAX_FOLD_DRIFT_BITS = 1.0;

  private final Evaluator eval;
  private final CkksParameters params;
  private final double lo;
  private final double hi;
  private final int inputLevel;
  private final boolean folded;
  private final Map<Integer, Ciphertext> powers = new HashMap<>();

  private PowerBasis(Evaluator eval, double lo, double hi, int inputLevel, boolean folded, Ciphertext t1) {
    this.eval = eval;
    this.params = eval.params();
    this.lo = lo;
    this.hi = hi;
    this.inputLevel = inputLevel;
    this.folded = folded;
    powers.put(1, t1);
  }

  /**
   * Builds T_1 from x for series on [lo, hi] of degree up to {@code maxDegree} (which decides
   * whether the map can be folded, see the class comment).
   *
   * @throws IllegalArgumentException if the interval is empty or not finite, or maxDegree &lt; 1
   * @throws LevelException if the map needs a level and x is at level 0
   */
  public static PowerBasis of(Evaluator eval, Ciphertext x, double lo, double hi, int maxDegree) {
    checkInterval(lo, hi);
    if (maxDegree < 1) {
      throw new IllegalArgumentException("a power basis needs maxDegree >= 1, got " + maxDegree);
    }
    CkksParameters params = eval.params();
    double alpha = 2 / (hi - lo);
    double beta = -(hi + lo) / (hi - lo);
    int level = x.level();
    double s = x.scale();
    if (folds(params, lo, hi, maxDegree, level, s)) {
      long m = foldMultiplier(params, alpha, level, s);
      Ciphertext t1 = eval.blankLike(x);
      eval.mulInteger(x, m, t1);
      t1.setScale(s * m / alpha);
      if (beta != 0) {
        eval.addConst(t1, beta, 0, t1);
      }
      return new PowerBasis(eval, lo, hi, level, true, t1);
    }
    if (level < 1) {
      throw new LevelException(String.format(
          "cannot map [%s, %s] onto [-1, 1]: needs 1 level, has 0 (level=0, scale=2^%.1f)", lo, hi, log2(s)));
    }
    double sigma = (double) params.q(level).q * params.q(level - 1).q / s;
    Ciphertext t1 = eval.blankLike(x);
    eval.mulConst(x, alpha, 0, sigma, t1);
    if (beta != 0) {
      eval.addConst(t1, beta, 0, t1);
    }
    eval.rescale(t1, t1);
    return new PowerBasis(eval, lo, hi, level, false, t1);
  }

  static void checkInterval(double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
      throw new IllegalArgumentException("interval needs finite lo < hi, got [" + lo + ", " + hi + "]");
    }
  }

  /**
   * Whether the map of [lo, hi] onto [-1, 1] is folded (costs no level) for a series of degree up
   * to maxDegree on an input at this level and scale.
   */
  public static boolean folds(CkksParameters params, double lo, double hi, int maxDegree, int level, double scale) {
    checkInterval(lo, hi);
    double alpha = 2 / (hi - lo);
    long m = foldMultiplier(params, alpha, level, scale);
    double q = params.q(level).q;
    double drift = Math.abs(log2(scale * m / (alpha * q))) * Math.max(1, maxDegree);
    return drift <= MAX_FOLD_DRIFT_BITS;
  }

  /**
   * alpha q_level: the input scale at which the map folds exactly (T_1 then sits at scale q_level,
   * no drift). A producer that can choose its output scale (a plaintext product, a previous
   * polynomial) should deliver x at this scale.
   */
  public static double foldedInputScale(CkksParameters params, double lo, double hi, int level) {
    checkInterval(lo, hi);
    return 2 / (hi - lo) * params.q(level).q;
  }

  private static long foldMultiplier(CkksParameters params, double alpha, int level, double scale) {
    double m = Math.rint(alpha * params.q(level).q / scale);
    return (long) Math.max(1, Math.min(m, 0x1p52));
  }

  static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }

  /** The interval's lower end a. */
  public double lo() {
    return lo;
  }

  /** The interval's upper end b. */
  public double hi() {
    return hi;
  }

  /** Whether the map onto [-1, 1] was folded (no level spent on it). */
  public boolean mapFolded() {
    return folded;
  }

  /** The level of the input x. */
  public int inputLevel() {
    return inputLevel;
  }

  /** The level of T_1 (the input level, or one below when the map was not folded). */
  public int level() {
    return powers.get(1).level();
  }

  /** The level T_k has (or will have once built). */
  public int levelOf(int k) {
    return level() - ChebyshevPlan.levelsBelowT1(k);
  }

  /** Whether T_k is already built. */
  public boolean has(int k) {
    return powers.containsKey(k);
  }

  /**
   * T_k, built (with the T_j it needs) if not yet present. The returned ciphertext belongs to the
   * basis: do not modify it.
   *
   * @throws IllegalArgumentException if k &lt; 1
   * @throws LevelException if T_k would fall below level 0
   */
  public Ciphertext t(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("T_" + k + ": only k >= 1 are ciphertexts");
    }
    Ciphertext c = powers.get(k);
    if (c != null) {
      return c;
    }
    if (levelOf(k) < 0) {
      throw new LevelException("cannot build T_" + k + ": needs " + ChebyshevPlan.levelsBelowT1(k)
          + " levels, has " + level() + " (level=" + level() + ")");
    }
    int[] f = ChebyshevPlan.factors(k);
    Ciphertext out;
    if (f.length == 1) {
      Ciphertext a = t(f[0]);
      out = eval.mulNew(a, a);
      eval.relinearize(out, out);
      eval.mulInteger(out, 2, out);
      eval.addConst(out, -1, 0, out);
    } else {
      Ciphertext a = t(f[0]);
      Ciphertext b = t(f[1]);
      Ciphertext c2 = t(f[2]);
      out = eval.mulNew(a, b);
      eval.relinearize(out, out);
      eval.mulInteger(out, 2, out);
      Ciphertext lift = eval.dropLevelNew(c2, out.level());
      eval.mulConst(lift, 1.0, 0, out.scale() / c2.scale(), lift);
      eval.sub(out, lift, out);
    }
    eval.rescale(out, out);
    powers.put(k, out);
    return out;
  }

  /** The prime q_level of the parameters (the divisor of a rescale from that level). */
  double prime(int level) {
    return params.q(level).q;
  }

  Evaluator evaluator() {
    return eval;
  }
}
