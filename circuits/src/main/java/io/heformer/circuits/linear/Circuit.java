package io.heformer.circuits.linear;

import java.util.Set;

/**
 * A planned computation (STYLE R4): it declares, before any key exists, how many levels it consumes
 * and which rotation keys it needs, so that key generation is exact and a missing level fails early.
 */
public interface Circuit {
  /** Levels consumed from input to output. */
  int depth();

  /** The left-rotation amounts it performs, each in [1, slots). */
  Set<Integer> rotations();

  /** True if it conjugates (needs the conjugation key). */
  default boolean needsConjugation() {
    return false;
  }
}
