package io.heformer.nn.nonlinear;

/**
 * Names of the call sites of non-polynomial functions. A site is {@code <place>.<what>}, with
 * places {@code embedding}, {@code layer<i>} (and within it {@code ln1}, {@code ln2}, {@code
 * attention}, {@code ffn}), {@code final}, {@code head}, {@code loss}, {@code mlm}, {@code
 * optimizer}. Keeping the names in one class keeps the recorder's report and the approximation
 * overrides in step.
 */
public final class Sites {

  private Sites() {}

  /** LayerNorm of the embeddings. */
  public static final String EMBEDDING_LN = "embedding.ln";
  /** Final LayerNorm. */
  public static final String FINAL_LN = "final.ln";
  /** tanh of the classification head. */
  public static final String HEAD_TANH = "head.tanh";
  /** exp of the loss softmax. */
  public static final String LOSS_EXP = "loss.exp";
  /** reciprocal of the loss softmax's sum. */
  public static final String LOSS_RECIPROCAL = "loss.reciprocal";
  /** AdamW-HE's inverse square root. */
  public static final String OPTIMIZER = "optimizer.inv_sqrt";

  /** Site inside transformer layer {@code layer}, e.g. {@code layer(1, "ln1")}. */
  public static String layer(int layer, String what) {
    return "layer" + layer + "." + what;
  }
}
