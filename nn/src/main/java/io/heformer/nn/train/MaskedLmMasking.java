package io.heformer.nn.train;

import io.heformer.nn.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * BERT's masking for masked-language-model training: each real, non-special token is selected with
 * probability {@code rate} (paper: 0.25; BERT: 0.15); a selected token is replaced by [MASK] with
 * probability 0.8, by a random regular token with 0.1, and kept with 0.1. The model predicts the
 * original token at every selected position. A batch with nothing selected gets one selected
 * position so that the loss is defined.
 */
public final class MaskedLmMasking {

  /**
   * A masked batch.
   *
   * @param batch input with replacements applied
   * @param positions selected row indices into the B T rows
   * @param targets original tokens at those rows
   */
  public record Masked(TokenBatch batch, int[] positions, int[] targets) {}

  private MaskedLmMasking() {}

  /**
   * Packs {@code sequences} (each padded or cut to {@code seqLen}) and masks them.
   *
   * @param vocab vocabulary size, for random replacements
   */
  public static Masked mask(List<int[]> sequences, int seqLen, double rate, SpecialTokens special,
      int vocab, Random rnd) {
    if (!(rate > 0 && rate < 1)) {
      throw new IllegalArgumentException("masking rate must be in (0, 1), got " + rate);
    }
    int b = sequences.size();
    int[] tokens = new int[b * seqLen];
    int[] mask = new int[b * seqLen];
    List<Integer> positions = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    int firstCandidate = -1;
    for (int i = 0; i < b; i++) {
      int[] s = sequences.get(i);
      int n = Math.min(seqLen, s.length);
      for (int j = 0; j < seqLen; j++) {
        int row = i * seqLen + j;
        int tok = j < n ? s[j] : special.pad();
        tokens[row] = tok;
        mask[row] = j < n ? 1 : 0;
        boolean candidate = j < n && tok != special.cls() && tok != special.sep()
            && tok != special.pad();
        if (!candidate) {
          continue;
        }
        if (firstCandidate < 0) {
          firstCandidate = row;
        }
        if (rnd.nextDouble() < rate) {
          positions.add(row);
          targets.add(tok);
          tokens[row] = replacement(tok, special, vocab, rnd);
        }
      }
    }
    if (positions.isEmpty()) {
      if (firstCandidate < 0) {
        throw new IllegalArgumentException("no maskable token in the batch");
      }
      positions.add(firstCandidate);
      targets.add(tokens[firstCandidate]);
      tokens[firstCandidate] = special.mask();
    }
    return new Masked(new TokenBatch(b, seqLen, tokens, mask),
        positions.stream().mapToInt(Integer::intValue).toArray(),
        targets.stream().mapToInt(Integer::intValue).toArray());
  }

  private static int replacement(int tok, SpecialTokens special, int vocab, Random rnd) {
    double u = rnd.nextDouble();
    if (u < 0.8) {
      return special.mask();
    }
    if (u < 0.9 && vocab > special.firstRegular()) {
      return special.firstRegular() + rnd.nextInt(vocab - special.firstRegular());
    }
    return tok;
  }
}
