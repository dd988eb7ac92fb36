package io.heformer.circuits.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.circuits.linear.CostCounter;
import io.heformer.circuits.linear.SlotBackend;
import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParameters;
import io.heformer.ckks.CkksParametersSpec;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The matrix circuits under CKKS at a small insecure ring (N = 2^12, 2048 slots as 32 x 64 tiles,
 * scale 2^40): results against double products, levels against declared depths, with evaluation keys
 * for exactly the declared rotations. Precision is asserted in bits of the worst entry.
 */
class CkksMatrixTest {
  static final CkksParametersSpec SPEC = CkksParametersSpec.of(
      "INSECURE-N12-L9", 12, new int[] {55, 40, 40, 40, 40, 40, 40, 40, 40, 40}, new int[] {60, 60, 60}, 3, 40)
      .asTestOnly();
  private static final int SLOTS = 2048;
  private static final int H = 32;
  private static final int W = 64;
  private static final int TOP = 9;
  /** Worst-entry precision required: CKKS at scale 2^40 keeps about 20 bits through these depths. */
  private static final double MIN_BITS = 14;

  private static Harness<Ciphertext> h;
  private static Pcmm pcmm;
  private static LoraProducts lora;

  @BeforeAll
  static void keys() {
    pcmm = new Pcmm(H, W, Pcmm.babyStepsFor(W, 2, 2, 3));
    lora = new LoraProducts(H, W, 2);
    Set<Integer> keys = new TreeSet<>(pcmm.rotations());
    keys.addAll(lora.rotations());
    keys.addAll(new BlockProduct(H, W, true, true).wideRotations());
    keys.addAll(new BlockProduct(H, W, false, true, true).wideRotations());
    h = Harness.ckks(CkksParameters.of(SPEC), SLOTS, keys);
  }

  private static void assertBits(double[][] want, double[][] have, String what) {
    double err = DenseReference.maxError(want, have);
    double bits = -Math.log(err) / Math.log(2);
    assertTrue(bits >= MIN_BITS, () -> String.format("%s: worst entry %.1f bits < %.1f", what, bits, MIN_BITS));
  }

  @Test
  void pcmmOverSeveralCiphertextsAndSharedWeights() {
    Random rnd = new Random(21);
    double[][] x = DenseReference.random(rnd, 40, 100, 1);
    SlotBackend<Ciphertext> be = h.backend();
    PackedMatrix<Ciphertext> xe = h.encrypt(Packing.tiles(40, 100, SLOTS, W), x, 3);
    assertEquals(4, xe.parts().size());
    CostCounter c0 = be.counter().snapshot();
    Pcmm.Prepared<Ciphertext> prep = pcmm.prepare(be, xe);
    long prepRot = be.counter().since(c0).rotations();
    for (int t = 0; t < 3; t++) {
      double[][] w = DenseReference.random(rnd, 100, 70, 0.2);
      CostCounter c1 = be.counter().snapshot();
      PackedMatrix<Ciphertext> y = pcmm.multiply(be, prep, w);
      assertTrue(be.counter().since(c1).rotations() < prepRot, "giant steps cost less than the shared baby steps");
      assertEquals(2, y.level(be));
      assertBits(DenseReference.mul(x, w), h.decrypt(y), "PCMM weight " + t);
    }
  }

  @Test
  void attentionProductsOfOneHeadPair() {
    Random rnd = new Random(22);
    Packing p = Packing.tiles(H, W, SLOTS, W);
    double[][] q = DenseReference.random(rnd, H, W, 1);
    double[][] k = DenseReference.random(rnd, H, W, 1);
    double[][] v = DenseReference.random(rnd, H, W, 1);
    SlotBackend<Ciphertext> be = h.backend();
    PackedMatrix<Ciphertext> qe = h.encrypt(p, q, 6);
    PackedMatrix<Ciphertext> ke = h.encrypt(p, k, 6);
    PackedMatrix<Ciphertext> ve = h.encrypt(p, v, 6);
    BlockProduct qkt = new BlockProduct(H, W, false, true);
    PackedMatrix<Ciphertext> s = qkt.multiply(be, qe, ke); // Q K^T
    assertEquals(6 - qkt.depth(), s.level(be));
    PackedMatrix<Ciphertext> sv = new BlockProduct(H, W, true, false).multiply(be, qe, ve); // Q^T V (S^T G form)
    PackedMatrix<Ciphertext> sp = new BlockProduct(H, W, false, true, true).multiply(be, qe, ke); // Q K^T, complex-packed
    double[][] got = h.decrypt(s);
    double[][] got2 = h.decrypt(sv);
    double[][] got3 = h.decrypt(sp);
    for (int b = 0; b < W / H; b++) {
      double[][] qb = DenseReference.block(q, H, b);
      assertBits(DenseReference.mul(qb, DenseReference.transpose(DenseReference.block(k, H, b))), DenseReference.block(got, H, b), "Q K^T block " + b);
      assertBits(DenseReference.mul(DenseReference.transpose(qb), DenseReference.block(v, H, b)), DenseReference.block(got2, H, b), "Q^T V block " + b);
      assertBits(DenseReference.mul(qb, DenseReference.transpose(DenseReference.block(k, H, b))), DenseReference.block(got3, H, b), "packed Q K^T block " + b);
    }
  }

  @Test
  void ccmmWithEncryptedWeights() {
    Random rnd = new Random(23);
    double[][] x = DenseReference.random(rnd, 20, 100, 1);
    double[][] w = DenseReference.random(rnd, 100, 70, 0.2);
    SlotBackend<Ciphertext> be = h.backend();
    BlockProduct bp = new BlockProduct(H, W, false, false);
    PackedMatrix<Ciphertext> y = bp.multiplyWide(be, h.encrypt(Packing.tiles(20, 100, SLOTS, W), x, 5),
        h.encrypt(Packing.tiles(100, 70, SLOTS, W), w, 5));
    assertEquals(1, y.level(be));
    assertBits(DenseReference.mul(x, w), h.decrypt(y), "X W (CCMM)");
  }

  @Test
  void loraForwardAndGradients() {
    Random rnd = new Random(24);
    int tokens = 40;
    double[][] x = DenseReference.random(rnd, tokens, 100, 1);
    double[][] a = DenseReference.random(rnd, 100, 2, 0.3);
    double[][] b = DenseReference.random(rnd, 2, 70, 0.3);
    double[][] g = DenseReference.random(rnd, tokens, 70, 1);
    SlotBackend<Ciphertext> be = h.backend();
    var at = lora.replicateRows(be, h.encrypt(Packing.bands(2, 100, SLOTS, W), DenseReference.transpose(a), TOP));
    var bb = lora.replicateRows(be, h.encrypt(Packing.bands(2, 70, SLOTS, W), b, TOP));
    PackedMatrix<Ciphertext> xe = h.encrypt(Packing.tiles(tokens, 100, SLOTS, W), x, TOP);
    PackedMatrix<Ciphertext> ge = h.encrypt(Packing.tiles(tokens, 70, SLOTS, W), g, TOP);
    PackedMatrix<Ciphertext> xa = lora.timesTransposed(be, xe, at);
    double[][] xaWant = DenseReference.mul(x, a);
    assertBits(xaWant, h.decrypt(xa), "X A");
    assertBits(DenseReference.mul(xaWant, b), h.decrypt(lora.timesBand(be, xa, bb)), "X A B");
    PackedMatrix<Ciphertext> gxa = lora.timesTransposed(be, ge, bb);
    double[][] gxaWant = DenseReference.mul(g, DenseReference.transpose(b));
    assertBits(gxaWant, h.decrypt(gxa), "G B^T");
    assertBits(DenseReference.mul(DenseReference.transpose(gxaWant), x), h.decrypt(lora.transposeTimes(be, gxa, xe)), "(G B^T)^T X");
    assertBits(DenseReference.mul(DenseReference.transpose(xaWant), g), h.decrypt(lora.transposeTimes(be, xa, ge)), "(X A)^T G");
  }

  @Test
  void complexPackingSplitsUnderEncryption() {
    Random rnd = new Random(25);
    double[][] a = DenseReference.random(rnd, 30, 90, 1);
    double[][] b = DenseReference.random(rnd, 30, 90, 1);
    Packing p = Packing.tiles(30, 90, SLOTS, W);
    List<PackedMatrix<Ciphertext>> parts = ComplexPacking.split(h.backend(), h.encrypt(p, a, b, 2));
    assertBits(a, h.decrypt(parts.get(0)), "real part");
    assertBits(b, h.decrypt(parts.get(1)), "imaginary part");
    assertBits(new double[30][90], h.decryptParts(parts.get(0))[1], "real part's imaginary residue");
  }
}
