package io.heformer.circuits.matrix;

import io.heformer.circuits.linear.Circuit;
import io.heformer.circuits.linear.SlotBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rank-r products of LoRA without a general CCMM (paper, Algorithms 2-5): replicate a row of a
 * factor over all rows, multiply slot-wise, collect a row sum into one column, repeat a column over
 * all columns, and sum over columns of tiles. Cost is O(r log) rotations instead of O(d).
 *
 * <p>Factors with r rows (A^T and B, r x d) are stored in the {@link Packing.Layout#BANDS} layout;
 * activations and gradients (tokens x d) and the narrow products (tokens x r) in
 * {@link Packing.Layout#TILES} with the same tile shape. The products (r = rank):
 * <ul>
 *   <li>{@link #timesTransposed}: M W^T, tokens x r. Forward X A = X (A^T)^T; backward g_XA = G B^T.
 *   <li>{@link #timesBand}: U W, tokens x d. Forward (X A) B; input gradient g_XA A^T.
 *   <li>{@link #transposeTimes}: U^T M, r x d in bands. grad A^T = g_XA^T X (i.e. grad A = X^T G B^T);
 *       grad B = (X A)^T G. Sums over all rows, so stacked sequences give the batch gradient.
 * </ul>
 * Depths, counted from a band factor's level to the output (replication included) and from a
 * tile operand's: timesTransposed 3 / 2, timesBand 2 / 2 (U), transposeTimes 3 (U) / 2 (M).
 */
public final class LoraProducts implements Circuit {
  private final int h;
  private final int w;
  private final int rank;

  public LoraProducts(int tileRows, int tileCols, int rank) {
    if (rank < 1 || rank > tileCols) {
      throw new IllegalArgumentException("rank must be in [1, " + tileCols + "]: " + rank);
    }
    this.h = tileRows;
    this.w = tileCols;
    this.rank = rank;
  }

  private void checkBand(Packing p) {
    if (p.layout() != Packing.Layout.BANDS || p.rows() != rank || p.tileRows() != h || p.tileCols() != w) {
      throw new IllegalArgumentException("expected a " + rank + "-row band matrix with " + h + " x " + w + " tiles, got " + p);
    }
  }

  private void checkTiles(Packing p, String what) {
    if (p.layout() != Packing.Layout.TILES || p.tileRows() != h || p.tileCols() != w) {
      throw new IllegalArgumentException(what + " must be in " + h + " x " + w + " tiles, got " + p);
    }
  }

  /** Replicated rows of a band factor W (r x n). */
  public static final class ReplicatedRows<V> {
    final Packing band;
    final List<List<V>> rows; // [column tile i][rank index j]

    ReplicatedRows(Packing band, List<List<V>> rows) {
      this.band = band;
      this.rows = rows;
    }

    /** The tile holding W[j, i w .. i w + w) in every row. */
    public V row(int colTile, int j) {
      return rows.get(colTile).get(j);
    }
  }

  /** Row j of each column band of W, repeated over all rows: r x bands masks and log2 h rotations each; one level. */
  public <V> ReplicatedRows<V> replicateRows(SlotBackend<V> be, PackedMatrix<V> band) {
    Packing p = band.packing();
    checkBand(p);
    PackedMatrix<V> b = band.aligned(be);
    List<List<V>> rows = new ArrayList<>();
    for (int i = 0; i < p.colTiles(); i++) {
      List<V> r = new ArrayList<>();
      for (int j = 0; j < rank; j++) {
        V v = b.part(p.vectorOf(j, i * w));
        r.add(RowColumnOps.replicateRow(be, v, h, w, p.tileRow(j, i * w)));
      }
      rows.add(r);
    }
    return new ReplicatedRows<>(p, rows);
  }

  /** M W^T (tokens x r) for M (tokens x n, tiles) and W (r x n, replicated rows). */
  public <V> PackedMatrix<V> timesTransposed(SlotBackend<V> be, PackedMatrix<V> m, ReplicatedRows<V> wRows) {
    Packing p = m.packing();
    checkTiles(p, "M");
    if (p.cols() != wRows.band.cols()) {
      throw new IllegalArgumentException("inner dimensions differ: " + p.cols() + " vs " + wRows.band.cols());
    }
    PackedMatrix<V> mm = m.aligned(be);
    Packing out = Packing.tiles(p.rows(), rank, h * w, w);
    List<V> parts = new ArrayList<>();
    for (int rt = 0; rt < p.rowTiles(); rt++) {
      V sum = null;
      for (int j = 0; j < rank; j++) {
        V acc = null;
        for (int i = 0; i < p.colTiles(); i++) {
          V prod = be.mul(mm.tile(rt, i), wRows.row(i, j));
          acc = acc == null ? prod : be.add(acc, prod);
        }
        V col = RowColumnOps.rowSums(be, be.rescale(be.relinearize(acc)), h, w);
        col = be.rotate(col, -j);
        sum = sum == null ? col : be.add(sum, col);
      }
      parts.add(sum);
    }
    return new PackedMatrix<>(out, parts);
  }

  /** U W (tokens x n) for U (tokens x r, tiles) and W (r x n, replicated rows). */
  public <V> PackedMatrix<V> timesBand(SlotBackend<V> be, PackedMatrix<V> u, ReplicatedRows<V> wRows) {
    Packing p = u.packing();
    checkTiles(p, "U");
    if (p.cols() != rank) {
      throw new IllegalArgumentException("U must have " + rank + " columns: " + p.cols());
    }
    PackedMatrix<V> uu = u.aligned(be);
    Packing out = Packing.tiles(p.rows(), wRows.band.cols(), h * w, w);
    List<V> parts = new ArrayList<>();
    for (int i = 0; i < out.count(); i++) {
      parts.add(null);
    }
    for (int rt = 0; rt < p.rowTiles(); rt++) {
      List<V> cols = new ArrayList<>();
      for (int j = 0; j < rank; j++) {
        cols.add(RowColumnOps.replicateColumn(be, uu.tile(rt, 0), h, w, j));
      }
      for (int i = 0; i < out.colTiles(); i++) {
        V acc = null;
        for (int j = 0; j < rank; j++) {
          V prod = be.mul(cols.get(j), wRows.row(i, j));
          acc = acc == null ? prod : be.add(acc, prod);
        }
        parts.set(out.tileIndex(rt, i), be.rescale(be.relinearize(acc)));
      }
    }
    return new PackedMatrix<>(out, parts);
  }

  /** U^T M (r x n, bands) for U (tokens x r) and M (tokens x n), both in tiles. */
  public <V> PackedMatrix<V> transposeTimes(SlotBackend<V> be, PackedMatrix<V> u, PackedMatrix<V> m) {
    Packing pu = u.packing();
    Packing pm = m.packing();
    checkTiles(pu, "U");
    checkTiles(pm, "M");
    if (pu.cols() != rank || pu.rows() != pm.rows()) {
      throw new IllegalArgumentException("U must be " + pm.rows() + " x " + rank + ": " + pu.rows() + " x " + pu.cols());
    }
    PackedMatrix<V> uu = u.aligned(be);
    PackedMatrix<V> mm = m.aligned(be);
    Packing out = Packing.bands(rank, pm.cols(), h * w, w);
    List<V> parts = new ArrayList<>();
    for (int i = 0; i < out.count(); i++) {
      parts.add(null);
    }
    for (int j = 0; j < rank; j++) {
      List<V> cols = new ArrayList<>();
      for (int rt = 0; rt < pu.rowTiles(); rt++) {
        cols.add(RowColumnOps.replicateColumn(be, uu.tile(rt, 0), h, w, j));
      }
      for (int i = 0; i < pm.colTiles(); i++) {
        V acc = null;
        for (int rt = 0; rt < pm.rowTiles(); rt++) {
          V prod = be.mul(mm.tile(rt, i), cols.get(rt));
          acc = acc == null ? prod : be.add(acc, prod);
        }
        V sums = RowColumnOps.columnSums(be, be.rescale(be.relinearize(acc)), h, w);
        int v = out.vectorOf(j, i * w);
        V row = RowColumnOps.maskRow(be, sums, h, w, out.tileRow(j, i * w));
        parts.set(v, parts.get(v) == null ? row : be.add(parts.get(v), row));
      }
    }
    return new PackedMatrix<>(out, parts);
  }

  @Override
  public int depth() {
    return 3;
  }

  @Override
  public Set<Integer> rotations() {
    int slots = h * w;
    TreeSet<Integer> s = new TreeSet<>();
    s.addAll(RowColumnOps.rowBroadcastRotations(h, w));
    s.addAll(RowColumnOps.rowSumRotations(w));
    s.addAll(RowColumnOps.columnBroadcastRotations(slots, w));
    s.addAll(RowColumnOps.columnSumRotations(h, w));
    for (int j = 1; j < rank; j++) {
      s.add(j);
      s.add(Math.floorMod(-j, slots));
    }
    s.remove(0);
    return s;
  }
}
