package io.heformer.nn.data;

import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.text.EncodedInput;
import io.heformer.nn.text.IntList;
import io.heformer.nn.text.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Packs a document's text into pretraining sequences: the token ids of all its paragraphs, in
 * order, cut into consecutive windows of {@code seq - 2} tokens, each framed as
 * {@code [CLS] window [SEP]} and padded (only the last window of a document is short).
 *
 * <p>Why pack: BERT pretraining fills sequences with contiguous text so no compute is spent on
 * padding; windows never cross documents. Token types are all 0 (no next-sentence task).
 * Stateless and thread safe.
 */
public final class MlmSequencePacker {
  private MlmSequencePacker() {}

  /**
   * Packs one document.
   *
   * @param paragraphs the document's text pieces, in order
   * @throws IllegalArgumentException if {@code seq < 3}
   */
  public static List<EncodedInput> pack(List<String> paragraphs, BertTokenizer tokenizer, int seq) {
    if (seq < 3) {
      throw new IllegalArgumentException("seq must be >= 3 ([CLS], a token, [SEP]), got " + seq);
    }
    IntList stream = new IntList();
    for (String p : paragraphs) {
      for (int id : tokenizer.tokenIds(p)) {
        stream.add(id);
      }
    }
    Vocabulary v = tokenizer.vocabulary();
    int window = seq - 2;
    List<EncodedInput> out = new ArrayList<>(stream.size() / window + 1);
    for (int start = 0; start < stream.size(); start += window) {
      int n = Math.min(window, stream.size() - start);
      int[] ids = new int[seq];
      int[] mask = new int[seq];
      Arrays.fill(ids, v.padId());
      ids[0] = v.clsId();
      for (int i = 0; i < n; i++) {
        ids[1 + i] = stream.get(start + i);
      }
      ids[n + 1] = v.sepId();
      Arrays.fill(mask, 0, n + 2, 1);
      out.add(new EncodedInput(ids, mask, new int[seq]));
    }
    return out;
  }
}
