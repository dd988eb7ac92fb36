package io.heformer.nn.layers;

/**
 * Which row summary of an example's final hidden states feeds the classification head.
 *
 * <p>Under encryption both are one plaintext mask multiply (one level): CLS keeps row 0; MEAN
 * multiplies the real tokens' rows by {@code 1 / n} and sums the rows with log2 T rotations
 * (backward: the same mask and rotations broadcast the gradient back).
 */
public enum Pooling {
  /** Row 0, the CLS token: the paper's head (§5). */
  CLS,
  /**
   * The mean over the example's real (unpadded) tokens: the pooling all-MiniLM-L6-v2 was trained
   * with as a sentence encoder, so its CLS row carries little that a frozen encoder can re-route.
   */
  MEAN
}
