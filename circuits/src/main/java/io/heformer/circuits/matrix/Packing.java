package io.heformer.circuits.matrix;

import java.util.List;

/**
 * Where each entry of a real rows x cols matrix lives in a list of slot vectors.
 *
 * <ul>
 *   <li>{@link Layout#TILES}: row-major tiles of tileRows x tileCols (= slots); tile (rt, ct) is
 *       vector rt * colTiles + ct and entry (r, c) sits at slot (r mod h) w + (c mod w). A 128 x 768
 *       activation at 2^15 slots with w = 256 is three vectors of two 128 x 128 blocks each. Several
 *       sequences per vector: stack them along the rows (rows = sequences x tokens).
 *   <li>{@link Layout#BANDS}: for matrices with few rows (a LoRA factor A^T or B, r x d): the column
 *       bands of width w are stacked vertically, band b's row j at stacked row b r + j, so r x 768
 *       with r = 2 fits one vector (paper, section 4.4).
 * </ul>
 * Unused slots are zero. Immutable.
 */
public record Packing(int rows, int cols, int tileRows, int tileCols, Layout layout) {
  /** Arrangement of tiles in vectors. */
  public enum Layout {
    TILES,
    BANDS
  }

  public Packing {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("matrix shape must be positive: " + rows + " x " + cols);
    }
    if (Integer.bitCount(tileRows) != 1 || Integer.bitCount(tileCols) != 1) {
      throw new IllegalArgumentException("tile shape must be powers of two: " + tileRows + " x " + tileCols);
    }
    if (layout == Layout.BANDS && rows > tileRows) {
      throw new IllegalArgumentException("band layout needs rows <= tileRows: " + rows + " > " + tileRows);
    }
  }

  /** Row-major tiles with {@code tileCols} columns of a {@code slots}-slot vector. */
  public static Packing tiles(int rows, int cols, int slots, int tileCols) {
    checkTile(slots, tileCols);
    return new Packing(rows, cols, slots / tileCols, tileCols, Layout.TILES);
  }

  /** Stacked column bands (for r x d factors with r small). */
  public static Packing bands(int rows, int cols, int slots, int tileCols) {
    checkTile(slots, tileCols);
    return new Packing(rows, cols, slots / tileCols, tileCols, Layout.BANDS);
  }

  private static void checkTile(int slots, int tileCols) {
    if (Integer.bitCount(slots) != 1 || Integer.bitCount(tileCols) != 1 || tileCols > slots) {
      throw new IllegalArgumentException("slots " + slots + " and tile width " + tileCols + " must be powers of two, width <= slots");
    }
  }

  public int slots() {
    return tileRows * tileCols;
  }

  public int rowTiles() {
    return (rows + tileRows - 1) / tileRows;
  }

  public int colTiles() {
    return (cols + tileCols - 1) / tileCols;
  }

  /** Number of slot vectors (ciphertexts). */
  public int count() {
    if (layout == Layout.TILES) {
      return rowTiles() * colTiles();
    }
    return (colTiles() * rows + tileRows - 1) / tileRows;
  }

  /** The vector index of tile (rt, ct) in the {@link Layout#TILES} layout. */
  public int tileIndex(int rowTile, int colTile) {
    return rowTile * colTiles() + colTile;
  }

  /** The row of entry (r, c) inside its vector's tile. */
  public int tileRow(int r, int c) {
    return layout == Layout.TILES ? r % tileRows : (c / tileCols * rows + r) % tileRows;
  }

  /** The vector holding entry (r, c). */
  public int vectorOf(int r, int c) {
    checkEntry(r, c);
    if (layout == Layout.TILES) {
      return tileIndex(r / tileRows, c / tileCols);
    }
    return (c / tileCols * rows + r) / tileRows;
  }

  /** The slot of entry (r, c) in its vector. */
  public int slotOf(int r, int c) {
    checkEntry(r, c);
    return tileRow(r, c) * tileCols + c % tileCols;
  }

  private void checkEntry(int r, int c) {
    if (r < 0 || r >= rows || c < 0 || c >= cols) {
      throw new IndexOutOfBoundsException("entry (" + r + ", " + c + ") outside " + rows + " x " + cols);
    }
  }

  /** The matrix as slot vectors (zero elsewhere). */
  public double[][] pack(double[][] m) {
    if (m.length != rows || m[0].length != cols) {
      throw new IllegalArgumentException("matrix is " + m.length + " x " + m[0].length + ", packing is " + rows + " x " + cols);
    }
    double[][] v = new double[count()][slots()];
    for (int r = 0; r < rows; r++) {
      if (m[r].length != cols) {
        throw new IllegalArgumentException("row " + r + " has " + m[r].length + " entries, expected " + cols);
      }
      for (int c = 0; c < cols; c++) {
        v[vectorOf(r, c)][slotOf(r, c)] = m[r][c];
      }
    }
    return v;
  }

  /** The matrix read back from slot vectors (other slots ignored). */
  public double[][] unpack(List<double[]> v) {
    if (v.size() != count()) {
      throw new IllegalArgumentException("expected " + count() + " vectors, got " + v.size());
    }
    double[][] m = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m[r][c] = v.get(vectorOf(r, c))[slotOf(r, c)];
      }
    }
    return m;
  }

  /** The same tiling for a matrix of another shape. */
  public Packing withShape(int newRows, int newCols) {
    return new Packing(newRows, newCols, tileRows, tileCols, layout);
  }

  /** Several sequences (each tokens x features) stacked along the rows, for {@link Layout#TILES}. */
  public static double[][] stackSequences(double[][][] sequences) {
    int t = sequences[0].length;
    int d = sequences[0][0].length;
    double[][] m = new double[sequences.length * t][];
    for (int s = 0; s < sequences.length; s++) {
      if (sequences[s].length != t || sequences[s][0].length != d) {
        throw new IllegalArgumentException("sequence " + s + " is " + sequences[s].length + " x " + sequences[s][0].length
            + ", expected " + t + " x " + d);
      }
      for (int r = 0; r < t; r++) {
        m[s * t + r] = sequences[s][r].clone();
      }
    }
    return m;
  }
}
