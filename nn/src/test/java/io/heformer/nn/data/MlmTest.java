package io.heformer.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.text.EncodedInput;
import io.heformer.nn.text.IntList;
import io.heformer.nn.text.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Packing a real book into sequences and BERT masking, with statistical bounds on the rates. */
class MlmTest {
  private static final int SEQ = 64;
  private static BertTokenizer tok;
  private static List<String> paragraphs;
  private static List<EncodedInput> packed;

  @BeforeAll
  static void pack() throws Exception {
    tok = TestTokenizers.miniLm();
    Path book = DataRoot.resolve().resolve(GutenbergCorpus.FOLDER).resolve("austen-persuasion.txt");
    paragraphs = GutenbergCorpus.paragraphs(GutenbergCorpus.readBook(book));
    packed = MlmSequencePacker.pack(paragraphs, tok, SEQ);
  }

  @Test
  void packingKeepsTheTokenStreamInOrder() {
    IntList stream = new IntList();
    for (String p : paragraphs) {
      for (int id : tok.tokenIds(p)) {
        stream.add(id);
      }
    }
    IntList unpacked = new IntList();
    for (int s = 0; s < packed.size(); s++) {
      EncodedInput in = packed.get(s);
      int n = in.length();
      assertEquals(101, in.inputIds()[0]);
      assertEquals(102, in.inputIds()[n - 1]);
      if (s < packed.size() - 1) {
        assertEquals(SEQ, n, "only the last window is short");
      }
      for (int i = 1; i < n - 1; i++) {
        unpacked.add(in.inputIds()[i]);
      }
    }
    assertArrayEquals(stream.toArray(), unpacked.toArray());
    assertTrue(stream.size() > 100_000, "Persuasion has over 100k tokens: " + stream.size());
  }

  @Test
  void maskingFollowsBertRatesAndIsSeeded() {
    Vocabulary v = tok.vocabulary();
    MlmMasker masker = new MlmMasker(v, MlmMasker.BERT_MASK_PROBABILITY, 42);
    long eligible = 0;
    long chosen = 0;
    long masked = 0;
    long random = 0;
    long kept = 0;
    List<MlmExample> out = new ArrayList<>();
    for (EncodedInput in : packed) {
      MlmExample e = masker.mask(in);
      out.add(e);
      for (int i = 0; i < SEQ; i++) {
        int original = in.inputIds()[i];
        boolean special = in.attentionMask()[i] == 0 || v.isSpecial(original);
        if (!special) {
          eligible++;
        }
        if (e.labels()[i] == MlmExample.IGNORE) {
          assertEquals(original, e.inputIds()[i], "unchosen tokens are untouched");
          continue;
        }
        assertFalse(special, "special tokens and padding are never chosen");
        assertEquals(original, e.labels()[i]);
        chosen++;
        int now = e.inputIds()[i];
        if (now == v.maskId()) {
          masked++;
        } else if (now == original) {
          kept++;
        } else {
          assertFalse(v.isSpecial(now));
          random++;
        }
      }
    }
    // Binomial bounds at 5 standard deviations: the test fails only on a real rate error.
    assertWithin(chosen, eligible, 0.15);
    assertWithin(masked, chosen, 0.8);
    // A random replacement may hit the original token (rate ~1/30517), counted as kept.
    assertWithin(random, chosen, 0.1);
    assertWithin(kept, chosen, 0.1);

    MlmMasker again = new MlmMasker(v, MlmMasker.BERT_MASK_PROBABILITY, 42);
    MlmMasker other = new MlmMasker(v, MlmMasker.BERT_MASK_PROBABILITY, 43);
    EncodedInput first = packed.get(0);
    assertArrayEquals(out.get(0).inputIds(), again.mask(first).inputIds());
    assertFalse(java.util.Arrays.equals(out.get(0).labels(), other.mask(first).labels()));
  }

  private static void assertWithin(long hits, long trials, double p) {
    double sigma = Math.sqrt(trials * p * (1 - p));
    double diff = Math.abs(hits - trials * p);
    assertTrue(diff < 5 * sigma, hits + " of " + trials + " vs rate " + p + " (sigma " + sigma + ")");
  }
}
