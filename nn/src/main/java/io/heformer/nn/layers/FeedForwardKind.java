package io.heformer.nn.layers;

/**
 * The feed-forward block {@code out = act(h W_in) W_out} and its activation.
 *
 * <ul>
 *   <li>{@link #RELU_GLU} (the paper's): {@code h W_in} has {@code ffnDim} columns, split into
 *       {@code [u | g]} of {@code ffnDim / 2} each; {@code act = u * ReLU(g)} ({@link ReluGlu});
 *       {@code W_out} is {@code (ffnDim / 2, C)}.
 *   <li>{@link #GELU_MLP} (BERT, imported models): {@code act = GELU} ({@link Gelu}).
 *   <li>{@link #RELU_MLP}: {@code act = ReLU} ({@link Relu}).
 * </ul>
 */
public enum FeedForwardKind {
  /** Gated: u * ReLU(g). */
  RELU_GLU,
  /** GELU MLP. */
  GELU_MLP,
  /** ReLU MLP. */
  RELU_MLP;

  /** Number of columns of the activation output (the input of W_out) for a given ffnDim. */
  public int hiddenWidth(int ffnDim) {
    return this == RELU_GLU ? ffnDim / 2 : ffnDim;
  }
}
