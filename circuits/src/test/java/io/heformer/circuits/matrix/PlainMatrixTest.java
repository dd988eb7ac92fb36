package io.heformer.circuits.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.circuits.linear.CostCounter;
import io.heformer.circuits.linear.PlainSlotBackend;
import io.heformer.circuits.linear.PlainSlots;
import io.heformer.circuits.linear.SlotBackend;
import io.heformer.ckks.HeException.MissingKeyException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Layouts, products and key declarations on the noise-free slot backend: results against double
 * matrix products, levels consumed against the declared depth, rotations used against the declared
 * keys (the backend refuses any other), and operation counts against the cost formulas.
 */
class PlainMatrixTest {
  private static final int SLOTS = 1024;
  private static final int H = 16;
  private static final int W = 64;
  private static final long[] PRIMES = primes(12);
  private static final double TOL = 1e-9;

  private static long[] primes(int count) {
    long[] p = new long[count];
    for (int i = 0; i < count; i++) {
      p[i] = (1L << 40) + 2L * i * 1_000_003 + 1;
    }
    return p;
  }

  private static Harness<PlainSlots> harness(Set<Integer> keys) {
    return Harness.plain(SLOTS, PRIMES, keys);
  }

  @Test
  void packingRoundTripsTilesAndBands() {
    Random rnd = new Random(1);
    for (int[] shape : new int[][] {{37, 100}, {16, 64}, {1, 1}, {50, 3}}) {
      double[][] m = DenseReference.random(rnd, shape[0], shape[1], 1);
      Packing p = Packing.tiles(shape[0], shape[1], SLOTS, W);
      double[][] v = p.pack(m);
      assertEquals(p.rowTiles() * p.colTiles(), v.length);
      assertEquals(0, DenseReference.maxError(m, p.unpack(List.of(v))));
    }
    double[][] band = DenseReference.random(rnd, 3, 300, 1); // 5 bands of 3 rows: 15 rows in one 16-row vector
    Packing pb = Packing.bands(3, 300, SLOTS, W);
    assertEquals(1, pb.count());
    assertEquals(0, DenseReference.maxError(band, pb.unpack(List.of(pb.pack(band)))));
    assertEquals(2, Packing.bands(3, 400, SLOTS, W).count());
    assertEquals(2 * W + 5, pb.slotOf(2, 5)); // band 0, row 2
    assertEquals(5 * W + 6, pb.slotOf(2, 70)); // band 1, row 2: stacked row 3 + 2
    assertThrows(IllegalArgumentException.class, () -> Packing.tiles(4, 4, 1000, 64));
  }

  @ParameterizedTest(name = "X {0}x{1} times W {1}x{2}")
  @CsvSource({"37, 100, 70", "16, 64, 64", "5, 130, 3", "48, 64, 200"})
  void pcmmMatchesDoubleProduct(int rows, int inner, int cols) {
    Random rnd = new Random(rows * 1000 + cols);
    double[][] x = DenseReference.random(rnd, rows, inner, 1);
    double[][] w = DenseReference.random(rnd, inner, cols, 0.1);
    Packing px = Packing.tiles(rows, inner, SLOTS, W);
    Pcmm pcmm = new Pcmm(H, W, Pcmm.babyStepsFor(W, px.colTiles(), (cols + W - 1) / W, 1));
    Harness<PlainSlots> h = harness(pcmm.rotations());
    PackedMatrix<PlainSlots> y = pcmm.multiply(h.backend(), h.encrypt(px, x, 3), w);
    assertEquals(3 - pcmm.depth(), y.level(h.backend()));
    assertTrue(DenseReference.maxError(DenseReference.mul(x, w), h.decrypt(y)) < TOL);
    PlainSlotBackend be = (PlainSlotBackend) h.backend();
    assertTrue(pcmm.rotations().containsAll(be.usedRotations()));
  }

  @Test
  void pcmmSharesBabyStepsAcrossWeights() {
    Random rnd = new Random(7);
    int rows = 16;
    int d = 192; // three column tiles
    double[][] x = DenseReference.random(rnd, rows, d, 1);
    Packing px = Packing.tiles(rows, d, SLOTS, W);
    int b = Pcmm.babyStepsFor(W, 3, 3, 3);
    Pcmm pcmm = new Pcmm(H, W, b);
    Harness<PlainSlots> h = harness(pcmm.rotations());
    SlotBackend<PlainSlots> be = h.backend();
    PackedMatrix<PlainSlots> xe = h.encrypt(px, x, 2);

    CostCounter c0 = be.counter().snapshot();
    Pcmm.Prepared<PlainSlots> prep = pcmm.prepare(be, xe);
    CostCounter prepCost = be.counter().since(c0);
    assertEquals(3L * (b - 1), prepCost.rotations());
    assertEquals(3, prepCost.hoistedDecompositions());
    int giants = 2 * W / b - 1;
    double[][][] ws = new double[3][][];
    for (int t = 0; t < 3; t++) {
      ws[t] = DenseReference.random(rnd, d, d, 0.1);
      CostCounter c1 = be.counter().snapshot();
      PackedMatrix<PlainSlots> y = pcmm.multiply(be, prep, ws[t]);
      CostCounter mc = be.counter().since(c1);
      // three output tiles in two passes (a complex pair and a single)
      assertEquals(2L * giants, mc.rotations());
      assertEquals(2L * 3 * (2 * W - 1), mc.ptMults());
      assertEquals(1, mc.conjugations());
      assertTrue(DenseReference.maxError(DenseReference.mul(x, ws[t]), h.decrypt(y)) < TOL);
    }
    CostCounter c2 = be.counter().snapshot();
    List<PackedMatrix<PlainSlots>> qkv = pcmm.multiply(be, prep, List.of(ws[0], ws[1], ws[2]));
    CostCounter all = be.counter().since(c2);
    assertEquals(5L * giants, all.rotations()); // nine output tiles in five passes
    assertEquals(4, all.conjugations());
    for (int t = 0; t < 3; t++) {
      assertTrue(DenseReference.maxError(DenseReference.mul(x, ws[t]), h.decrypt(qkv.get(t))) < TOL, "weight " + t);
      assertEquals(1, qkv.get(t).level(be));
    }
    assertEquals(pcmm.rotations(), ((PlainSlotBackend) be).usedRotations());
  }

  @Test
  void missingRotationKeyIsRefused() {
    Pcmm pcmm = new Pcmm(H, W, 8);
    Set<Integer> keys = new HashSet<>(pcmm.rotations());
    keys.remove(keys.iterator().next());
    Harness<PlainSlots> h = harness(keys);
    double[][] x = DenseReference.random(new Random(3), 16, 64, 1);
    PackedMatrix<PlainSlots> xe = h.encrypt(Packing.tiles(16, 64, SLOTS, W), x, 2);
    assertThrows(MissingKeyException.class, () -> pcmm.multiply(h.backend(), xe, DenseReference.random(new Random(4), 64, 64, 1)));
  }

  @ParameterizedTest(name = "transposeA={0} transposeB={1} complexPacked={2}")
  @CsvSource({"false, false, false", "false, true, false", "true, false, false", "true, true, false",
      "false, false, true", "false, true, true", "true, false, true", "true, true, true"})
  void blockProductMatchesPerBlockProducts(boolean ta, boolean tb, boolean packed) {
    Random rnd = new Random(ta ? 11 : 12 + (tb ? 1 : 0));
    double[][] a = DenseReference.random(rnd, H, W, 1);
    double[][] b = DenseReference.random(rnd, H, W, 1);
    BlockProduct bp = new BlockProduct(H, W, ta, tb, packed);
    Harness<PlainSlots> h = harness(bp.rotations());
    Packing p = Packing.tiles(H, W, SLOTS, W);
    int level = 6;
    PackedMatrix<PlainSlots> c = bp.multiply(h.backend(), h.encrypt(p, a, level), h.encrypt(p, b, level));
    assertEquals(level - bp.depth(), c.level(h.backend()));
    double[][] got = h.decrypt(c);
    for (int blk = 0; blk < W / H; blk++) {
      double[][] ab = DenseReference.block(a, H, blk);
      double[][] bb = DenseReference.block(b, H, blk);
      double[][] want = DenseReference.mul(ta ? DenseReference.transpose(ab) : ab, tb ? DenseReference.transpose(bb) : bb);
      assertTrue(DenseReference.maxError(want, DenseReference.block(got, H, blk)) < TOL, "block " + blk);
    }
    CostCounter cost = h.backend().counter();
    assertEquals(packed ? H / 2 : H, cost.ctMults());
    assertEquals(1, cost.relinearizations());
    assertEquals(packed ? 1 : 0, cost.conjugations());
    assertEquals(bp.rotations(), ((PlainSlotBackend) h.backend()).usedRotations(), "declared keys are exactly the used ones");
  }

  @Test
  void severalSequencesPerCiphertext() {
    // Three sequences of 8 tokens: two share the first 16-row tile, the third starts the second.
    Random rnd = new Random(19);
    double[][][] seqs = {DenseReference.random(rnd, 8, 70, 1), DenseReference.random(rnd, 8, 70, 1), DenseReference.random(rnd, 8, 70, 1)};
    double[][] x = Packing.stackSequences(seqs);
    double[][] w = DenseReference.random(rnd, 70, 40, 0.1);
    Packing p = Packing.tiles(24, 70, SLOTS, W);
    assertEquals(4, p.count());
    Pcmm pcmm = new Pcmm(H, W, 8);
    Harness<PlainSlots> h = harness(pcmm.rotations());
    double[][] y = h.decrypt(pcmm.multiply(h.backend(), h.encrypt(p, x, 2), w));
    for (int s = 0; s < 3; s++) {
      double[][] ys = new double[8][];
      System.arraycopy(y, 8 * s, ys, 0, 8);
      assertTrue(DenseReference.maxError(DenseReference.mul(seqs[s], w), ys) < TOL, "sequence " + s);
    }
  }

  @Test
  void attentionScoresQkTransposeOfOneHeadPair() {
    // Q, K: 16 tokens x 2 heads of dimension 5, one head per 16-column block (zero-padded).
    Random rnd = new Random(5);
    double[][] q = new double[H][W];
    double[][] k = new double[H][W];
    double[][][] qh = new double[2][][];
    double[][][] kh = new double[2][][];
    for (int head = 0; head < 2; head++) {
      qh[head] = DenseReference.random(rnd, H, 5, 1);
      kh[head] = DenseReference.random(rnd, H, 5, 1);
      for (int i = 0; i < H; i++) {
        for (int j = 0; j < 5; j++) {
          q[i][head * H + j] = qh[head][i][j];
          k[i][head * H + j] = kh[head][i][j];
        }
      }
    }
    BlockProduct bp = new BlockProduct(H, W, false, true);
    Harness<PlainSlots> h = harness(bp.rotations());
    Packing p = Packing.tiles(H, W, SLOTS, W);
    double[][] s = h.decrypt(bp.multiply(h.backend(), h.encrypt(p, q, 5), h.encrypt(p, k, 5)));
    for (int head = 0; head < 2; head++) {
      assertTrue(DenseReference.maxError(DenseReference.mul(qh[head], DenseReference.transpose(kh[head])), DenseReference.block(s, H, head)) < TOL);
    }
  }

  @ParameterizedTest(name = "X 13x{0} times encrypted W {0}x{1}, complex-packed {2}")
  @CsvSource({"100, 70, false", "64, 128, false", "100, 70, true"})
  void wideCcmmMatchesDoubleProduct(int inner, int cols, boolean packed) {
    Random rnd = new Random(inner + cols);
    double[][] x = DenseReference.random(rnd, 13, inner, 1);
    double[][] w = DenseReference.random(rnd, inner, cols, 0.1);
    BlockProduct bp = new BlockProduct(H, W, false, false, packed);
    Harness<PlainSlots> h = harness(bp.wideRotations());
    PackedMatrix<PlainSlots> y = bp.multiplyWide(h.backend(), h.encrypt(Packing.tiles(13, inner, SLOTS, W), x, 6),
        h.encrypt(Packing.tiles(inner, cols, SLOTS, W), w, 6));
    assertEquals(2, y.level(h.backend()));
    assertTrue(DenseReference.maxError(DenseReference.mul(x, w), h.decrypt(y)) < TOL);
  }

  @Test
  void blockTransposeTransposesSquareMatrices() {
    Random rnd = new Random(9);
    double[][] a = DenseReference.random(rnd, 11, 13, 1);
    BlockTranspose t = new BlockTranspose(H, W);
    Harness<PlainSlots> h = harness(t.rotations());
    PackedMatrix<PlainSlots> at = t.apply(h.backend(), h.encrypt(Packing.tiles(11, 13, SLOTS, W), a, 2));
    assertEquals(13, at.rows());
    assertEquals(0, DenseReference.maxError(DenseReference.transpose(a), h.decrypt(at)), TOL);
    assertEquals(1, at.level(h.backend()));
  }

  @Test
  void rowAndColumnSumsAndReplication() {
    Random rnd = new Random(13);
    double[][] a = DenseReference.random(rnd, H, W, 1);
    Set<Integer> keys = new LoraProducts(H, W, 3).rotations();
    Harness<PlainSlots> h = harness(keys);
    SlotBackend<PlainSlots> be = h.backend();
    Packing p = Packing.tiles(H, W, SLOTS, W);
    PlainSlots x = h.encrypt(p, a, 3).part(0);
    double[][] rs = h.decrypt(new PackedMatrix<>(p, List.of(RowColumnOps.rowSums(be, x, H, W))));
    double[][] cs = h.decrypt(new PackedMatrix<>(p, List.of(RowColumnOps.columnSums(be, x, H, W))));
    double[][] rr = h.decrypt(new PackedMatrix<>(p, List.of(RowColumnOps.replicateRow(be, x, H, W, 5))));
    double[][] rc = h.decrypt(new PackedMatrix<>(p, List.of(RowColumnOps.replicateColumn(be, x, H, W, 2))));
    for (int i = 0; i < H; i++) {
      double rowSum = 0;
      for (int j = 0; j < W; j++) {
        rowSum += a[i][j];
        double colSum = 0;
        for (int t = 0; t < H; t++) {
          colSum += a[t][j];
        }
        assertEquals(colSum, cs[i][j], TOL);
        assertEquals(a[5][j], rr[i][j], TOL);
        assertEquals(a[i][2], rc[i][j], TOL);
        if (j > 0) {
          assertEquals(0, rs[i][j], TOL);
        }
      }
      assertEquals(rowSum, rs[i][0], TOL);
    }
  }

  @Test
  void complexPackingCombinesAndSplits() {
    Random rnd = new Random(17);
    double[][] a = DenseReference.random(rnd, 20, 70, 1);
    double[][] b = DenseReference.random(rnd, 20, 70, 1);
    Harness<PlainSlots> h = harness(Set.of());
    Packing p = Packing.tiles(20, 70, SLOTS, W);
    SlotBackend<PlainSlots> be = h.backend();
    PackedMatrix<PlainSlots> z = ComplexPacking.combine(be, h.encrypt(p, a, 2), h.encrypt(p, b, 2));
    double[][][] parts = h.decryptParts(z);
    assertEquals(0, DenseReference.maxError(a, parts[0]), TOL);
    assertEquals(0, DenseReference.maxError(b, parts[1]), TOL);
    List<PackedMatrix<PlainSlots>> split = ComplexPacking.split(be, z);
    double[][][] re = h.decryptParts(split.get(0));
    double[][][] im = h.decryptParts(split.get(1));
    assertEquals(0, DenseReference.maxError(a, re[0]), TOL);
    assertEquals(0, DenseReference.maxError(b, im[0]), TOL);
    assertEquals(0, DenseReference.maxError(new double[20][70], re[1]), TOL);
    assertEquals(0, DenseReference.maxError(new double[20][70], im[1]), TOL);
    assertEquals(2, split.get(0).level(be));
  }
}
