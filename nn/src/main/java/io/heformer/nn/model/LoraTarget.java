package io.heformer.nn.model;

/** A dense projection of a transformer layer that can carry a LoRA adapter. */
public enum LoraTarget {
  /** W_q. */
  QUERY("attention.query"),
  /** W_k. */
  KEY("attention.key"),
  /** W_v. */
  VALUE("attention.value"),
  /** W_o. */
  OUTPUT("attention.output"),
  /** Feed-forward input projection. */
  FFN_IN("ffn.in"),
  /** Feed-forward output projection. */
  FFN_OUT("ffn.out");

  private final String path;

  LoraTarget(String path) {
    this.path = path;
  }

  /** Name of the projection inside a layer, e.g. {@code attention.query}. */
  public String path() {
    return path;
  }
}
