package io.heformer.nn.model;

/** Where the LayerNorms of a transformer block sit. */
public enum NormPlacement {
  /**
   * Pre-LN (the paper's): {@code x += Attn(LN1(x)); x += FFN(LN2(x))}, and a final LayerNorm
   * after the last block.
   */
  PRE,
  /**
   * Post-LN (original BERT, imported checkpoints such as all-MiniLM-L6-v2): {@code x = LN1(x +
   * Attn(x)); x = LN2(x + FFN(x))}, no final LayerNorm.
   */
  POST
}
