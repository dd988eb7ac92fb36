package io.heformer.nn.train;

import java.util.List;

/**
 * Where pretraining gets its text: unlabelled token-id sequences, each starting with CLS and at
 * most the model's sequence length long (the corpus reader and tokenizer implement this).
 */
@FunctionalInterface
public interface TokenSequenceSource {

  /** All sequences of the corpus, in a stable order. */
  List<int[]> sequences();
}
