package io.heformer.nn.data;

/**
 * One labelled GLUE example as text.
 *
 * @param textA the (first) sentence
 * @param textB the second sentence of a pair task, or {@code null} for single-sentence tasks
 * @param label class id for classification tasks ({@code 0..numLabels-1}); -1 for regression
 * @param target the regression target (STS-B score in [0, 5]); equals {@code label} for
 *     classification tasks
 */
public record GlueExample(String textA, String textB, int label, double target) {

  /** Whether this is a sentence pair. */
  public boolean isPair() {
    return textB != null;
  }
}
