package io.heformer.circuits.matrix;

import io.heformer.circuits.linear.SlotBackend;
import java.util.List;

/**
 * A matrix as slot vectors under a {@link Packing}: ciphertexts (V = Ciphertext, an encrypted matrix)
 * or plain slot vectors (V = PlainSlots). Level and scale are those of its vectors, which operations
 * keep equal. Immutable (the list is copied).
 *
 * @param <V> the vector type of the backend
 */
public record PackedMatrix<V>(Packing packing, List<V> parts) {
  public PackedMatrix {
    parts = List.copyOf(parts);
    if (parts.size() != packing.count()) {
      throw new IllegalArgumentException("packing needs " + packing.count() + " vectors, got " + parts.size());
    }
  }

  public int rows() {
    return packing.rows();
  }

  public int cols() {
    return packing.cols();
  }

  public V part(int i) {
    return parts.get(i);
  }

  /** The tile (rt, ct) of a {@link Packing.Layout#TILES} matrix. */
  public V tile(int rowTile, int colTile) {
    return parts.get(packing.tileIndex(rowTile, colTile));
  }

  /** The lowest level among the parts. */
  public int level(SlotBackend<V> be) {
    int l = Integer.MAX_VALUE;
    for (V v : parts) {
      l = Math.min(l, be.level(v));
    }
    return l;
  }

  /** The same matrix with every part dropped to the lowest level (so that scales agree after masks). */
  public PackedMatrix<V> aligned(SlotBackend<V> be) {
    int l = level(be);
    return new PackedMatrix<>(packing, parts.stream().map(v -> be.dropLevel(v, l)).toList());
  }
}
