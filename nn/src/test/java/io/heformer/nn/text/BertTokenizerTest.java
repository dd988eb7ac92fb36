package io.heformer.nn.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BERT tokenizer over the all-MiniLM-L6-v2 vocabulary (the bert-base-uncased vocabulary).
 * Expected ids are the well-known bert-base-uncased ids, i.e. the 0-based line numbers of its
 * {@code vocab.txt}: [PAD] 0, [UNK] 100, [CLS] 101, [SEP] 102, [MASK] 103, "!" 999, "'" 1005,
 * "," 1010, "." 1012, "t" 1056, "the" 1996, "on" 2006, "##s" 2015, "world" 2088, "don" 2123,
 * "hello" 7592, ...
 */
class BertTokenizerTest {
  private static BertTokenizer tokenizer;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = BertTokenizerTest.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
      tokenizer = TokenizerJsonReader.read(in);
    }
  }

  @Test
  void specialTokensHaveTheBertIds() {
    Vocabulary v = tokenizer.vocabulary();
    assertEquals(30522, v.size());
    assertEquals(0, v.padId());
    assertEquals(100, v.unkId());
    assertEquals(101, v.clsId());
    assertEquals(102, v.sepId());
    assertEquals(103, v.maskId());
    assertEquals(1996, v.id("the"));
    assertEquals(2015, v.id("##s"));
    assertEquals("[unused0]", v.token(1));
  }

  @Test
  void encodesASentenceWithKnownIds() {
    EncodedInput e = tokenizer.encode("Hello, world!", 8);
    assertArrayEquals(new int[] {101, 7592, 1010, 2088, 999, 102, 0, 0}, e.inputIds());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 0, 0}, e.attentionMask());
    assertArrayEquals(new int[8], e.tokenTypeIds());
    assertEquals(6, e.length());
  }

  @Test
  void splitsWordsIntoWordPieces() {
    assertEquals(List.of("una", "##ffa", "##ble"), tokenizer.tokens("unaffable"));
    assertArrayEquals(new int[] {14477, 20961, 3468}, tokenizer.tokenIds("unaffable"));
    assertArrayEquals(new int[] {7861, 8270, 4667}, tokenizer.tokenIds("embedding"));
    // Whole words win over pieces: "dogs" is in the vocabulary, "helloworld" is not.
    assertArrayEquals(new int[] {6077}, tokenizer.tokenIds("dogs"));
    assertArrayEquals(new int[] {7592, 11108}, tokenizer.tokenIds("HelloWorld"));
  }

  @Test
  void splitsPunctuationAndLowerCases() {
    assertArrayEquals(new int[] {2123, 1005, 1056}, tokenizer.tokenIds("Don't"));
    assertArrayEquals(new int[] {1996, 4937, 2938, 2006, 1996, 13523, 1012}, tokenizer.tokenIds("The cat sat on THE mat."));
  }

  @Test
  void stripsAccentsAndIsolatesCjk() {
    assertArrayEquals(new int[] {7668}, tokenizer.tokenIds("Café"));
    assertArrayEquals(new int[] {15743}, tokenizer.tokenIds("naïve"));
    assertArrayEquals(new int[] {1746, 1799}, tokenizer.tokenIds("中国"));
  }

  @Test
  void cleansControlCharactersAndWhitespace() {
    // NUL and a zero-width space (format char) vanish; tabs and newlines separate words.
    assertArrayEquals(new int[] {7592}, tokenizer.tokenIds("hel\u0000lo"));
    assertArrayEquals(new int[] {7592, 11108}, tokenizer.tokenIds("hello\u200Bworld"));
    assertArrayEquals(new int[] {7592, 2088}, tokenizer.tokenIds("  hello\t\n world\r\n"));
    assertArrayEquals(new int[0], tokenizer.tokenIds(" \t\n"));
  }

  @Test
  void unknownPiecesAndOverlongWordsBecomeOneUnk() {
    // The snowman is in no piece: the whole word becomes [UNK], not a partial split.
    assertArrayEquals(new int[] {7592, 100}, tokenizer.tokenIds("hello a\u2603b"));
    assertArrayEquals(new int[] {100}, tokenizer.tokenIds("a".repeat(101)));
    // At exactly the limit of 100 characters the word is still split into pieces.
    int[] atLimit = tokenizer.tokenIds("a".repeat(100));
    assertTrue(atLimit.length > 1 && java.util.Arrays.stream(atLimit).noneMatch(id -> id == 100));
  }

  @Test
  void encodesPairsWithTokenTypesAndPadding() {
    EncodedInput e = tokenizer.encodePair("Hello world", "the dogs", 10);
    assertArrayEquals(new int[] {101, 7592, 2088, 102, 1996, 6077, 102, 0, 0, 0}, e.inputIds());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 0, 0, 0}, e.attentionMask());
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 0, 0, 0}, e.tokenTypeIds());
  }

  @Test
  void truncatesLongestFirst() {
    // A has 6 tokens, B has 2; budget seq - 3 = 5 tokens: A is cut to 3, B kept whole.
    EncodedInput e = tokenizer.encodePair("the the the the the the", "hello world", 8);
    assertArrayEquals(new int[] {101, 1996, 1996, 1996, 102, 7592, 2088, 102}, e.inputIds());
    // Both long: budget 5 splits 3 + 2 (ties cut the second sentence first).
    EncodedInput f = tokenizer.encodePair("the the the the", "on on on on", 8);
    assertArrayEquals(new int[] {101, 1996, 1996, 1996, 102, 2006, 2006, 102}, f.inputIds());
    // Single sentence: keep the first seq - 2 tokens.
    EncodedInput g = tokenizer.encode("hello world the the", 4);
    assertArrayEquals(new int[] {101, 7592, 2088, 102}, g.inputIds());
  }

  @Test
  void rejectsTooShortSequences() {
    assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("x", 1));
    assertThrows(IllegalArgumentException.class, () -> tokenizer.encodePair("x", "y", 2));
  }

  @Test
  void vocabTxtRoundTripKeepsLineNumbersAsIds() throws Exception {
    StringWriter w = new StringWriter();
    tokenizer.vocabulary().writeVocabTxt(w);
    String[] lines = w.toString().split("\n", -1);
    assertEquals(30522 + 1, lines.length, "one line per token plus the empty tail after the last newline");
    assertEquals("the", lines[1996]);
    assertEquals("[CLS]", lines[101]);
    Vocabulary back = Vocabulary.readVocabTxt(new StringReader(w.toString()));
    assertEquals(tokenizer.vocabulary().tokens(), back.tokens());
  }

  @Test
  void vocabularyRejectsDuplicatesAndMissingSpecials() {
    assertThrows(IllegalArgumentException.class, () -> new Vocabulary(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]")));
    assertThrows(IllegalArgumentException.class,
        () -> new Vocabulary(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "a")));
  }
}
