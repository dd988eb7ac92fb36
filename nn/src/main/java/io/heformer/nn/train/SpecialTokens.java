package io.heformer.nn.train;

/**
 * Token ids with a special role in pretraining. For the BERT-uncased WordPiece vocabulary:
 * [PAD] 0, [UNK] 100, [CLS] 101, [SEP] 102, [MASK] 103 ({@link #bertUncased}).
 *
 * @param pad padding
 * @param cls classification token at position 0
 * @param sep separator
 * @param mask the [MASK] replacement
 * @param firstRegular smallest id that random replacement may draw (skips special ids)
 */
public record SpecialTokens(int pad, int cls, int sep, int mask, int firstRegular) {

  /** The BERT-uncased vocabulary's ids; regular tokens start after [MASK]. */
  public static SpecialTokens bertUncased() {
    return new SpecialTokens(0, 101, 102, 103, 104);
  }
}
