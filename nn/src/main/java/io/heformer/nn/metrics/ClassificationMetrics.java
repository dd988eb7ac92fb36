package io.heformer.nn.metrics;

/**
 * Metrics of predicted class labels against gold labels: accuracy, binary F1 and the Matthews
 * correlation coefficient.
 *
 * <p>Labels are non-negative ints. Stateless and thread safe; no allocation beyond a K x K
 * confusion matrix for MCC.
 */
public final class ClassificationMetrics {
  private ClassificationMetrics() {}

  /**
   * Fraction of positions where {@code predicted[i] == gold[i]}.
   *
   * @throws IllegalArgumentException if the lengths differ or are 0
   */
  public static double accuracy(int[] predicted, int[] gold) {
    checkLengths(predicted, gold);
    int hit = 0;
    for (int i = 0; i < gold.length; i++) {
      if (predicted[i] == gold[i]) {
        hit++;
      }
    }
    return (double) hit / gold.length;
  }

  /**
   * Binary F1 with class 1 positive: {@code 2 TP / (2 TP + FP + FN)}; 0 when there is no
   * predicted and no gold positive (scikit-learn's zero-division value).
   *
   * @throws IllegalArgumentException if the lengths differ or are 0, or a label is not 0 or 1
   */
  public static double f1(int[] predicted, int[] gold) {
    checkLengths(predicted, gold);
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < gold.length; i++) {
      checkBinary(predicted[i], i, "predicted");
      checkBinary(gold[i], i, "gold");
      if (predicted[i] == 1 && gold[i] == 1) {
        tp++;
      } else if (predicted[i] == 1) {
        fp++;
      } else if (gold[i] == 1) {
        fn++;
      }
    }
    long denominator = 2 * tp + fp + fn;
    return denominator == 0 ? 0.0 : 2.0 * tp / denominator;
  }

  /**
   * Matthews correlation coefficient, K-class form: with confusion counts C (rows gold, columns
   * predicted), s = n, c = trace, t_k = row sums, p_k = column sums,
   * {@code MCC = (c s - sum p_k t_k) / sqrt((s^2 - sum p_k^2)(s^2 - sum t_k^2))}. For two classes
   * it equals {@code (TP TN - FP FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN))}. 0 when the
   * denominator is 0 (all predictions, or all gold labels, in one class).
   *
   * @throws IllegalArgumentException if the lengths differ or are 0, or a label is negative
   */
  public static double matthews(int[] predicted, int[] gold) {
    checkLengths(predicted, gold);
    int classes = 0;
    for (int i = 0; i < gold.length; i++) {
      if (predicted[i] < 0 || gold[i] < 0) {
        throw new IllegalArgumentException(
            "negative label at " + i + ": predicted " + predicted[i] + ", gold " + gold[i]);
      }
      classes = Math.max(classes, Math.max(predicted[i], gold[i]) + 1);
    }
    long[] goldSums = new long[classes];
    long[] predSums = new long[classes];
    long correct = 0;
    for (int i = 0; i < gold.length; i++) {
      goldSums[gold[i]]++;
      predSums[predicted[i]]++;
      if (predicted[i] == gold[i]) {
        correct++;
      }
    }
    double s = gold.length;
    double cov = correct * s;
    double predSq = s * s;
    double goldSq = s * s;
    for (int k = 0; k < classes; k++) {
      cov -= (double) predSums[k] * goldSums[k];
      predSq -= (double) predSums[k] * predSums[k];
      goldSq -= (double) goldSums[k] * goldSums[k];
    }
    double denominator = Math.sqrt(predSq * goldSq);
    return denominator == 0 ? 0.0 : cov / denominator;
  }

  private static void checkBinary(int label, int index, String which) {
    if (label != 0 && label != 1) {
      throw new IllegalArgumentException(which + " label " + label + " at " + index + " is not 0 or 1");
    }
  }

  private static void checkLengths(int[] predicted, int[] gold) {
    if (predicted.length != gold.length || gold.length == 0) {
      throw new IllegalArgumentException(
          "need equal non-zero lengths, got predicted " + predicted.length + ", gold " + gold.length);
    }
  }
}
