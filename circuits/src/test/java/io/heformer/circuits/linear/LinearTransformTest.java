package io.heformer.circuits.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.heformer.ckks.HeException.ScaleMismatchException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The baby-step giant-step transform against the naive sum of rotated vectors times diagonals. */
class LinearTransformTest {
  private static final int SLOTS = 256;
  private static final long[] PRIMES = {(1L << 40) + 1, (1L << 40) + 3, (1L << 40) + 5, (1L << 40) + 7};

  @ParameterizedTest(name = "step {0}, k in [{1}, {2}], b = {3}, period {4}")
  @CsvSource({"1, -7, 9, 4, 256", "3, 0, 20, 8, 256", "17, -30, 2, 1, 256", "1, -63, 63, 16, 64", "5, 4, 6, 32, 256"})
  void bsgsEqualsNaiveSum(int step, int kMin, int kMax, int baby, int period) {
    Random rnd = new Random(step * 100 + kMax);
    double[][] diag = new double[kMax - kMin + 1][period];
    for (double[] d : diag) {
      for (int s = 0; s < period; s++) {
        d[s] = rnd.nextDouble() - 0.5;
      }
    }
    LinearTransform t = new LinearTransform(SLOTS, step, kMin, kMax, baby, k -> SlotMask.of(diag[k - kMin]), false);
    PlainSlotBackend be = new PlainSlotBackend(SLOTS, PRIMES, t.rotations(), false);
    double[] x = new double[SLOTS];
    double[] xi = new double[SLOTS];
    for (int s = 0; s < SLOTS; s++) {
      x[s] = rnd.nextDouble() - 0.5;
      xi[s] = rnd.nextDouble() - 0.5;
    }
    PlainSlots y = t.apply(be, be.encode(x, xi, 3, 1e12));
    assertEquals(2, y.level());
    assertEquals(1e12, y.scale(), 1e-3);
    double[] yr = y.re();
    double[] yi = y.im();
    for (int s = 0; s < SLOTS; s++) {
      double wr = 0;
      double wi = 0;
      for (int k = kMin; k <= kMax; k++) {
        int src = Math.floorMod(s + k * step, SLOTS);
        double d = diag[k - kMin][s % period];
        wr += x[src] * d;
        wi += xi[src] * d;
      }
      assertEquals(wr, yr[s], 1e-12);
      assertEquals(wi, yi[s], 1e-12);
    }
    assertEquals(t.rotations(), be.usedRotations());
  }

  @Test
  void plainBackendRefusesUnequalScalesAndDeepRescale() {
    PlainSlotBackend be = new PlainSlotBackend(SLOTS, PRIMES, null, false);
    PlainSlots a = be.encode(new double[] {1}, null, 1, 1e12);
    PlainSlots b = be.encode(new double[] {1}, null, 1, 2e12);
    assertThrows(ScaleMismatchException.class, () -> be.add(a, b));
    PlainSlots c = be.rescale(be.mulPlain(a, SlotMask.of(new double[] {2})));
    assertEquals(0, c.level());
    assertEquals(2, c.re()[0], 1e-15);
    assertThrows(io.heformer.ckks.HeException.LevelException.class, () -> be.rescale(c));
  }
}
