package io.heformer.nn.layers;

import io.heformer.nn.nonlinear.NonlinearFunction;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.tensor.Matrix;
import io.heformer.nn.tensor.Parallel;

/**
 * {@code ReLU(x) = x * step(x)}, element-wise, with step through {@link Nonlinearities}.
 *
 * <p>Saved for backward: {@code step(x)}. Backward: {@code dx += G * step(x)}.
 */
public final class Relu {

  private Relu() {}

  /**
   * @param out same shape as in, overwritten
   * @param step saved step(x), overwritten
   * @param in input
   * @param nl STEP at {@code site}
   */
  public static void forward(Matrix out, Matrix step, Matrix in, Nonlinearities nl, String site) {
    int c = in.cols();
    // Rows over the workers: in approximation mode the step is a composite polynomial.
    Parallel.forRows(in.rows(), i -> {
      nl.apply(NonlinearFunction.STEP, site, in.data(), in.rowOffset(i), step.data(),
          step.rowOffset(i), c);
      int xo = in.rowOffset(i);
      int so = step.rowOffset(i);
      int oo = out.rowOffset(i);
      for (int j = 0; j < c; j++) {
        out.data()[oo + j] = in.data()[xo + j] * step.data()[so + j];
      }
    });
  }

  /**
   * @param dIn accumulated
   * @param dOut output gradient
   * @param step saved step(x)
   */
  public static void backward(Matrix dIn, Matrix dOut, Matrix step) {
    int n = dOut.rows();
    int c = dOut.cols();
    for (int i = 0; i < n; i++) {
      int go = dOut.rowOffset(i);
      int so = step.rowOffset(i);
      int xo = dIn.rowOffset(i);
      for (int j = 0; j < c; j++) {
        dIn.data()[xo + j] += dOut.data()[go + j] * step.data()[so + j];
      }
    }
  }
}
