package io.heformer.circuits.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.circuits.linear.PlainSlotBackend;
import io.heformer.circuits.linear.PlainSlots;
import io.heformer.circuits.linear.SlotBackend;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The LoRA forward and backward products on the plain backend against double products. */
class PlainLoraTest {
  private static final int SLOTS = 1024;
  private static final int H = 16;
  private static final int W = 64;
  private static final double TOL = 1e-9;

  @ParameterizedTest(name = "tokens {0}, d_in {1}, d_out {2}, rank {3}")
  @CsvSource({"37, 100, 70, 2", "16, 64, 64, 1", "20, 130, 90, 3"})
  void forwardAndBackwardProducts(int tokens, int din, int dout, int rank) {
    Random rnd = new Random(tokens * 31 + din);
    double[][] x = DenseReference.random(rnd, tokens, din, 1);
    double[][] a = DenseReference.random(rnd, din, rank, 0.5);
    double[][] b = DenseReference.random(rnd, rank, dout, 0.5);
    double[][] g = DenseReference.random(rnd, tokens, dout, 1);
    LoraProducts lora = new LoraProducts(H, W, rank);
    long[] primes = new long[14];
    for (int i = 0; i < primes.length; i++) {
      primes[i] = (1L << 40) + 2L * i + 1;
    }
    Harness<PlainSlots> h = Harness.plain(SLOTS, primes, lora.rotations());
    SlotBackend<PlainSlots> be = h.backend();
    int level = 12;
    PackedMatrix<PlainSlots> xe = h.encrypt(Packing.tiles(tokens, din, SLOTS, W), x, level);
    PackedMatrix<PlainSlots> ge = h.encrypt(Packing.tiles(tokens, dout, SLOTS, W), g, level);
    var at = lora.replicateRows(be, h.encrypt(Packing.bands(rank, din, SLOTS, W), DenseReference.transpose(a), level));
    var bb = lora.replicateRows(be, h.encrypt(Packing.bands(rank, dout, SLOTS, W), b, level));

    PackedMatrix<PlainSlots> xa = lora.timesTransposed(be, xe, at);
    double[][] xaWant = DenseReference.mul(x, a);
    assertTrue(DenseReference.maxError(xaWant, h.decrypt(xa)) < TOL);
    assertEquals(level - 3, xa.level(be)); // 1 (replicate) + 1 (product) + 1 (column mask)

    PackedMatrix<PlainSlots> xab = lora.timesBand(be, xa, bb);
    assertTrue(DenseReference.maxError(DenseReference.mul(xaWant, b), h.decrypt(xab)) < TOL);
    assertEquals(level - 5, xab.level(be));

    PackedMatrix<PlainSlots> gxa = lora.timesTransposed(be, ge, bb);
    double[][] gxaWant = DenseReference.mul(g, DenseReference.transpose(b));
    assertTrue(DenseReference.maxError(gxaWant, h.decrypt(gxa)) < TOL);

    PackedMatrix<PlainSlots> gradAt = lora.transposeTimes(be, gxa, xe);
    assertTrue(DenseReference.maxError(DenseReference.transpose(DenseReference.mul(DenseReference.transpose(x), gxaWant)), h.decrypt(gradAt)) < TOL);
    assertEquals(1, gradAt.packing().count());

    PackedMatrix<PlainSlots> gradB = lora.transposeTimes(be, xa, ge);
    assertTrue(DenseReference.maxError(DenseReference.mul(DenseReference.transpose(xaWant), g), h.decrypt(gradB)) < TOL);

    PackedMatrix<PlainSlots> gx = lora.timesBand(be, gxa, at);
    assertTrue(DenseReference.maxError(DenseReference.mul(gxaWant, DenseReference.transpose(a)), h.decrypt(gx)) < TOL);
    assertTrue(lora.rotations().containsAll(((PlainSlotBackend) be).usedRotations()));
  }
}
