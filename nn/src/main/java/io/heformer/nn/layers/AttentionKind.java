package io.heformer.nn.layers;

/** How attention scores become weights. */
public enum AttentionKind {
  /**
   * The paper's Gaussian kernel: {@code S_ij = exp(-||q_i - k_j||^2 / (2 sqrt d) + M_ij)}, output
   * {@code S V}, no row normalisation (no max, no division under encryption).
   */
  GAUSSIAN_KERNEL,
  /** The baseline: {@code A = softmax(q_i . k_j / sqrt d + M_ij)} over j, output {@code A V}. */
  SOFTMAX
}
