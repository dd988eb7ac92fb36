package io.heformer.nn.data;

import io.heformer.nn.text.EncodedInput;
import io.heformer.nn.text.Vocabulary;
import java.util.SplittableRandom;

/**
 * BERT's masking for masked-language-model pretraining (Devlin et al., 2019, section 3.1):
 * each real, non-special token is chosen for prediction with probability {@code p} (BERT:
 * 0.15); a chosen token is replaced by [MASK] with probability 0.8, by a uniformly random
 * non-special vocabulary token with probability 0.1, and left as is with probability 0.1. The
 * label of a chosen position is its original id; all other labels are {@link MlmExample#IGNORE}.
 *
 * <p>Why the 10% random / 10% unchanged: the model must produce good representations for every
 * token, not only for [MASK], which never appears at fine-tuning time.
 *
 * <p>Randomness comes from a {@link SplittableRandom} seeded at construction, so a given seed
 * and input order give the same masks on every run. Not thread safe (the generator advances);
 * use one masker per thread.
 */
public final class MlmMasker {
  /** BERT's prediction rate. */
  public static final double BERT_MASK_PROBABILITY = 0.15;

  private final Vocabulary vocabulary;
  private final double maskProbability;
  private final SplittableRandom random;

  /**
   * @param vocabulary the vocabulary (special ids and the range of random replacements)
   * @param maskProbability probability that a token is chosen for prediction, in (0, 1)
   * @param seed generator seed
   * @throws IllegalArgumentException if {@code maskProbability} is outside (0, 1), or the
   *     vocabulary has only special tokens
   */
  public MlmMasker(Vocabulary vocabulary, double maskProbability, long seed) {
    if (!(maskProbability > 0 && maskProbability < 1)) {
      throw new IllegalArgumentException("maskProbability must be in (0, 1), got " + maskProbability);
    }
    if (vocabulary.size() <= Vocabulary.SPECIAL_TOKENS.size()) {
      throw new IllegalArgumentException(
          "vocabulary of " + vocabulary.size() + " tokens has no non-special token to substitute");
    }
    this.vocabulary = vocabulary;
    this.maskProbability = maskProbability;
    this.random = new SplittableRandom(seed);
  }

  /** Masks one packed sequence; the input is not modified. */
  public MlmExample mask(EncodedInput input) {
    int[] ids = input.inputIds().clone();
    int[] labels = new int[ids.length];
    java.util.Arrays.fill(labels, MlmExample.IGNORE);
    for (int i = 0; i < ids.length; i++) {
      if (input.attentionMask()[i] == 0 || vocabulary.isSpecial(ids[i])) {
        continue;
      }
      if (random.nextDouble() >= maskProbability) {
        continue;
      }
      labels[i] = ids[i];
      double r = random.nextDouble();
      if (r < 0.8) {
        ids[i] = vocabulary.maskId();
      } else if (r < 0.9) {
        ids[i] = randomNonSpecial();
      }
    }
    return new MlmExample(ids, input.attentionMask(), input.tokenTypeIds(), labels);
  }

  private int randomNonSpecial() {
    while (true) {
      int id = random.nextInt(vocabulary.size());
      if (!vocabulary.isSpecial(id)) {
        return id;
      }
    }
  }
}
