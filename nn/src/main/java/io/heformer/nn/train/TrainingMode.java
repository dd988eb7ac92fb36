package io.heformer.nn.train;

import io.heformer.nn.model.ParameterGroup;
import java.util.EnumSet;
import java.util.Set;

/** Which parameters fine-tuning updates. */
public enum TrainingMode {
  /** LoRA adapters and the head; the encoder is frozen (the paper's encrypted setting). */
  LORA,
  /** Every encoder weight and the head (the baseline). */
  FULL;

  /** The parameter groups trained in this mode. */
  public Set<ParameterGroup> groups() {
    return this == LORA ? EnumSet.of(ParameterGroup.LORA, ParameterGroup.HEAD)
        : EnumSet.of(ParameterGroup.ENCODER, ParameterGroup.LORA, ParameterGroup.HEAD);
  }
}
