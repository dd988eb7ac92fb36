package io.heformer.circuits.matrix;

import io.heformer.circuits.linear.SlotBackend;
import java.util.Set;
import java.util.TreeSet;

/**
 * Masks, sums and broadcasts inside one h x w tile (rotate-and-sum with power-of-two rotations; the
 * tile fills the vector, so row rotations by multiples of w are cyclic over rows, while column
 * rotations spill into the neighbouring row and are masked). Row sums over w columns and column sums
 * over h rows cost log2 w and log2 h rotations; no level unless a mask is applied.
 */
public final class RowColumnOps {
  private RowColumnOps() {}

  private static int log2(int x) {
    return Integer.numberOfTrailingZeros(x);
  }

  /** x * mask of columns [from, to) of every row: one level. */
  public static <V> V maskColumns(SlotBackend<V> be, V x, int h, int w, int from, int to) {
    return be.rescale(be.mulPlain(x, Masks.columns(h, w, from, to)));
  }

  /** x * mask of row r: one level. */
  public static <V> V maskRow(SlotBackend<V> be, V x, int h, int w, int r) {
    return be.rescale(be.mulPlain(x, Masks.row(h, w, r)));
  }

  /**
   * Column 0 of row i gets sum_c x[i, c]; other slots hold partial sums (mask them). log2 w rotations
   * by 1, 2, ..., w/2; no level.
   */
  public static <V> V sumAlongRows(SlotBackend<V> be, V x, int w) {
    V acc = x;
    for (int t = 0; t < log2(w); t++) {
      acc = be.add(acc, be.rotate(acc, 1 << t));
    }
    return acc;
  }

  /** Every row gets the column sums sum_i x[i, c] (cyclic over all h rows): log2 h rotations by w 2^t; no level. */
  public static <V> V sumAlongColumns(SlotBackend<V> be, V x, int h, int w) {
    V acc = x;
    for (int t = 0; t < log2(h); t++) {
      acc = be.add(acc, be.rotate(acc, w << t));
    }
    return acc;
  }

  /**
   * Copies column 0 of each row to all w columns of that row; x must be zero outside column 0.
   * log2 w rotations by -1, -2, ..., -w/2; no level.
   */
  public static <V> V broadcastFirstColumn(SlotBackend<V> be, V x, int w) {
    V acc = x;
    for (int t = 0; t < log2(w); t++) {
      acc = be.add(acc, be.rotate(acc, -(1 << t)));
    }
    return acc;
  }

  /** Copies the only non-zero row (any row) to all h rows, cyclically: log2 h rotations by -w 2^t; no level. */
  public static <V> V broadcastRow(SlotBackend<V> be, V x, int h, int w) {
    V acc = x;
    for (int t = 0; t < log2(h); t++) {
      acc = be.add(acc, be.rotate(acc, -(w << t)));
    }
    return acc;
  }

  /** Row r of x repeated in every row: mask (one level) and cyclic broadcast. */
  public static <V> V replicateRow(SlotBackend<V> be, V x, int h, int w, int r) {
    return broadcastRow(be, maskRow(be, x, h, w, r), h, w);
  }

  /** Column c of x repeated in every column of its row: mask (one level), rotate to column 0, broadcast. */
  public static <V> V replicateColumn(SlotBackend<V> be, V x, int h, int w, int c) {
    V col = be.rotate(maskColumns(be, x, h, w, c, c + 1), c);
    return broadcastFirstColumn(be, col, w);
  }

  /** Row sums, in column 0 (other columns zero): log2 w rotations and one level. */
  public static <V> V rowSums(SlotBackend<V> be, V x, int h, int w) {
    return maskColumns(be, sumAlongRows(be, x, w), h, w, 0, 1);
  }

  /** Column sums, repeated in every row: log2 h rotations, no level. */
  public static <V> V columnSums(SlotBackend<V> be, V x, int h, int w) {
    return sumAlongColumns(be, x, h, w);
  }

  /** Rotation keys of {@link #sumAlongRows}: 1, 2, ..., w/2. */
  public static Set<Integer> rowSumRotations(int w) {
    Set<Integer> s = new TreeSet<>();
    for (int t = 0; t < log2(w); t++) {
      s.add(1 << t);
    }
    return s;
  }

  /** Rotation keys of {@link #broadcastFirstColumn}: -1, ..., -w/2 (mod slots). */
  public static Set<Integer> columnBroadcastRotations(int slots, int w) {
    Set<Integer> s = new TreeSet<>();
    for (int t = 0; t < log2(w); t++) {
      s.add(Math.floorMod(-(1 << t), slots));
    }
    return s;
  }

  /** Rotation keys of {@link #sumAlongColumns}: w, 2w, ..., (h/2) w. */
  public static Set<Integer> columnSumRotations(int h, int w) {
    Set<Integer> s = new TreeSet<>();
    for (int t = 0; t < log2(h); t++) {
      s.add(w << t);
    }
    return s;
  }

  /** Rotation keys of {@link #broadcastRow}: -w, ..., -(h/2) w (mod slots). */
  public static Set<Integer> rowBroadcastRotations(int h, int w) {
    Set<Integer> s = new TreeSet<>();
    for (int t = 0; t < log2(h); t++) {
      s.add(Math.floorMod(-(w << t), h * w));
    }
    return s;
  }
}
