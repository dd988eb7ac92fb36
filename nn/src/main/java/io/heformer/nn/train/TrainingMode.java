package io.heformer.nn.train;

import io.heformer.nn.model.ParameterGroup;
import java.util.EnumSet;
import java.util.Set;

/** Which parameters fine-tuning updates. */
public enum TrainingMode {
  /** LoRA adapters and the head; the encoder is frozen (the paper's encrypted setting). */
  LORA,
  /** Every encoder weight and the head (the baseline). */
  FULL,
  /**
   * The head alone on the frozen encoder's features (linear probing). As a first phase before
   * LoRA or full fine-tuning (LP-FT, Kumar et al. 2022) it is meant to give the adapters a
   * trained head to start from instead of a random one (on CoLA one such epoch left the head
   * near the class prior and moved the six-seed mean by +0.7; docs/results/glue.md). No gradient
   * reaches the encoder, so under encryption a step costs the forward pass and the head's
   * backward only.
   */
  HEAD;

  /** The parameter groups trained in this mode. */
  public Set<ParameterGroup> groups() {
    return switch (this) {
      case LORA -> EnumSet.of(ParameterGroup.LORA, ParameterGroup.HEAD);
      case FULL -> EnumSet.of(ParameterGroup.ENCODER, ParameterGroup.LORA, ParameterGroup.HEAD);
      case HEAD -> EnumSet.of(ParameterGroup.HEAD);
    };
  }
}
