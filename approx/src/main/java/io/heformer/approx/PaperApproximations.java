package io.heformer.approx;

/**
 * The approximations at the settings of the paper (Rho et al., ICLR 2025; see docs/PAPER.md
 * section 8), generated through {@link Approximations} (cached). Intervals are the paper's;
 * where the paper leaves a choice open (the sign gap, the start interval of 1/sqrt) the choice is
 * documented on the method.
 */
public final class PaperApproximations {

  private PaperApproximations() {}

  /**
   * exp in Gaussian-kernel attention: (1 + x/2^14)^(2^14) on [-2^14, 0] (the -10000 padding mask
   * lies inside). Depth 14.
   */
  public static ExpBySquaring gaussianKernelExp() {
    return Approximations.expPower(new Interval(-16384, 0), 14);
  }

  /**
   * 1/sqrt in LayerNorm and AdamW-HE: degree-127 minimax start and 3 Newton steps. The paper fits
   * on [0, 1] and states validity from 0.0005; we fit on [0.0005, 1] itself (1/sqrt is unbounded
   * at 0), with relative-error weighting. Inputs are pre-scaled by 1/K (K from measured ranges).
   */
  public static NewtonScheme inverseSqrt() {
    return Approximations.inverseSqrt(new Interval(0.0005, 1), 127, 3);
  }

  /**
   * ReLU in the ReLU-GLU feed-forward: composite sign of degrees 15, 15, 27 on inputs scaled by
   * 1/50, the gap balanced against the precision (the paper does not state its gap).
   */
  public static Relu relu() {
    return Approximations.relu(50, 15, 15, 27);
  }

  /** tanh in the pooler, degree 63 on [-5, 5] (CoLA, MRPC, RTE, STS-B). */
  public static ChebyshevSeries tanh() {
    return Approximations.tanh(5, 63);
  }

  /** tanh in the pooler, degree 127 on [-16, 16] (SST-2, QNLI). */
  public static ChebyshevSeries tanhWide() {
    return Approximations.tanh(16, 127);
  }

  /**
   * The 2-class loss softmax: exp degree 15 on [-2, 2], inverse degree 63 (no Newton step) on the
   * pre-scaled sum, as in the paper; our pre-scaling follows from the logit interval.
   */
  public static Softmax lossSoftmax() {
    return Approximations.lossSoftmax(2, Interval.symmetric(2), 15, 63, 0);
  }

  /**
   * The baseline softmax attention over rows of 128 scores in [-16, 16]: tournament max with the
   * 15, 15, 27 composite sign, exp by squaring to 1e-6, Newton inverse to relative 1e-6.
   */
  public static Softmax baselineRowSoftmax() {
    return Approximations.rowSoftmax(128, 16, 1e-6, 1e-6, 15, 15, 27);
  }
}
