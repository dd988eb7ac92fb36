package io.heformer.nn.model;

/** The output projection over the vocabulary used by masked-language-model pretraining. */
public enum MlmDecoderKind {
  /** No MLM decoder (fine-tuning, inference). */
  NONE,
  /** Logits = h E^T with E the word embedding (Cramming's tied decoder). */
  TIED,
  /** Logits = h D^T with a separate D (V, C), parameter {@code mlm.decoder}. */
  UNTIED
}
