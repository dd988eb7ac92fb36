package io.heformer.circuits.matrix;

import io.heformer.circuits.linear.SlotMask;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The structural 0/1 masks of a tile of h x w slots, created once and shared (reusable, so backends
 * encode each once per level). Column masks depend on the column only and have period w (cheap to
 * encode); row masks span the tile.
 */
final class Masks {
  private record Key(String kind, int h, int w, int a, int b) {}

  private static final Map<Key, SlotMask> CACHE = new ConcurrentHashMap<>();

  private Masks() {}

  /** 1 on columns [from, to) of every row (period w). */
  static SlotMask columns(int h, int w, int from, int to) {
    return CACHE.computeIfAbsent(new Key("cols", h, w, from, to), k -> {
      double[] m = new double[w];
      for (int c = from; c < to; c++) {
        m[c] = 1;
      }
      return SlotMask.reusable(m);
    });
  }

  /** 1 on column c of every row. */
  static SlotMask column(int h, int w, int c) {
    return columns(h, w, c, c + 1);
  }

  /** 1 on row r (all columns). */
  static SlotMask row(int h, int w, int r) {
    return CACHE.computeIfAbsent(new Key("row", h, w, r, 0), k -> {
      double[] m = new double[h * w];
      for (int c = 0; c < w; c++) {
        m[r * w + c] = 1;
      }
      return SlotMask.reusable(m);
    });
  }

  /** 1 on columns j of each d-wide block with j &lt; split (lo = true) or j &gt;= split (period d). */
  static SlotMask blockColumns(int d, int split, boolean lo) {
    return CACHE.computeIfAbsent(new Key(lo ? "blo" : "bhi", d, d, split, 0), k -> {
      double[] m = new double[d];
      for (int j = 0; j < d; j++) {
        m[j] = (j < split) == lo ? 1 : 0;
      }
      return SlotMask.reusable(m);
    });
  }
}
