package io.heformer.nn.model;

/** Which part of the model a parameter belongs to; training modes select groups. */
public enum ParameterGroup {
  /** The pretrained encoder: embeddings, projections, feed-forward, LayerNorms. */
  ENCODER,
  /** LoRA adapters. */
  LORA,
  /** Classification head (pooler and classifier). */
  HEAD,
  /** Untied MLM decoder. */
  MLM
}
