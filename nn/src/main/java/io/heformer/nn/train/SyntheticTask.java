package io.heformer.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A learnable toy classification task over token ids, for tests, demos and benchmarks while no
 * real data is wired: each sequence is CLS (id 1) followed by a random number of content tokens
 * drawn from ids {@code [first, vocab)}, then padding (id 0, mask 0). Content ids below the middle
 * of that range are "A" tokens, the rest "B" tokens; the label is 1 when the sequence holds more A
 * than B tokens (lengths are odd, so there are no ties). The label depends on every token, so the
 * model must aggregate over the sequence through attention.
 */
public final class SyntheticTask {

  /** Token id used for CLS. */
  public static final int CLS = 1;
  /** First content token id. */
  public static final int FIRST_CONTENT = 5;

  private SyntheticTask() {}

  /**
   * {@code count} examples of length {@code seqLen} (CLS included) over a vocabulary of {@code
   * vocab} ids, content lengths odd in {@code [minContent, seqLen - 1]}.
   */
  public static List<Example> majority(int count, int seqLen, int vocab, int minContent,
      long seed) {
    int span = vocab - FIRST_CONTENT;
    if (span < 2 || seqLen < 2 || minContent < 1 || minContent > seqLen - 1) {
      throw new IllegalArgumentException("bad synthetic task: vocab " + vocab + ", seqLen "
          + seqLen + ", minContent " + minContent);
    }
    int middle = FIRST_CONTENT + span / 2;
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>(count);
    for (int e = 0; e < count; e++) {
      int len = minContent + r.nextInt(seqLen - minContent);
      if (len % 2 == 0) {
        len = len - 1 >= minContent ? len - 1 : len + 1;
      }
      len = Math.min(len, seqLen - 1);
      int[] tokens = new int[seqLen];
      int[] mask = new int[seqLen];
      tokens[0] = CLS;
      mask[0] = 1;
      int a = 0;
      for (int i = 1; i <= len; i++) {
        tokens[i] = FIRST_CONTENT + r.nextInt(span);
        mask[i] = 1;
        if (tokens[i] < middle) {
          a++;
        }
      }
      out.add(Example.classification(tokens, mask, 2 * a > len ? 1 : 0));
    }
    return out;
  }
}
