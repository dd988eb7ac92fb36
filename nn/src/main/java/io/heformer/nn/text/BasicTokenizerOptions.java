package io.heformer.nn.text;

/**
 * What {@link BasicTokenizer} does before splitting: the switches of BERT's basic tokenizer.
 *
 * @param lowerCase lower-case the text (uncased models)
 * @param stripAccents decompose (NFD) and drop non-spacing marks, e.g. "café" to "cafe"
 * @param handleChineseChars put spaces around CJK ideographs so each is its own word
 */
public record BasicTokenizerOptions(boolean lowerCase, boolean stripAccents, boolean handleChineseChars) {

  /** The settings of BERT-uncased models (MiniLM included): all three on. */
  public static BasicTokenizerOptions uncased() {
    return new BasicTokenizerOptions(true, true, true);
  }
}
