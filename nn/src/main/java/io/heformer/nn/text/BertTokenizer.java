package io.heformer.nn.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The BERT tokenizer: {@link BasicTokenizer} then {@link WordPieceTokenizer}, plus the
 * {@code [CLS] A [SEP]} / {@code [CLS] A [SEP] B [SEP]} templates, truncation and padding.
 *
 * <p>Pair truncation is "longest first", as in BERT and Hugging Face: while the pair is too
 * long, drop the last token of the longer sentence (of the second one on ties).
 *
 * <p>Immutable and thread safe.
 */
public final class BertTokenizer {
  private final BasicTokenizer basic;
  private final WordPieceTokenizer wordPiece;

  /** A tokenizer from its two stages. */
  public BertTokenizer(BasicTokenizer basic, WordPieceTokenizer wordPiece) {
    this.basic = basic;
    this.wordPiece = wordPiece;
  }

  /** An uncased BERT tokenizer over {@code vocabulary} with BERT's word-length limit. */
  public static BertTokenizer uncased(Vocabulary vocabulary) {
    return new BertTokenizer(
        new BasicTokenizer(BasicTokenizerOptions.uncased()),
        new WordPieceTokenizer(vocabulary, WordPieceTokenizer.DEFAULT_MAX_INPUT_CHARS_PER_WORD));
  }

  /** The vocabulary. */
  public Vocabulary vocabulary() {
    return wordPiece.vocabulary();
  }

  /** The basic (pre-WordPiece) stage. */
  public BasicTokenizer basicTokenizer() {
    return basic;
  }

  /** Token ids of {@code text}, without special tokens. */
  public int[] tokenIds(String text) {
    IntList ids = new IntList();
    for (String word : basic.tokenize(text)) {
      wordPiece.tokenizeWord(word, ids);
    }
    return ids.toArray();
  }

  /** Token strings of {@code text}, without special tokens. */
  public List<String> tokens(String text) {
    int[] ids = tokenIds(text);
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      out.add(vocabulary().token(id));
    }
    return out;
  }

  /**
   * Encodes one sentence as {@code [CLS] A [SEP]}, truncated to {@code seq} tokens and padded.
   *
   * @throws IllegalArgumentException if {@code seq < 2}
   */
  public EncodedInput encode(String text, int seq) {
    if (seq < 2) {
      throw new IllegalArgumentException("seq must be >= 2 for [CLS] and [SEP], got " + seq);
    }
    int[] a = tokenIds(text);
    return assemble(a, Math.min(a.length, seq - 2), null, 0, seq);
  }

  /**
   * Encodes a sentence pair as {@code [CLS] A [SEP] B [SEP]}, truncated longest-first to
   * {@code seq} tokens and padded; B's tokens and final [SEP] have token type 1.
   *
   * @throws IllegalArgumentException if {@code seq < 3}
   */
  public EncodedInput encodePair(String textA, String textB, int seq) {
    if (seq < 3) {
      throw new IllegalArgumentException("seq must be >= 3 for [CLS] and two [SEP], got " + seq);
    }
    int[] a = tokenIds(textA);
    int[] b = tokenIds(textB);
    int budget = seq - 3;
    int la = a.length;
    int lb = b.length;
    while (la + lb > budget) {
      if (la > lb) {
        la--;
      } else {
        lb--;
      }
    }
    return assemble(a, la, b, lb, seq);
  }

  private EncodedInput assemble(int[] a, int la, int[] b, int lb, int seq) {
    Vocabulary v = vocabulary();
    int[] ids = new int[seq];
    int[] mask = new int[seq];
    int[] types = new int[seq];
    java.util.Arrays.fill(ids, v.padId());
    int p = 0;
    ids[p++] = v.clsId();
    for (int i = 0; i < la; i++) {
      ids[p++] = a[i];
    }
    ids[p++] = v.sepId();
    if (b != null) {
      int startB = p;
      for (int i = 0; i < lb; i++) {
        ids[p++] = b[i];
      }
      ids[p++] = v.sepId();
      for (int i = startB; i < p; i++) {
        types[i] = 1;
      }
    }
    for (int i = 0; i < p; i++) {
      mask[i] = 1;
    }
    return new EncodedInput(ids, mask, types);
  }
}
