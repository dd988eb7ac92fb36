package io.heformer.nn.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BERT's basic tokenizer: text cleanup and the split into words and punctuation marks that
 * precedes WordPiece.
 *
 * <p>Steps, in the order of the original BERT code: (1) drop NUL, U+FFFD and control characters
 * (Unicode category C*, except tab, newline and carriage return, which count as whitespace) and
 * map every whitespace character (space, tab, newline, CR, category Zs) to a space; (2) surround
 * CJK ideographs with spaces (optional); (3) split on whitespace; (4) per word, lower-case and
 * strip accents (optional); (5) split every punctuation character into its own word, where
 * punctuation is ASCII {@code !-/ :-@ [-` {-~} or any Unicode category P*.
 *
 * <p>Why these exact rules: token ids of a pretrained model are only right if its text was
 * split the same way at pretraining time.
 *
 * <p>Immutable and thread safe.
 */
public final class BasicTokenizer {
  private final BasicTokenizerOptions options;

  /** A basic tokenizer with the given switches. */
  public BasicTokenizer(BasicTokenizerOptions options) {
    this.options = options;
  }

  /** The switches. */
  public BasicTokenizerOptions options() {
    return options;
  }

  /**
   * Splits {@code text} into words and punctuation marks.
   *
   * @return the pieces in text order; empty for blank text
   */
  public List<String> tokenize(String text) {
    String cleaned = clean(text);
    List<String> out = new ArrayList<>();
    for (String word : cleaned.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      String w = word;
      if (options.lowerCase()) {
        w = w.toLowerCase(Locale.ROOT);
      }
      if (options.stripAccents()) {
        w = stripAccents(w);
      }
      splitPunctuation(w, out);
    }
    return out;
  }

  /** Steps 1 and 2: drop control characters, normalise whitespace, isolate CJK ideographs. */
  private String clean(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
        continue;
      }
      if (isWhitespace(cp)) {
        sb.append(' ');
      } else if (options.handleChineseChars() && isCjk(cp)) {
        sb.append(' ').appendCodePoint(cp).append(' ');
      } else {
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  private static String stripAccents(String word) {
    String nfd = Normalizer.normalize(word, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(nfd.length());
    for (int i = 0; i < nfd.length(); ) {
      int cp = nfd.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) != Character.NON_SPACING_MARK) {
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  private static void splitPunctuation(String word, List<String> out) {
    int start = 0;
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isPunctuation(cp)) {
        if (start < i) {
          out.add(word.substring(start, i));
        }
        out.add(word.substring(i, next));
        start = next;
      }
      i = next;
    }
    if (start < word.length()) {
      out.add(word.substring(start));
    }
  }

  /** Space, tab, newline, CR, or a Unicode space separator (Zs). */
  static boolean isWhitespace(int cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'
        || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  /** A Unicode "other" character (Cc, Cf, Cn, Co, Cs) that is not tab, newline or CR. */
  static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE,
          Character.SURROGATE -> true;
      default -> false;
    };
  }

  /** ASCII non-alphanumeric symbols (as BERT treats them) or any Unicode punctuation (P*). */
  static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  /** A CJK Unified Ideograph (blocks of BERT's rule; Hangul and kana are not included). */
  static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
