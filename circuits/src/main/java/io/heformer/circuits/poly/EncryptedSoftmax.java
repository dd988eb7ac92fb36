package io.heformer.circuits.poly;

import io.heformer.approx.Approximation;
import io.heformer.approx.NewtonScheme;
import io.heformer.approx.Softmax;
import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.Evaluator;
import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.poly.PowerBasis;

/**
 * The loss softmax of a few logits on ciphertexts, in {@link Softmax}'s operation order:
 * e_i = exp(z_i); S = sum e_i; y = inverse(sigma S); g = sigma y; p_i = e_i g.
 *
 * <p><b>Layout.</b> One ciphertext per class; slot j of every ciphertext belongs to example j, so a
 * batch of up to N/2 examples is evaluated at once and the sum over classes is a plain addition (no
 * rotation, no rotation key). Row softmax with max subtraction (the attention baseline) is not
 * provided on ciphertexts; its depth (over 100 levels for rows of 128) needs bootstrapping anyway.
 *
 * <p><b>Scales.</b> sigma costs nothing: the ciphertext of S at scale s is the ciphertext of sigma S
 * at scale s / sigma, and likewise for g = sigma y. The exp is asked for the scale that puts sigma S
 * exactly at the inverse's folded input scale (so its map is free), and the inverse for the scale
 * that lands p_i on the target. Depth: exp + inverse + 1, as {@link Softmax#depth(int)} counts it
 * (plus one if the logits arrive at a scale where exp's map cannot be folded).
 *
 * <p>Thread-safe if the {@link Evaluator} is.
 */
public final class EncryptedSoftmax {
  private final EncryptedApproximations approx;
  private final Evaluator eval;

  public EncryptedSoftmax(EncryptedApproximations approx) {
    this.approx = approx;
    this.eval = approx.evaluator();
  }

  private static void checkSupported(Softmax s, int n) {
    if (s.max() != null) {
      throw new IllegalArgumentException("cannot evaluate " + s + " on ciphertexts: max subtraction is not supported");
    }
    if (n < s.minLength() || n > s.maxLength()) {
      throw new IllegalArgumentException("softmax over " + n + " logits, expected " + s.minLength());
    }
  }

  /** The scale of the exp outputs: sigma S then sits at the inverse's folded scale. */
  private double expScale(Softmax s, int expLevel) {
    NewtonScheme inv = s.inverse();
    return s.sumScale() * PowerBasis.foldedInputScale(eval.params(), inv.domain().lo(), inv.domain().hi(), expLevel);
  }

  private int expLevel(Softmax s, int level, double scale) {
    Approximation exp = s.exp();
    int guess = level - approx.depth(exp, level, scale, eval.params().defaultScale());
    return level - approx.depth(exp, level, scale, expScale(s, guess));
  }

  /** The levels {@link #evaluate} consumes on logits at this level and scale. */
  public int depth(Softmax s, int level, double scale) {
    int el = expLevel(s, level, scale);
    double es = expScale(s, el);
    return level - el + approx.depth(s.inverse(), el, es / s.sumScale(), eval.params().defaultScale()) + 1;
  }

  /**
   * The probabilities p_i, one ciphertext per class, at {@code targetScale}.
   *
   * @param logits one ciphertext per class, equal levels and scales
   * @throws IllegalArgumentException for a softmax with max subtraction or a wrong count
   * @throws LevelException if the logits have fewer levels than {@link #depth}
   */
  public Ciphertext[] evaluate(Softmax s, Ciphertext[] logits, double targetScale) {
    checkSupported(s, logits.length);
    Ciphertext z0 = logits[0];
    approx.checkLevel("softmax", z0.level(), depth(s, z0.level(), z0.scale()), z0.scale());
    int el = expLevel(s, z0.level(), z0.scale());
    double es = expScale(s, el);
    Ciphertext[] e = new Ciphertext[logits.length];
    Ciphertext sum = null;
    for (int i = 0; i < logits.length; i++) {
      e[i] = approx.evaluate(s.exp(), logits[i], es);
      sum = sum == null ? e[i].copy() : eval.addNew(sum, e[i]);
    }
    sum.setScale(sum.scale() / s.sumScale()); // now sigma S
    NewtonScheme inv = s.inverse();
    int yLevel = el - approx.depth(inv, sum, eval.params().defaultScale());
    double yScale = targetScale * s.sumScale() * approx.prime(yLevel) / es;
    Ciphertext g = approx.evaluate(inv, sum, yScale);
    g.setScale(g.scale() / s.sumScale()); // now sigma y
    Ciphertext[] p = new Ciphertext[logits.length];
    for (int i = 0; i < logits.length; i++) {
      p[i] = eval.mulNew(e[i], g);
      eval.relinearize(p[i], p[i]);
      eval.rescale(p[i], p[i]);
    }
    return p;
  }
}
