package io.heformer.circuits.matrix;

import io.heformer.circuits.linear.Circuit;
import io.heformer.circuits.linear.LinearTransform;
import io.heformer.circuits.linear.SlotBackend;
import io.heformer.circuits.linear.SlotMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ciphertext x ciphertext products of square blocks by JKLS: for tiles of d rows and w = nb d
 * columns, every block pair is multiplied at once, C_b = op(A_b) op(B_b) with op = identity or
 * transpose (Q K^T, S V, G V^T, S^T G, dZ K, dZ^T Q in attention, per head-pair tile).
 *
 * <p>C = sum_{l &lt; d} phi^l(sigma A) * psi^l(tau B), with sigma (row i rotated by i) and tau
 * (column j rotated by j) as baby-step giant-step transforms of 2d - 1 diagonals, phi^l (columns
 * rotated by l inside each block: two rotations and two column masks) and psi^l (rows rotated by l:
 * one rotation by l w, cyclic because the tile fills the vector). The shifted copies are made by
 * chains of rotations by 1, -d and w, so the whole product needs only the sigma and tau keys plus
 * three: key memory matters at N = 2^16 (about 100 MB per key). The d tensor products are summed
 * before one relinearisation.
 *
 * <p>Costs per tile pair: about 2 sqrt(2d) (sigma, tau) + 3 (d - 1) rotations, 4d plaintext products,
 * d tensor products, one relinearisation. Complex-packed (the reference code's packed JKLS), the terms
 * l and l + 1 travel as a + i a' (A side) and b - i b' (B side), whose product has real part
 * ab + a'b': sigma and tau become complex transforms (same 2d - 1 diagonals), the shifts go by 2, and the loop
 * has d/2 terms: about 3d/2 shift rotations and d/2 tensor products, plus one conjugation. Depth: 3 on A's side (sigma, phi masks, product) and 2 on
 * B's, plus one for each transposed operand.
 */
public final class BlockProduct implements Circuit {
  private record Key(String kind, int d, int w) {}

  private static final Map<Key, LinearTransform> TRANSFORMS = new ConcurrentHashMap<>();

  private final int d;
  private final int w;
  private final boolean transposeA;
  private final boolean transposeB;
  private final boolean complexPacked;
  private final int shift;
  private final LinearTransform sigma;
  private final LinearTransform tau;
  private final BlockTranspose transpose;

  /**
   * @param tileRows the block size d (tiles have exactly d rows)
   * @param tileCols tile width w, a multiple of d
   */
  public BlockProduct(int tileRows, int tileCols, boolean transposeA, boolean transposeB) {
    this(tileRows, tileCols, transposeA, transposeB, false);
  }

  /**
   * @param complexPacked pack consecutive terms l, l + 1 of the sum as A-side a + i a' and B-side b - i b'
   *     (Re of the product is ab + a'b'): half the shifts and tensor products, one conjugation at the end
   */
  public BlockProduct(int tileRows, int tileCols, boolean transposeA, boolean transposeB, boolean complexPacked) {
    if (tileCols % tileRows != 0) {
      throw new IllegalArgumentException("tile width " + tileCols + " must be a multiple of the block size " + tileRows);
    }
    if (complexPacked && tileRows % 2 != 0) {
      throw new IllegalArgumentException("complex packing needs an even block size: " + tileRows);
    }
    this.d = tileRows;
    this.w = tileCols;
    this.transposeA = transposeA;
    this.transposeB = transposeB;
    this.complexPacked = complexPacked;
    this.shift = complexPacked ? 2 : 1;
    String suffix = complexPacked ? "C" : "";
    this.sigma = TRANSFORMS.computeIfAbsent(new Key("sigma" + suffix, d, w), k -> build(k.d, k.w, true, complexPacked));
    this.tau = TRANSFORMS.computeIfAbsent(new Key("tau" + suffix, d, w), k -> build(k.d, k.w, false, complexPacked));
    this.transpose = transposeA || transposeB ? new BlockTranspose(d, w) : null;
  }

  /**
   * sigma (step 1) or tau (step w) for blocks of d in tiles of width w. Complex-packed: sigma A + i phi
   * sigma A, respectively tau B - i psi tau B, as one transform with complex diagonals.
   */
  private static LinearTransform build(int d, int w, boolean isSigma, boolean packed) {
    int slots = d * w;
    // Both the term l and the term l + 1 move entries by offsets in [-(d - 1), d - 1].
    return new LinearTransform(slots, isSigma ? 1 : w, -(d - 1), d - 1, LinearTransform.balancedBabySteps(2 * d - 1), k -> {
      double[] re = new double[slots];
      double[] im = packed ? new double[slots] : null;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          int move = isSigma ? i : j; // row i moves by i (sigma); column j moves by j (tau)
          int offset = i + j < d ? move : move - d;
          int next = i + j + 1 < d ? move + 1 : move + 1 - d; // the term l + 1: phi sigma, psi tau
          for (int b = 0; b < w / d; b++) {
            int slot = i * w + b * d + j;
            re[slot] = offset == k ? 1 : 0;
            if (packed && next == k) {
              im[slot] = isSigma ? 1 : -1;
            }
          }
        }
      }
      return packed ? SlotMask.reusableComplex(re, im) : SlotMask.reusable(re);
    }, true);
  }

  @Override
  public int depth() {
    return Math.max(3 + (transposeA ? 1 : 0), 2 + (transposeB ? 1 : 0));
  }

  @Override
  public Set<Integer> rotations() {
    TreeSet<Integer> s = new TreeSet<>();
    s.addAll(sigma.rotations());
    s.addAll(tau.rotations());
    int slots = d * w;
    s.add(shift);
    s.add(Math.floorMod(-d, slots));
    s.add(shift * w % slots);
    if (transpose != null) {
      s.addAll(transpose.rotations());
    }
    s.remove(0);
    return s;
  }

  @Override
  public boolean needsConjugation() {
    return complexPacked;
  }

  /**
   * The left factors phi^l(sigma(op A)), l = 0..d-1 (l = 0, 2, .., d-2 of the packed sigma when
   * complex-packed), made once and reusable against many B.
   */
  public <V> List<V> leftFactors(SlotBackend<V> be, V a) {
    V x = transposeA ? transpose.apply(be, a) : a;
    V s = sigma.apply(be, x);
    List<V> out = new ArrayList<>(d / shift);
    out.add(s);
    V r1 = s;
    V r2 = be.rotate(s, -d);
    for (int l = shift; l < d; l += shift) {
      r1 = be.rotate(r1, shift);
      r2 = be.rotate(r2, shift);
      V m = be.add(be.mulPlain(r1, Masks.blockColumns(d, d - l, true)), be.mulPlain(r2, Masks.blockColumns(d, d - l, false)));
      out.add(be.rescale(m));
    }
    return out;
  }

  /**
   * acc + sum_l left_l * psi^l(tau(op B)) as a degree-2 vector; acc (null or owned by the caller, as
   * returned by an earlier call) is updated in place.
   */
  public <V> V accumulate(SlotBackend<V> be, List<V> left, V b, V acc) {
    V y = transposeB ? transpose.apply(be, b) : b;
    V r = tau.apply(be, y);
    V sum = acc;
    for (int l = 0; l < left.size(); l++) {
      if (l > 0) {
        r = be.rotate(r, shift * w);
      }
      sum = be.accumulate(sum, be.mul(left.get(l), r));
    }
    return sum;
  }

  /**
   * Relinearise and rescale an accumulated product: one key switch, one level; complex-packed, the real
   * part (z + conj z) / 2 (one more key switch, no level).
   */
  public <V> V finish(SlotBackend<V> be, V acc) {
    V z = be.rescale(be.relinearize(acc));
    return complexPacked ? be.halve(be.add(z, be.conjugate(z))) : z;
  }

  /** op(A_b) op(B_b) for every block of one tile pair. */
  public <V> V multiply(SlotBackend<V> be, V a, V b) {
    return finish(be, accumulate(be, leftFactors(be, a), b, null));
  }

  /**
   * Tile by tile: A and B have the same tiling (at most d rows, tiles of d rows). The result has the
   * same tiling; its shape is A's rows (d if A is transposed) by B's columns (all tile columns if B
   * is transposed), and entries outside each block product are zero.
   */
  public <V> PackedMatrix<V> multiply(SlotBackend<V> be, PackedMatrix<V> a, PackedMatrix<V> b) {
    Packing pa = a.packing();
    Packing pb = b.packing();
    if (pa.tileRows() != d || pa.tileCols() != w || pb.tileRows() != d || pb.tileCols() != w
        || pa.layout() != Packing.Layout.TILES || pb.layout() != Packing.Layout.TILES) {
      throw new IllegalArgumentException("block product needs " + d + " x " + w + " tiles, got " + pa + " and " + pb);
    }
    if (pa.count() != pb.count()) {
      throw new IllegalArgumentException("tile counts differ: " + pa.count() + " vs " + pb.count());
    }
    int rows = transposeA ? d : pa.rows();
    int cols = transposeB ? pb.colTiles() * w : pb.cols();
    if (pa.rows() > d || pb.rows() > d) {
      throw new IllegalArgumentException("block product needs at most " + d + " rows per operand: " + pa.rows() + ", " + pb.rows());
    }
    PackedMatrix<V> aa = a.aligned(be);
    PackedMatrix<V> bb = b.aligned(be);
    List<V> out = new ArrayList<>();
    for (int t = 0; t < pa.count(); t++) {
      out.add(multiply(be, aa.part(t), bb.part(t)));
    }
    return new PackedMatrix<>(pa.withShape(rows, cols), out);
  }

  /**
   * X W for an encrypted X (T x n, T &lt;= d, one row of tiles) and an encrypted W (n x m) in the same
   * tiling: for each d-row block rho of W, A_rho (X's column block rho) is copied into every block
   * position (mask, rotation, log2 nb doublings), its left factors are made once, and every tile
   * (rho, o) of W is accumulated into output tile o. This is the CCMM the paper compares with PCMM.
   * Depth 4 on X's side, 2 on W's.
   */
  public <V> PackedMatrix<V> multiplyWide(SlotBackend<V> be, PackedMatrix<V> x, PackedMatrix<V> wm) {
    if (transposeA || transposeB) {
      throw new IllegalStateException("multiplyWide is defined for untransposed operands");
    }
    Packing px = x.packing();
    Packing pw = wm.packing();
    if (px.rows() > d || px.tileRows() != d || pw.tileRows() != d || px.tileCols() != w || pw.tileCols() != w) {
      throw new IllegalArgumentException("wide product needs " + d + " x " + w + " tiles and at most " + d + " rows: " + px + ", " + pw);
    }
    if (px.cols() != pw.rows()) {
      throw new IllegalArgumentException("inner dimensions differ: " + px.cols() + " vs " + pw.rows());
    }
    int nb = w / d;
    PackedMatrix<V> xx = x.aligned(be);
    PackedMatrix<V> ww = wm.aligned(be);
    List<V> acc = new ArrayList<>();
    for (int o = 0; o < pw.colTiles(); o++) {
      acc.add(null);
    }
    for (int rho = 0; rho < pw.rowTiles(); rho++) {
      V tile = xx.tile(0, rho / nb);
      int sub = rho % nb;
      V block = be.rotate(RowColumnOps.maskColumns(be, tile, d, w, sub * d, sub * d + d), sub * d);
      for (int t = 0; (1 << t) < nb; t++) {
        block = be.add(block, be.rotate(block, -(d << t)));
      }
      List<V> left = leftFactors(be, block);
      for (int o = 0; o < pw.colTiles(); o++) {
        acc.set(o, accumulate(be, left, ww.tile(rho, o), acc.get(o)));
      }
    }
    List<V> out = acc.stream().map(v -> finish(be, v)).toList();
    return new PackedMatrix<>(Packing.tiles(px.rows(), pw.cols(), d * w, w), out);
  }

  /** Rotation keys of {@link #multiplyWide}: the product's and the block copies'. */
  public Set<Integer> wideRotations() {
    TreeSet<Integer> s = new TreeSet<>(rotations());
    int slots = d * w;
    for (int sub = 1; sub < w / d; sub++) {
      s.add(sub * d);
    }
    for (int t = 0; (1 << t) < w / d; t++) {
      s.add(Math.floorMod(-(d << t), slots));
    }
    return s;
  }
}
