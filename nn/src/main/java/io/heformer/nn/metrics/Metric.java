package io.heformer.nn.metrics;

/**
 * A GLUE metric, evaluated on predictions and gold values given as doubles: class labels
 * (integral values) for the classification metrics, scores for the correlations.
 *
 * <p>Why one uniform signature: a task lists its metrics ({@code GlueTask.metrics()}) and an
 * evaluation loop computes all of them without knowing which kind each is.
 */
public enum Metric {
  /** Fraction of exact label matches. */
  ACCURACY,
  /** Binary F1, positive class 1. */
  F1,
  /** Matthews correlation coefficient. */
  MATTHEWS,
  /** Pearson correlation. */
  PEARSON,
  /** Spearman rank correlation. */
  SPEARMAN;

  /** Whether this metric compares class labels (rather than real-valued scores). */
  public boolean isClassification() {
    return this == ACCURACY || this == F1 || this == MATTHEWS;
  }

  /**
   * Evaluates the metric.
   *
   * @param predicted predicted labels (integral values) or scores
   * @param gold gold labels or scores, same length
   * @throws IllegalArgumentException for a classification metric given a non-integral or
   *     negative label, or on length mismatch
   */
  public double evaluate(double[] predicted, double[] gold) {
    return switch (this) {
      case ACCURACY -> ClassificationMetrics.accuracy(labels(predicted), labels(gold));
      case F1 -> ClassificationMetrics.f1(labels(predicted), labels(gold));
      case MATTHEWS -> ClassificationMetrics.matthews(labels(predicted), labels(gold));
      case PEARSON -> CorrelationMetrics.pearson(predicted, gold);
      case SPEARMAN -> CorrelationMetrics.spearman(predicted, gold);
    };
  }

  private static int[] labels(double[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("label " + v + " at " + i + " is not a non-negative integer");
      }
      out[i] = (int) v;
    }
    return out;
  }
}
