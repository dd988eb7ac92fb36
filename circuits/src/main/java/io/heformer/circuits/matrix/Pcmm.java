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
 * <p>Output tiles (of one weight or across the weights of one call) are evaluated in pairs as real
 * and imaginary parts: X is real, so diagonals d + i d' give X W + i X W' in one pass.
 *
 * <p>Costs: prepare: (b - 1) hoisted rotations per tile of X. multiply, per pair of output tiles:
 * 2w/b - 1 rotations, (2w - 1) plaintext products per input tile (fewer where W is zero-padded), one
 * rescale and one conjugation. Depth 1.
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

  /** Diagonal k of block (inTile, outTile) of W, times a factor, as a w-periodic vector (null if zero). */
  private double[] diagonal(double[][] weights, int inTile, int outTile, int k, double factor) {
    int in = weights.length;
    int out = weights[0].length;
    double[] m = new double[w];
    boolean any = false;
    for (int c = 0; c < w; c++) {
      int r = inTile * w + c + k;
      int col = outTile * w + c;
      if (c + k >= 0 && c + k < w && r < in && col < out) {
        m[c] = factor * weights[r][col];
        any |= m[c] != 0;
      }
    }
    return any ? m : null;
  }

  /** One output tile (re) or two (re + i im, each diagonal halved so that re = z + conj z). */
  private LinearTransform transform(int inTile, double[][] wRe, int oRe, double[][] wIm, int oIm) {
    double f = wIm == null ? 1 : 0.5;
    return new LinearTransform(h * w, 1, -(w - 1), w - 1, baby, k -> {
      double[] re = diagonal(wRe, inTile, oRe, k, f);
      double[] im = wIm == null ? null : diagonal(wIm, inTile, oIm, k, f);
      if (re == null && im == null) {
        return null;
      }
      return SlotMask.of(re == null ? new double[w] : re, im);
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
    return multiply(be, x, java.util.Collections.singletonList(weights)).get(0);
  }

  /**
   * X W_t for several weights sharing X's baby steps (Q, K, V). Output tiles are evaluated two at a
   * time: X is real, so one pass with diagonals d + i d' yields X W + i X W' (half the plaintext
   * products and giant rotations); a conjugation per pair separates them, with no level and the
   * output scale unchanged (diagonals carry the factor 1/2).
   */
  public <V> List<PackedMatrix<V>> multiply(SlotBackend<V> be, Prepared<V> x, List<double[][]> weights) {
    Packing p = x.packing;
    List<Packing> outs = new ArrayList<>();
    List<List<V>> parts = new ArrayList<>();
    List<int[]> jobs = new ArrayList<>(); // {weight, output tile}
    for (int t = 0; t < weights.size(); t++) {
      double[][] wt = weights.get(t);
      if (wt.length != p.cols()) {
        throw new IllegalArgumentException("weight " + t + " has " + wt.length + " rows, X has " + p.cols() + " columns");
      }
      Packing out = Packing.tiles(p.rows(), wt[0].length, h * w, w);
      outs.add(out);
      List<V> slots = new ArrayList<>();
      for (int i = 0; i < out.count(); i++) {
        slots.add(null);
      }
      parts.add(slots);
      for (int o = 0; o < out.colTiles(); o++) {
        jobs.add(new int[] {t, o});
      }
    }
    for (int jb = 0; jb < jobs.size(); jb += 2) {
      int[] a = jobs.get(jb);
      int[] b = jb + 1 < jobs.size() ? jobs.get(jb + 1) : null;
      List<LinearTransform> ts = new ArrayList<>();
      for (int i = 0; i < p.colTiles(); i++) {
        ts.add(transform(i, weights.get(a[0]), a[1], b == null ? null : weights.get(b[0]), b == null ? 0 : b[1]));
      }
      List<V> zs = LinearTransform.applySumLanes(be, ts, x.babies);
      for (int rt = 0; rt < p.rowTiles(); rt++) {
        V z = be.rescale(zs.get(rt));
        if (b == null) {
          parts.get(a[0]).set(outs.get(a[0]).tileIndex(rt, a[1]), z);
        } else {
          V c = be.conjugate(z);
          parts.get(a[0]).set(outs.get(a[0]).tileIndex(rt, a[1]), be.add(z, c));
          parts.get(b[0]).set(outs.get(b[0]).tileIndex(rt, b[1]), be.mulByI(be.sub(c, z)));
        }
      }
    }
    List<PackedMatrix<V>> result = new ArrayList<>();
    for (int t = 0; t < weights.size(); t++) {
      result.add(new PackedMatrix<>(outs.get(t), parts.get(t)));
    }
    return result;
  }

  /** One product: prepare and multiply. */
  public <V> PackedMatrix<V> multiply(SlotBackend<V> be, PackedMatrix<V> x, double[][] weights) {
    return multiply(be, prepare(be, x), weights);
  }

  @Override
  public int depth() {
    return 1;
  }

  /** Output tiles are evaluated in pairs and separated by conjugation. */
  @Override
  public boolean needsConjugation() {
    return true;
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
