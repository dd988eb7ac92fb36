package io.heformer.nn.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy longest-match-first WordPiece: splits one word into the longest vocabulary prefix, then
 * the longest {@code ##}-continuation of the rest, and so on.
 *
 * <p>A word with no full split (some remainder matches no piece), or longer than
 * {@code maxInputCharsPerWord} code points, becomes a single [UNK], as in BERT.
 *
 * <p>Immutable and thread safe.
 */
public final class WordPieceTokenizer {
  /** BERT's limit on word length (code points) before a word is mapped to [UNK]. */
  public static final int DEFAULT_MAX_INPUT_CHARS_PER_WORD = 100;

  private final Vocabulary vocabulary;
  private final int maxInputCharsPerWord;

  /**
   * @param vocabulary the pieces
   * @param maxInputCharsPerWord words longer than this (in code points) become [UNK]
   * @throws IllegalArgumentException if {@code maxInputCharsPerWord < 1}
   */
  public WordPieceTokenizer(Vocabulary vocabulary, int maxInputCharsPerWord) {
    if (maxInputCharsPerWord < 1) {
      throw new IllegalArgumentException("maxInputCharsPerWord must be >= 1, got " + maxInputCharsPerWord);
    }
    this.vocabulary = vocabulary;
    this.maxInputCharsPerWord = maxInputCharsPerWord;
  }

  /** The vocabulary. */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Appends the ids of the pieces of {@code word} (a word from {@link BasicTokenizer}) to
   * {@code out}.
   */
  public void tokenizeWord(String word, IntList out) {
    int[] cps = word.codePoints().toArray();
    if (cps.length > maxInputCharsPerWord) {
      out.add(vocabulary.unkId());
      return;
    }
    int mark = out.size();
    int start = 0;
    while (start < cps.length) {
      int found = -1;
      int end = cps.length;
      while (end > start) {
        String piece = new String(cps, start, end - start);
        if (start > 0) {
          piece = Vocabulary.CONTINUATION_PREFIX + piece;
        }
        if (vocabulary.contains(piece)) {
          found = vocabulary.id(piece);
          break;
        }
        end--;
      }
      if (found < 0) {
        out.truncate(mark);
        out.add(vocabulary.unkId());
        return;
      }
      out.add(found);
      start = end;
    }
  }

  /** The piece strings of {@code word}, for inspection and tests. */
  public List<String> pieces(String word) {
    IntList ids = new IntList();
    tokenizeWord(word, ids);
    List<String> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      out.add(vocabulary.token(ids.get(i)));
    }
    return out;
  }
}
