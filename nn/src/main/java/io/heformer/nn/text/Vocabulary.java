package io.heformer.nn.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WordPiece vocabulary: a bijection between token strings and ids {@code 0..size-1}, with the
 * five BERT special tokens required to be present.
 *
 * <p>Continuation pieces carry the {@link #CONTINUATION_PREFIX} ("##"). The id of a token is
 * its position in the list it was built from, which is also its (0-based) line number in a BERT
 * {@code vocab.txt}.
 *
 * <p>Immutable and thread safe.
 */
public final class Vocabulary {
  /** Prefix that marks a word piece continuing a word. */
  public static final String CONTINUATION_PREFIX = "##";
  /** Padding token. */
  public static final String PAD = "[PAD]";
  /** Unknown-word token. */
  public static final String UNK = "[UNK]";
  /** Sequence-start (classification) token. */
  public static final String CLS = "[CLS]";
  /** Separator token. */
  public static final String SEP = "[SEP]";
  /** Masked-language-model mask token. */
  public static final String MASK = "[MASK]";
  /** The special tokens, in the order a trained vocabulary lists them first. */
  public static final List<String> SPECIAL_TOKENS = List.of(PAD, UNK, CLS, SEP, MASK);

  private final List<String> tokens;
  private final Map<String, Integer> ids;
  private final int padId;
  private final int unkId;
  private final int clsId;
  private final int sepId;
  private final int maskId;

  /**
   * A vocabulary whose token {@code i} has id {@code i}.
   *
   * @throws IllegalArgumentException if a token repeats, is empty, or a special token is missing
   */
  public Vocabulary(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    this.ids = new HashMap<>(tokens.size() * 2);
    for (int i = 0; i < this.tokens.size(); i++) {
      String t = this.tokens.get(i);
      if (t.isEmpty()) {
        throw new IllegalArgumentException("empty token at id " + i);
      }
      Integer previous = ids.put(t, i);
      if (previous != null) {
        throw new IllegalArgumentException(
            "token '" + t + "' appears twice, at ids " + previous + " and " + i);
      }
    }
    this.padId = required(PAD);
    this.unkId = required(UNK);
    this.clsId = required(CLS);
    this.sepId = required(SEP);
    this.maskId = required(MASK);
  }

  private int required(String special) {
    Integer id = ids.get(special);
    if (id == null) {
      throw new IllegalArgumentException(
          "vocabulary of " + tokens.size() + " tokens lacks the special token " + special);
    }
    return id;
  }

  /**
   * Reads a BERT {@code vocab.txt}: one token per line, id = line number from 0.
   *
   * @throws IOException if reading fails
   */
  public static Vocabulary readVocabTxt(Reader in) throws IOException {
    List<String> tokens = new ArrayList<>();
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      tokens.add(line);
    }
    return new Vocabulary(tokens);
  }

  /**
   * Writes the vocabulary as a BERT {@code vocab.txt} (one token per line, "\n" endings).
   *
   * @throws IOException if writing fails
   */
  public void writeVocabTxt(Writer out) throws IOException {
    for (String t : tokens) {
      out.write(t);
      out.write('\n');
    }
    out.flush();
  }

  /** Number of tokens. */
  public int size() {
    return tokens.size();
  }

  /** Whether {@code token} is in the vocabulary. */
  public boolean contains(String token) {
    return ids.containsKey(token);
  }

  /**
   * The id of {@code token}.
   *
   * @throws IllegalArgumentException if the token is not in the vocabulary
   */
  public int id(String token) {
    Integer id = ids.get(token);
    if (id == null) {
      throw new IllegalArgumentException("token '" + token + "' not in the vocabulary of " + size());
    }
    return id;
  }

  /** The id of {@code token}, or the [UNK] id if absent. */
  public int idOrUnk(String token) {
    return ids.getOrDefault(token, unkId);
  }

  /**
   * The token with id {@code id}.
   *
   * @throws IllegalArgumentException if {@code id} is outside {@code [0, size)}
   */
  public String token(int id) {
    if (id < 0 || id >= tokens.size()) {
      throw new IllegalArgumentException("id " + id + " outside [0, " + tokens.size() + ")");
    }
    return tokens.get(id);
  }

  /** All tokens in id order (unmodifiable). */
  public List<String> tokens() {
    return tokens;
  }

  /** Whether {@code id} is one of the five special tokens. */
  public boolean isSpecial(int id) {
    return id == padId || id == unkId || id == clsId || id == sepId || id == maskId;
  }

  /** Id of [PAD]. */
  public int padId() {
    return padId;
  }

  /** Id of [UNK]. */
  public int unkId() {
    return unkId;
  }

  /** Id of [CLS]. */
  public int clsId() {
    return clsId;
  }

  /** Id of [SEP]. */
  public int sepId() {
    return sepId;
  }

  /** Id of [MASK]. */
  public int maskId() {
    return maskId;
  }
}
