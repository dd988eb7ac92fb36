package io.heformer.nn.layers;

import io.heformer.nn.tensor.Matrix;

/**
 * Mean squared error of a one-column prediction: {@code loss = mean_i (yhat_i - y_i)^2} (STS-B
 * regression). Polynomial, so identical in every mode. Backward: {@code dyhat += scale * 2 (yhat -
 * y)} (paper §9).
 */
public final class MeanSquaredError {

  private MeanSquaredError() {}

  /**
   * @param predictions (M, 1)
   * @param targets M targets
   * @return mean loss
   */
  public static double forward(Matrix predictions, double[] targets) {
    if (predictions.cols() != 1 || targets.length < predictions.rows()) {
      throw new IllegalArgumentException(
          "MSE needs (M, 1) predictions and M targets, got (" + predictions.rows() + ", "
              + predictions.cols() + ") and " + targets.length);
    }
    double s = 0;
    for (int i = 0; i < predictions.rows(); i++) {
      double d = predictions.get(i, 0) - targets[i];
      s += d * d;
    }
    return s / predictions.rows();
  }

  /**
   * @param dPredictions (M, 1), accumulated
   * @param predictions forward input
   * @param targets targets
   * @param scale multiplier, usually 1/M
   */
  public static void backward(
      Matrix dPredictions, Matrix predictions, double[] targets, double scale) {
    for (int i = 0; i < predictions.rows(); i++) {
      double d = predictions.get(i, 0) - targets[i];
      dPredictions.set(i, 0, dPredictions.get(i, 0) + scale * 2.0 * d);
    }
  }
}
