package io.heformer.nn.optim;

import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.ParameterLayout;
import io.heformer.nn.nonlinear.NonlinearFunction;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.nonlinear.Sites;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * AdamW with decoupled weight decay, over the tensors of the selected {@link ParameterGroup}s; the
 * moments m and v are flat arrays with the parameters' layout (STYLE.md R8). At step {@code t =
 * 1, 2, ...} (bias correction starts at 1: the reference code's t = 0 gives 1/(1 - beta^0) =
 * infinity, PAPER.md §11):
 *
 * <pre>
 * m = b1 m + (1 - b1) g          v = b2 v + (1 - b2) g^2
 * mhat = m / (1 - b1^t)          vhat = v / (1 - b2^t)
 * theta = (1 - lr wd) theta - lr mhat / (sqrt(vhat) + eps)         STANDARD
 * theta = (1 - lr wd) theta - lr mhat (vhat + eps)^(-1/2)          HE (AdamW-HE, Algorithm 1)
 * </pre>
 *
 * Weight decay applies only to tensors whose layout entry says so (not to LayerNorm gains and
 * biases). In the HE variant the inverse square root goes through {@link Nonlinearities} at site
 * {@link Sites#OPTIMIZER}, so the encrypted path's polynomial can be substituted and the range of
 * {@code vhat + eps} recorded.
 */
public final class AdamW {

  /** Where epsilon goes. */
  public enum Variant {
    /** {@code mhat / (sqrt(vhat) + eps)} (Loshchilov and Hutter). */
    STANDARD,
    /** {@code mhat (vhat + eps)^(-1/2)}: bounded-below input for a polynomial inverse sqrt. */
    HE
  }

  /**
   * Hyperparameters.
   *
   * @param beta1 first-moment decay
   * @param beta2 second-moment decay
   * @param eps epsilon
   * @param weightDecay decoupled weight decay lambda
   * @param variant where epsilon goes
   */
  public record Hyper(double beta1, double beta2, double eps, double weightDecay,
      Variant variant) {
    /** Validates ranges. */
    public Hyper {
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("betas must lie in [0, 1), got " + beta1 + ", "
            + beta2);
      }
      if (!(eps > 0) || !(weightDecay >= 0)) {
        throw new IllegalArgumentException("eps must be > 0 and weight decay >= 0, got " + eps
            + ", " + weightDecay);
      }
      Objects.requireNonNull(variant);
    }

    /** The paper's encrypted fine-tuning settings: b1 0.9, b2 0.99, eps 6e-4, wd 0.01, HE. */
    public static Hyper paperHe() {
      return new Hyper(0.9, 0.99, 6e-4, 0.01, Variant.HE);
    }

    /** Common plaintext AdamW: b1 0.9, b2 0.999, eps 1e-8, wd 0.01. */
    public static Hyper standard() {
      return new Hyper(0.9, 0.999, 1e-8, 0.01, Variant.STANDARD);
    }
  }

  private final List<ParameterLayout.Entry> entries = new ArrayList<>();
  private final Hyper hyper;
  private final Nonlinearities nl;
  private final double[] m;
  private final double[] v;
  private final double[] scratch;
  private final double[] lrScale;
  private int step;

  /**
   * @param layout the parameters' layout
   * @param groups groups to update; others are left untouched
   * @param hyper hyperparameters
   * @param nl non-linearities for the HE variant's inverse square root
   */
  public AdamW(ParameterLayout layout, Set<ParameterGroup> groups, Hyper hyper,
      Nonlinearities nl) {
    this(layout, e -> groups.contains(e.group()), hyper, nl);
  }

  /**
   * @param layout the parameters' layout
   * @param which the tensors to update; others are left untouched (no weight decay either)
   * @param hyper hyperparameters
   * @param nl non-linearities for the HE variant's inverse square root
   */
  public AdamW(ParameterLayout layout, Predicate<ParameterLayout.Entry> which, Hyper hyper,
      Nonlinearities nl) {
    this.hyper = Objects.requireNonNull(hyper);
    this.nl = Objects.requireNonNull(nl);
    int largest = 1;
    for (ParameterLayout.Entry e : layout.entries()) {
      if (which.test(e)) {
        entries.add(e);
        largest = Math.max(largest, e.size());
      }
    }
    this.m = new double[layout.size()];
    this.v = new double[layout.size()];
    this.scratch = new double[largest];
    this.lrScale = new double[entries.size()];
    java.util.Arrays.fill(lrScale, 1.0);
  }

  /**
   * Multiplies the learning rate (and so the decoupled weight decay) of one group's tensors by
   * {@code scale}, e.g. a freshly initialised head trained faster than a pretrained encoder.
   *
   * @return this
   */
  public AdamW scaleLearningRate(ParameterGroup group, double scale) {
    return scaleLearningRate(e -> e.group() == group, scale);
  }

  /**
   * Multiplies the learning rate (and weight decay) of the tensors that {@code which} selects by
   * {@code scale}; scales of overlapping selections multiply. LoRA+ uses it to train the
   * zero-initialised factor B faster than A.
   *
   * @return this
   */
  public AdamW scaleLearningRate(Predicate<ParameterLayout.Entry> which, double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("learning-rate scale must be positive, got " + scale);
    }
    for (int k = 0; k < entries.size(); k++) {
      if (which.test(entries.get(k))) {
        lrScale[k] *= scale;
      }
    }
    return this;
  }

  /** Number of steps taken. */
  public int steps() {
    return step;
  }

  /** First moments (layout of the parameters). */
  public double[] firstMoment() {
    return m;
  }

  /** Second moments. */
  public double[] secondMoment() {
    return v;
  }

  /** Restores state (from a checkpoint). */
  public void restore(int steps, double[] first, double[] second) {
    if (first.length != m.length || second.length != v.length || steps < 0) {
      throw new IllegalArgumentException("optimizer state of length " + first.length + "/"
          + second.length + " and step " + steps + " does not fit layout size " + m.length);
    }
    System.arraycopy(first, 0, m, 0, m.length);
    System.arraycopy(second, 0, v, 0, v.length);
    this.step = steps;
  }

  /**
   * One update of the selected tensors.
   *
   * @param params parameter array (layout order), updated in place
   * @param grads gradient array, same layout
   * @param lr learning rate of this step
   */
  public void step(double[] params, double[] grads, double lr) {
    if (params.length != m.length || grads.length != m.length) {
      throw new IllegalArgumentException("arrays of length " + params.length + "/" + grads.length
          + " do not match the layout size " + m.length);
    }
    step++;
    double b1 = hyper.beta1();
    double b2 = hyper.beta2();
    double c1 = 1.0 / (1.0 - Math.pow(b1, step));
    double c2 = 1.0 / (1.0 - Math.pow(b2, step));
    double eps = hyper.eps();
    for (int k = 0; k < entries.size(); k++) {
      ParameterLayout.Entry e = entries.get(k);
      int from = e.offset();
      int n = e.size();
      double tensorLr = lr * lrScale[k];
      double decay = e.decay() ? 1.0 - tensorLr * hyper.weightDecay() : 1.0;
      for (int i = 0; i < n; i++) {
        int j = from + i;
        double g = grads[j];
        m[j] = b1 * m[j] + (1 - b1) * g;
        v[j] = b2 * v[j] + (1 - b2) * g * g;
        double vhat = v[j] * c2;
        scratch[i] = hyper.variant() == Variant.HE ? vhat + eps : 1.0 / (Math.sqrt(vhat) + eps);
      }
      if (hyper.variant() == Variant.HE) {
        nl.apply(NonlinearFunction.INV_SQRT, Sites.OPTIMIZER, scratch, 0, scratch, 0, n);
      }
      for (int i = 0; i < n; i++) {
        int j = from + i;
        params[j] = decay * params[j] - tensorLr * m[j] * c1 * scratch[i];
      }
    }
  }
}
