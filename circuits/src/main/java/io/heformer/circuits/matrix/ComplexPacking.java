package io.heformer.circuits.matrix;

import io.heformer.circuits.linear.SlotBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Two real matrices of the same packing in one set of vectors, as real and imaginary parts: Z = A + iB.
 * Slot-wise operations and rotations then process both at once (the paper pairs ciphertexts this way
 * for bootstrapping and PCMM). Combining is free (multiplication by i is the monomial X^(N/2): no level,
 * no key); splitting costs one conjugation per vector: A = (Z + conj Z)/2, B = -i (Z - conj Z)/2, with
 * the halving done exactly by the scale bookkeeping.
 */
public final class ComplexPacking {
  private ComplexPacking() {}

  /** A + iB (same packing, same level and scale). */
  public static <V> PackedMatrix<V> combine(SlotBackend<V> be, PackedMatrix<V> re, PackedMatrix<V> im) {
    if (!re.packing().equals(im.packing())) {
      throw new IllegalArgumentException("packings differ: " + re.packing() + " vs " + im.packing());
    }
    List<V> parts = new ArrayList<>();
    for (int i = 0; i < re.parts().size(); i++) {
      parts.add(be.add(re.part(i), be.mulByI(im.part(i))));
    }
    return new PackedMatrix<>(re.packing(), parts);
  }

  /** {Re Z, Im Z}: one conjugation per vector, no level (scales doubled, values halved exactly). */
  public static <V> List<PackedMatrix<V>> split(SlotBackend<V> be, PackedMatrix<V> z) {
    List<V> re = new ArrayList<>();
    List<V> im = new ArrayList<>();
    for (V v : z.parts()) {
      V c = be.conjugate(v);
      re.add(be.halve(be.add(v, c)));
      // -i (z - conj z) = i (conj z - z)
      im.add(be.halve(be.mulByI(be.sub(c, v))));
    }
    return List.of(new PackedMatrix<>(z.packing(), re), new PackedMatrix<>(z.packing(), im));
  }
}
