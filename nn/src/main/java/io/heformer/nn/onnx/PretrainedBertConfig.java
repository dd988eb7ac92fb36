package io.heformer.nn.onnx;

/**
 * Shape of an imported post-LayerNorm BERT encoder (the architecture of BERT and MiniLM).
 *
 * @param layers number of encoder layers (MiniLM-L6: 6)
 * @param hidden model width (384)
 * @param heads attention heads (12; head width = hidden / heads = 32)
 * @param intermediate feed-forward width (1536)
 * @param vocabSize word-embedding rows (30522)
 * @param maxPositions position-embedding rows (512)
 * @param typeVocabSize token-type-embedding rows (2)
 * @param layerNormEps epsilon inside every LayerNorm's square root (1e-12, as stored in float32)
 */
public record PretrainedBertConfig(
    int layers, int hidden, int heads, int intermediate, int vocabSize, int maxPositions, int typeVocabSize,
    double layerNormEps) {

  /**
   * @throws IllegalArgumentException if a size is not positive, {@code heads} does not divide
   *     {@code hidden}, or the epsilon is not positive
   */
  public PretrainedBertConfig {
    if (layers < 1 || hidden < 1 || heads < 1 || intermediate < 1 || vocabSize < 1 || maxPositions < 1
        || typeVocabSize < 1) {
      throw new IllegalArgumentException(
          "sizes must be positive: layers=" + layers + " hidden=" + hidden + " heads=" + heads
              + " intermediate=" + intermediate + " vocab=" + vocabSize + " positions=" + maxPositions
              + " types=" + typeVocabSize);
    }
    if (hidden % heads != 0) {
      throw new IllegalArgumentException("hidden " + hidden + " not divisible by heads " + heads);
    }
    if (!(layerNormEps > 0)) {
      throw new IllegalArgumentException("layerNormEps must be > 0, got " + layerNormEps);
    }
  }

  /** Width of one attention head. */
  public int headDim() {
    return hidden / heads;
  }
}
