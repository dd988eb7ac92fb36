package io.heformer.circuits.matrix;

import io.heformer.circuits.linear.Circuit;
import io.heformer.circuits.linear.LinearTransform;
import io.heformer.circuits.linear.SlotBackend;
import io.heformer.circuits.linear.SlotMask;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transposes every d x d block of a tile of d rows and w = nb d columns in place: entry (i, b d + j)
 * receives (j, b d + i). Entry moves by (j - i)(w - 1) slots, so the transform has the 2d - 1
 * diagonals k (w - 1), k = j - i, evaluated by baby-step giant-step: about 2 sqrt(2d) rotations
 * (31 for d = 128), 2d - 1 plaintext products, one level. For a matrix of at most d rows and d
 * columns this is the matrix transpose; attention uses it on head-pair tiles.
 */
public final class BlockTranspose implements Circuit {
  private record Key(int d, int w) {}

  private static final Map<Key, LinearTransform> TRANSFORMS = new ConcurrentHashMap<>();

  private final LinearTransform transform;

  /** For tiles of tileRows = d rows and tileCols = w columns (w a multiple of d). */
  public BlockTranspose(int tileRows, int tileCols) {
    if (tileCols % tileRows != 0) {
      throw new IllegalArgumentException("tile width " + tileCols + " must be a multiple of the block size " + tileRows);
    }
    this.transform = TRANSFORMS.computeIfAbsent(new Key(tileRows, tileCols), k -> build(k.d, k.w));
  }

  private static LinearTransform build(int d, int w) {
    int slots = d * w;
    int count = 2 * d - 1;
    return new LinearTransform(slots, w - 1, -(d - 1), d - 1, LinearTransform.balancedBabySteps(count), k -> {
      double[] m = new double[slots];
      for (int i = 0; i < d; i++) {
        int j = i + k;
        if (j < 0 || j >= d) {
          continue;
        }
        for (int b = 0; b < w / d; b++) {
          m[i * w + b * d + j] = 1;
        }
      }
      return SlotMask.reusable(m);
    }, true);
  }

  /** Every block of x transposed: one level. */
  public <V> V apply(SlotBackend<V> be, V x) {
    return transform.apply(be, x);
  }

  /** Every tile of m block-transposed; a matrix of at most d x d becomes its transpose (shape swapped). */
  public <V> PackedMatrix<V> apply(SlotBackend<V> be, PackedMatrix<V> m) {
    Packing p = m.packing();
    Packing out = p.rows() <= p.tileRows() && p.cols() <= p.tileRows() ? p.withShape(p.cols(), p.rows()) : p;
    return new PackedMatrix<>(out, m.parts().stream().map(v -> apply(be, v)).toList());
  }

  @Override
  public int depth() {
    return 1;
  }

  @Override
  public Set<Integer> rotations() {
    return transform.rotations();
  }
}
