package io.heformer.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Metrics on small inputs whose values are worked out by hand in the comments. */
class MetricsTest {
  // predicted vs gold: TP at 0 and 3, TN at 1, FP at 2, FN at 4.
  private static final int[] PRED = {1, 0, 1, 1, 0};
  private static final int[] GOLD = {1, 0, 0, 1, 1};

  @Test
  void accuracyCountsMatches() {
    // Matches at 0, 1, 3: 3 / 5.
    assertEquals(0.6, ClassificationMetrics.accuracy(PRED, GOLD), 1e-15);
  }

  @Test
  void f1OfThePositiveClass() {
    // TP = 2, FP = 1, FN = 1: 2 TP / (2 TP + FP + FN) = 4 / 6.
    assertEquals(2.0 / 3.0, ClassificationMetrics.f1(PRED, GOLD), 1e-15);
    // No positives anywhere: 0 by convention.
    assertEquals(0.0, ClassificationMetrics.f1(new int[] {0, 0}, new int[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.f1(new int[] {2}, new int[] {1}));
  }

  @Test
  void matthewsBinary() {
    // (TP TN - FP FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = (2*1 - 1*1) / sqrt(3*3*2*2) = 1/6.
    assertEquals(1.0 / 6.0, ClassificationMetrics.matthews(PRED, GOLD), 1e-15);
    assertEquals(1.0, ClassificationMetrics.matthews(GOLD, GOLD), 1e-15);
    int[] flipped = {0, 1, 1, 0, 0};
    assertEquals(-1.0, ClassificationMetrics.matthews(flipped, GOLD), 1e-15);
    // All predictions in one class: denominator 0, MCC 0 (scikit-learn's convention).
    assertEquals(0.0, ClassificationMetrics.matthews(new int[] {1, 1, 1, 1, 1}, GOLD));
  }

  @Test
  void matthewsMultiClass() {
    // n = 6, 3 correct, predicted and gold class counts all 2:
    // (3*6 - 3*4) / sqrt((36 - 12)(36 - 12)) = 6 / 24.
    int[] pred = {0, 1, 2, 0, 1, 2};
    int[] gold = {0, 1, 2, 1, 2, 0};
    assertEquals(0.25, ClassificationMetrics.matthews(pred, gold), 1e-15);
  }

  @Test
  void pearsonAndSpearman() {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {2, 4, 5, 4, 5};
    // Deviations dx = (-2,-1,0,1,2), dy = (-2,0,1,0,1): sxy = 6, sxx = 10, syy = 6, r = 6/sqrt(60).
    assertEquals(6 / Math.sqrt(60), CorrelationMetrics.pearson(x, y), 1e-15);
    // Ranks of y with ties averaged: (1, 2.5, 4.5, 2.5, 4.5); against ranks of x:
    // sxy = 4 + 0.5 + 0 - 0.5 + 3 = 7, sxx = 10, syy = 9, rho = 7/sqrt(90).
    assertArrayEquals(new double[] {1, 2.5, 4.5, 2.5, 4.5}, CorrelationMetrics.ranks(y), 0);
    assertEquals(7 / Math.sqrt(90), CorrelationMetrics.spearman(x, y), 1e-15);
    // Invariant to an affine change of one side, sign flips with negation.
    double[] z = {-3, -7, -9, -7, -9};
    assertEquals(-6 / Math.sqrt(60), CorrelationMetrics.pearson(x, z), 1e-14);
    assertTrue(Double.isNaN(CorrelationMetrics.pearson(x, new double[] {3, 3, 3, 3, 3})));
  }

  @Test
  void metricEnumDispatchesOnDoubles() {
    double[] p = {1, 0, 1, 1, 0};
    double[] g = {1, 0, 0, 1, 1};
    assertEquals(0.6, Metric.ACCURACY.evaluate(p, g), 1e-15);
    assertEquals(2.0 / 3.0, Metric.F1.evaluate(p, g), 1e-15);
    assertEquals(1.0 / 6.0, Metric.MATTHEWS.evaluate(p, g), 1e-15);
    assertTrue(Metric.MATTHEWS.isClassification());
    assertTrue(!Metric.PEARSON.isClassification());
    assertThrows(IllegalArgumentException.class, () -> Metric.ACCURACY.evaluate(new double[] {0.5}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.accuracy(new int[] {1}, new int[] {1, 0}));
  }
}
