package io.heformer.nn.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WordPiece vocabulary trainer on small corpora whose merges can be worked out by hand. */
class WordPieceTrainerTest {

  @Test
  void mergesTheMostFrequentPairsFirst() {
    // Words: "ab" x5, "abc" x3, "b" x1. Alphabet {a, b, c}: 5 specials + 3 + 3 continuations = 11.
    // Pair counts: (a, ##b) = 5 + 3 = 8, (##b, ##c) = 3 -> first merge "ab".
    // Then "abc" is (ab, ##c) with count 3 -> second merge "abc".
    List<String> corpus = List.of("ab ab ab ab ab", "abc abc abc", "b");
    Vocabulary v = WordPieceTrainer.train(corpus, 13, 1, BasicTokenizerOptions.uncased());
    assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "c", "##a", "##b", "##c", "ab", "abc"),
        v.tokens());
  }

  @Test
  void stopsAtMinimumPairFrequency() {
    List<String> corpus = List.of("ab ab ab ab ab", "abc abc abc", "b");
    // (ab, ##c) occurs 3 times: with a minimum of 4 only "ab" is merged, below the size asked.
    Vocabulary v = WordPieceTrainer.train(corpus, 100, 4, BasicTokenizerOptions.uncased());
    assertEquals(12, v.size());
    assertEquals("ab", v.token(11));
  }

  @Test
  void learnedVocabularyTokenizesWithoutUnknownsAndIsDeterministic() {
    List<String> corpus = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      corpus.add("The quick brown fox jumps over the lazy dog, and the dogs sleep " + i + ".");
    }
    Vocabulary v = WordPieceTrainer.train(corpus, 100, 2, BasicTokenizerOptions.uncased());
    assertEquals(100, v.size());
    assertTrue(v.contains("the"), "the most frequent word becomes one piece");
    assertTrue(v.contains("dog"));
    BertTokenizer t = BertTokenizer.uncased(v);
    for (String line : corpus) {
      for (int id : t.tokenIds(line)) {
        assertFalse(id == v.unkId(), "no [UNK] in training text: " + line);
      }
    }
    assertEquals(1, t.tokenIds("The").length);
    assertEquals(v.tokens(), WordPieceTrainer.train(corpus, 100, 2, BasicTokenizerOptions.uncased()).tokens());
  }

  @Test
  void rejectsAVocabularyTooSmallForTheAlphabet() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WordPieceTrainer.train(List.of("abcdef"), 10, 1, BasicTokenizerOptions.uncased()));
    assertTrue(e.getMessage().contains("10"), e.getMessage());
  }
}
