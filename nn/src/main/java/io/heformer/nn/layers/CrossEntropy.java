package io.heformer.nn.layers;

import io.heformer.nn.nonlinear.NonlinearFunction;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.tensor.Matrix;

/**
 * Softmax cross-entropy over the rows of a logit matrix: {@code p = softmax(z)}, {@code loss =
 * mean_rows(-log p[label])}.
 *
 * <p>The softmax is {@code exp(z - max)} times the {@link NonlinearFunction#RECIPROCAL} of the
 * row sum, both through {@link Nonlinearities} (under encryption both are polynomials, and only
 * the gradient is ever computed, paper §9). The loss value itself uses an exact log and is for
 * reporting only.
 *
 * <p>Saved for backward: p (M, K). Backward: {@code dz += scale (p - onehot(label))}.
 */
public final class CrossEntropy {

  private CrossEntropy() {}

  /**
   * @param probs saved softmax (M, K), overwritten
   * @param logits (M, K)
   * @param labels M class indices in {@code [0, K)}
   * @param nl EXP at {@code expSite}, RECIPROCAL at {@code reciprocalSite}
   * @return mean loss over the M rows
   */
  public static double forward(
      Matrix probs, Matrix logits, int[] labels, Nonlinearities nl, String expSite,
      String reciprocalSite) {
    int m = logits.rows();
    int k = logits.cols();
    double[] z = logits.data();
    double[] p = probs.data();
    double loss = 0;
    for (int i = 0; i < m; i++) {
      int y = labels[i];
      if (y < 0 || y >= k) {
        throw new IllegalArgumentException("label " + y + " at row " + i + " outside [0, " + k
            + ")");
      }
      int zo = logits.rowOffset(i);
      int po = probs.rowOffset(i);
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, z[zo + j]);
      }
      for (int j = 0; j < k; j++) {
        p[po + j] = z[zo + j] - max;
      }
      nl.apply(NonlinearFunction.EXP, expSite, p, po, p, po, k);
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += p[po + j];
      }
      double inv = nl.apply(NonlinearFunction.RECIPROCAL, reciprocalSite, sum);
      for (int j = 0; j < k; j++) {
        p[po + j] *= inv;
      }
      loss -= Math.log(Math.max(p[po + y], Double.MIN_NORMAL));
    }
    return loss / m;
  }

  /**
   * @param dLogits (M, K), accumulated
   * @param probs saved softmax
   * @param labels class indices
   * @param scale multiplier, usually 1/M for a mean loss
   */
  public static void backward(Matrix dLogits, Matrix probs, int[] labels, double scale) {
    int m = probs.rows();
    int k = probs.cols();
    for (int i = 0; i < m; i++) {
      int po = probs.rowOffset(i);
      int go = dLogits.rowOffset(i);
      for (int j = 0; j < k; j++) {
        double target = j == labels[i] ? 1.0 : 0.0;
        dLogits.data()[go + j] += scale * (probs.data()[po + j] - target);
      }
    }
  }
}
