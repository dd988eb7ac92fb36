package io.heformer.nn.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * LoRA adapters: rank r, scaling {@code alpha / r}, and which projections of every layer carry
 * one. Rank 0 means no adapters.
 *
 * <p>Default {@link #paper()}: r = 2 on Q, K, V of every layer (paper §6), {@code alpha = 2} so the
 * scale is 1, as in the encrypted reference code, which adds {@code X A B} unscaled (its plaintext
 * config has alpha 1, scale 1/2; REFERENCE-CODE.md §8 item 7 lists the mismatch).
 *
 * @param rank r, 0 for none
 * @param alpha scale numerator
 * @param targets adapted projections (ignored when rank is 0)
 */
public record LoraConfig(int rank, double alpha, Set<LoraTarget> targets) {

  /** Validates and freezes the target set. */
  public LoraConfig {
    if (rank < 0) {
      throw new IllegalArgumentException("LoRA rank must be >= 0, got " + rank);
    }
    if (rank > 0 && !(alpha > 0)) {
      throw new IllegalArgumentException("LoRA alpha must be > 0, got " + alpha);
    }
    targets = rank == 0 || targets.isEmpty()
        ? Set.of() : Set.copyOf(EnumSet.copyOf(targets));
  }

  /** No adapters. */
  public static LoraConfig none() {
    return new LoraConfig(0, 1.0, Set.of());
  }

  /** r = 2 on Q, K, V, scale 1. */
  public static LoraConfig paper() {
    return new LoraConfig(2, 2.0, EnumSet.of(LoraTarget.QUERY, LoraTarget.KEY, LoraTarget.VALUE));
  }

  /** True if {@code target} carries an adapter. */
  public boolean adapts(LoraTarget target) {
    return rank > 0 && targets.contains(target);
  }

  /** True if any projection carries an adapter. */
  public boolean enabled() {
    return rank > 0 && !targets.isEmpty();
  }

  /** {@code alpha / rank}. */
  public double scale() {
    return rank == 0 ? 0.0 : alpha / rank;
  }
}
