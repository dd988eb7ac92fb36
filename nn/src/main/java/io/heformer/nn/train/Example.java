package io.heformer.nn.train;

/**
 * One labelled sequence: token ids (position 0 is CLS), attention mask (1 real, 0 padding), and
 * either a class label (classification) or a real target (regression, e.g. STS-B).
 *
 * @param tokens token ids, padded to the model's sequence length or shorter
 * @param mask 1 for real tokens, 0 for padding; same length as tokens
 * @param label class index, or -1 for a regression example
 * @param target regression target (ignored for classification)
 */
public record Example(int[] tokens, int[] mask, int label, double target) {

  /** Validates lengths. */
  public Example {
    if (tokens.length == 0 || tokens.length != mask.length) {
      throw new IllegalArgumentException("example needs equal, non-zero token and mask lengths, got "
          + tokens.length + " and " + mask.length);
    }
  }

  /** A classification example. */
  public static Example classification(int[] tokens, int[] mask, int label) {
    return new Example(tokens, mask, label, Double.NaN);
  }

  /** A regression example. */
  public static Example regression(int[] tokens, int[] mask, double target) {
    return new Example(tokens, mask, -1, target);
  }

  /** Index after the last real token (the length the sequence can be trimmed to). */
  public int length() {
    int last = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] == 1) {
        last = i + 1;
      }
    }
    return Math.max(1, last);
  }
}
