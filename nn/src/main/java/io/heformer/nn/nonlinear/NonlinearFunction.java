package io.heformer.nn.nonlinear;

/**
 * The non-polynomial scalar functions of the model, each with its exact definition.
 *
 * <p>ReLU is not listed: the model computes {@code ReLU(x) = x * STEP(x)} and uses {@code
 * STEP(x)} as ReLU's derivative, exactly as the encrypted path does with its composite-sign
 * approximation {@code (1 + sgn(x)) / 2} (paper §8, §10). Softmax is exp, a sum and {@link
 * #RECIPROCAL}.
 */
public enum NonlinearFunction {
  /** {@code e^x}: Gaussian-kernel and softmax attention, loss softmax. */
  EXP,
  /** {@code x^(-1/2)} for {@code x > 0}: LayerNorm (x = variance + eps), AdamW-HE. */
  INV_SQRT,
  /** Heaviside step {@code 1[x > 0]}: ReLU gate and its derivative. */
  STEP,
  /** {@code tanh(x)}: the classification head. */
  TANH,
  /** {@code 1 / x}: normalisation of the loss softmax and of softmax attention. */
  RECIPROCAL,
  /** {@code x * Phi(x)} with Phi the standard normal CDF (erf form of GELU). */
  GELU,
  /** {@code d GELU / dx = Phi(x) + x * phi(x)}. */
  GELU_DERIVATIVE;

  /** The exact value of this function at {@code x}. */
  public double exact(double x) {
    return switch (this) {
      case EXP -> Math.exp(x);
      case INV_SQRT -> 1.0 / Math.sqrt(x);
      case STEP -> x > 0 ? 1.0 : 0.0;
      case TANH -> Math.tanh(x);
      case RECIPROCAL -> 1.0 / x;
      case GELU -> x * Gaussian.cdf(x);
      case GELU_DERIVATIVE -> Gaussian.cdf(x) + x * Gaussian.pdf(x);
    };
  }
}
