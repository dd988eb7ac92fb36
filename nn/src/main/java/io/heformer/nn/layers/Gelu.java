package io.heformer.nn.layers;

import io.heformer.nn.nonlinear.NonlinearFunction;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.tensor.Matrix;
import io.heformer.nn.tensor.Parallel;

/**
 * {@code GELU(x) = x Phi(x)} (the erf form used by BERT checkpoints), element-wise.
 *
 * <p>Saved for backward: {@code GELU'(x)} (same shape), evaluated in forward through {@link
 * NonlinearFunction#GELU_DERIVATIVE}. Backward: {@code dx += G * GELU'(x)}.
 */
public final class Gelu {

  private Gelu() {}

  /**
   * @param out same shape as in, overwritten
   * @param derivative saved GELU'(x), overwritten
   * @param in input
   * @param nl GELU and GELU_DERIVATIVE at {@code site}
   */
  public static void forward(
      Matrix out, Matrix derivative, Matrix in, Nonlinearities nl, String site) {
    int c = in.cols();
    // Rows over the workers: erf is the costliest element-wise function of imported models.
    Parallel.forRows(in.rows(), i -> {
      nl.apply(NonlinearFunction.GELU, site, in.data(), in.rowOffset(i), out.data(),
          out.rowOffset(i), c);
      nl.apply(NonlinearFunction.GELU_DERIVATIVE, site, in.data(), in.rowOffset(i),
          derivative.data(), derivative.rowOffset(i), c);
    });
  }

  /**
   * @param dIn accumulated
   * @param dOut output gradient
   * @param derivative saved GELU'(x)
   */
  public static void backward(Matrix dIn, Matrix dOut, Matrix derivative) {
    Relu.backward(dIn, dOut, derivative);
  }
}
