package io.heformer.circuits.matrix;

import io.heformer.circuits.linear.Circuit;
import io.heformer.circuits.linear.LinearTransform;
import io.heformer.circuits.linear.SlotBackend;
import io.heformer.circuits.linear.SlotMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Encrypted activations times plaintext weights, Y = X W, for X (rows x inCols) in tiles of h x w and
 * W (inCols x outCols) in the clear; Y has the same tiling.
 *
 * <p>Per input tile i and output tile o, Y_o = sum_i X_i W_io where W_io is a w x w block. Rows of a
 * tile are contiguous, so with the 2w - 1 non-cyclic diagonals d_k[c] = W_io[c + k, c]
 * (0 &lt;= c + k &lt; w, else 0) the block product is sum_k rot_k(X_i) * d_k: a plain rotation never needs
 * a wrap-around mask, because entries that would cross into the neighbouring row meet a zero of d_k.
 * Each d_k is the same in every row (period w), so it is encoded as a w-slot plaintext. Evaluated by
 * baby-step giant-step ({@link LinearTransform}): the b - 1 baby rotations of each X_i are computed
 * once in {@link #prepare} and shared by every output tile and by every weight matrix (Q, K and V
 * reuse them); each output tile costs 2w/b - 1 giant rotations, and the giant accumulators sum over
 * all input tiles before rotating.
 *
 * <p>Costs: prepare: (b - 1) hoisted rotations per tile of X. multiply: (2w/b - 1) rotations per output
 * tile, (2w - 1) plaintext products per (input, output) tile pair (fewer where W is zero-padded), one
 * rescale per output tile. Depth 1.
 */
public final class Pcmm implements Circuit {
  private final int h;
  private final int w;
  private final int baby;

  /**
   * @param tileRows h
   * @param tileCols w (the block size of the weight)
   * @param babySteps b, a power of two dividing 2w; {@link #babyStepsFor} chooses one
   */
  public Pcmm(int tileRows, int tileCols, int babySteps) {
    if (Integer.bitCount(babySteps) != 1 || babySteps > 2 * tileCols) {
      throw new IllegalArgumentException("baby steps must be a power of two up to 2w=" + 2 * tileCols + ": " + babySteps);
    }
    this.h = tileRows;
    this.w = tileCols;
    this.baby = babySteps;
  }

  /**
   * The baby-step count minimising rotations when {@code weights} matrices with {@code outTiles}
   * output tiles each share the baby steps of {@code inTiles} input tiles (hoisted baby rotations
   * weighted 0.6 of a giant one).
   */
  public static int babyStepsFor(int tileCols, int inTiles, int outTiles, int weights) {
    int best = 1;
    double bestCost = Double.MAX_VALUE;
    for (int b = 1; b <= 2 * tileCols; b <<= 1) {
      double cost = 0.6 * (b - 1) * inTiles + (2.0 * tileCols / b - 1) * outTiles * weights;
      if (cost < bestCost) {
        bestCost = cost;
        best = b;
      }
    }
    return best;
  }

  /** X's baby steps, to be reused by {@link #multiply} for any number of weights. */
  public static final class Prepared<V> {
    final Packing packing;
    final List<List<List<V>>> babies; // [row tile][col tile][j]

    Prepared(Packing packing, List<List<List<V>>> babies) {
      this.packing = packing;
      this.babies = babies;
    }

    public Packing packing() {
      return packing;
    }
  }

  private LinearTransform transform(double[][] weights, int inTile, int outTile) {
    int in = weights.length;
    int out = weights[0].length;
    return new LinearTransform(h * w, 1, -(w - 1), w - 1, baby, k -> {
      double[] m = new double[w];
      boolean any = false;
      for (int c = 0; c < w; c++) {
        int r = inTile * w + c + k;
        int col = outTile * w + c;
        if (c + k >= 0 && c + k < w && r < in && col < out) {
          m[c] = weights[r][col];
          any |= m[c] != 0;
        }
      }
      return any ? SlotMask.of(m) : null;
    }, false);
  }

  /** The baby steps of every tile of X (levels aligned first). */
  public <V> Prepared<V> prepare(SlotBackend<V> be, PackedMatrix<V> x) {
    Packing p = x.packing();
    if (p.layout() != Packing.Layout.TILES || p.tileRows() != h || p.tileCols() != w) {
      throw new IllegalArgumentException("PCMM expects " + h + " x " + w + " tiles, got " + p);
    }
    PackedMatrix<V> xa = x.aligned(be);
    LinearTransform shape = new LinearTransform(h * w, 1, -(w - 1), w - 1, baby, k -> null, false);
    List<List<List<V>>> babies = new ArrayList<>();
    for (int rt = 0; rt < p.rowTiles(); rt++) {
      List<List<V>> row = new ArrayList<>();
      for (int ct = 0; ct < p.colTiles(); ct++) {
        row.add(shape.babySteps(be, xa.tile(rt, ct)));
      }
      babies.add(row);
    }
    return new Prepared<>(p, babies);
  }

  /** X W from prepared X: W is inCols x outCols (row-major, W[r][c]). */
  public <V> PackedMatrix<V> multiply(SlotBackend<V> be, Prepared<V> x, double[][] weights) {
    Packing p = x.packing;
    if (weights.length != p.cols()) {
      throw new IllegalArgumentException("weights have " + weights.length + " rows, X has " + p.cols() + " columns");
    }
    int outCols = weights[0].length;
    Packing out = Packing.tiles(p.rows(), outCols, h * w, w);
    List<V> parts = new ArrayList<>();
    for (int i = 0; i < out.count(); i++) {
      parts.add(null);
    }
    for (int o = 0; o < out.colTiles(); o++) {
      List<LinearTransform> ts = new ArrayList<>();
      for (int i = 0; i < p.colTiles(); i++) {
        ts.add(transform(weights, i, o));
      }
      List<V> ys = LinearTransform.applySumLanes(be, ts, x.babies);
      for (int rt = 0; rt < p.rowTiles(); rt++) {
        parts.set(out.tileIndex(rt, o), be.rescale(ys.get(rt)));
      }
    }
    return new PackedMatrix<>(out, parts);
  }

  /** One product: prepare and multiply. */
  public <V> PackedMatrix<V> multiply(SlotBackend<V> be, PackedMatrix<V> x, double[][] weights) {
    return multiply(be, prepare(be, x), weights);
  }

  @Override
  public int depth() {
    return 1;
  }

  @Override
  public Set<Integer> rotations() {
    TreeSet<Integer> s = new TreeSet<>(babyRotations());
    s.addAll(giantRotations());
    return s;
  }

  /** Keys of {@link #prepare}. */
  public Set<Integer> babyRotations() {
    return new LinearTransform(h * w, 1, -(w - 1), w - 1, baby, k -> null, false).babyRotations();
  }

  /** Keys of {@link #multiply}. */
  public Set<Integer> giantRotations() {
    return new LinearTransform(h * w, 1, -(w - 1), w - 1, baby, k -> null, false).giantRotations();
  }
}
