package io.heformer.ckks;

import static io.heformer.ckks.Precision.assertBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The factored special FFT against the encoder's own FFT, in clear and on ciphertexts, for full and
 * sparse packing and several level budgets.
 */
class HomomorphicDftTest {
  private static final CkksParametersSpec SPEC = CkksParametersSpec.of(
      "INSECURE-N10-DFT", 10, new int[] {55, 50, 50, 50, 50, 50, 50}, new int[] {60, 60, 60}, 3, 50).asTestOnly();

  private static double[][] random(Random r, int n) {
    double[][] z = new double[2][n];
    for (int i = 0; i < n; i++) {
      z[0][i] = 2 * r.nextDouble() - 1;
      z[1][i] = 2 * r.nextDouble() - 1;
    }
    return z;
  }

  private static int bitReverse(int i, int n) {
    return Integer.reverse(i) >>> (32 - Integer.numberOfTrailingZeros(n));
  }

  private static double[][] duplicate(double[][] z, int width) {
    double[][] x = new double[2][width];
    for (int t = 0; t < width; t++) {
      x[0][t] = z[0][t % z[0].length];
      x[1][t] = z[1][t % z[0].length];
    }
    return x;
  }

  @ParameterizedTest(name = "slots={0} levels={1}")
  @CsvSource({"512,1", "512,3", "512,9", "64,2", "64,4", "8,3", "1,1"})
  void plainFactorisationMatchesTheEncoderFft(int slots, int levels) {
    CkksParameters params = CkksParameters.of(SPEC);
    Encoder enc = new Encoder(params);
    int logn = Math.max(1, Integer.numberOfTrailingZeros(slots));
    levels = Math.min(levels, logn);
    double[][] z = random(new Random(slots * 31L + levels), slots);
    double[] wr = z[0].clone();
    double[] wi = z[1].clone();
    enc.specialFftInverse(wr, wi, slots);
    HomomorphicDft cts = HomomorphicDft.coeffToSlot(params, slots, levels, levels, 1.0);
    double[][] u = cts.applyPlain(duplicate(z, cts.width()));
    double[] wantRe = new double[slots];
    double[] wantIm = new double[slots];
    double[] haveRe = new double[slots];
    double[] haveIm = new double[slots];
    for (int j = 0; j < slots; j++) {
      int src = slots == 1 ? 0 : bitReverse(j, slots);
      wantRe[j] = wr[src];
      wantIm[j] = wi[src];
      haveRe[j] = u[0][j];
      haveIm[j] = u[1][j];
      if (cts.width() > slots) { // sparse packing: the upper half holds -i u
        assertEquals(u[1][j], u[0][j + slots], 1e-12);
        assertEquals(-u[0][j], u[1][j + slots], 1e-12);
      }
    }
    assertBits(wantRe, haveRe, 40, "CoeffToSlot real part");
    assertBits(wantIm, haveIm, 40, "CoeffToSlot imaginary part");
    // SlotToCoeff on the real split returns the slots.
    HomomorphicDft stc = HomomorphicDft.slotToCoeff(params, slots, levels, levels, 1.0);
    double[][] v = new double[2][stc.width()];
    if (stc.width() > slots) {
      for (int t = 0; t < stc.width(); t++) {
        v[0][t] = u[0][t];
      }
    } else {
      v = u;
    }
    double[][] back = stc.applyPlain(v);
    for (int t = 0; t < stc.width(); t++) {
      assertEquals(z[0][t % slots], back[0][t], 1e-11, "SlotToCoeff(CoeffToSlot(z)) real, slot " + t);
      assertEquals(z[1][t % slots], back[1][t], 1e-11, "SlotToCoeff(CoeffToSlot(z)) imaginary, slot " + t);
    }
  }

  @Test
  void mergingStagesTradesLevelsForDiagonals() {
    CkksParameters params = CkksParameters.of(SPEC);
    HomomorphicDft one = HomomorphicDft.coeffToSlot(params, 512, 9, 6 + 3, 1.0);
    HomomorphicDft three = HomomorphicDft.coeffToSlot(params, 512, 3, 6, 1.0);
    assertEquals(9, one.levels());
    assertEquals(3, three.levels());
    for (BsgsLinearTransform s : one.stages()) {
      assertTrue(s.diagonalCount() <= 3, "one butterfly has at most 3 diagonals");
    }
    for (BsgsLinearTransform s : three.stages()) {
      assertTrue(s.diagonalCount() <= 15, "three merged butterflies have at most 2^4 - 1 diagonals");
    }
    assertThrows(IllegalArgumentException.class, () -> HomomorphicDft.coeffToSlot(params, 512, 10, 12, 1.0));
  }

  @ParameterizedTest(name = "slots={0} levels={1}")
  @CsvSource({"512,3", "64,2"})
  void homomorphicTransformsMatchThePlainOnes(int slots, int levels) {
    CkksParameters params = CkksParameters.of(SPEC.withLogSlots(Integer.numberOfTrailingZeros(slots)));
    HomomorphicDft cts = HomomorphicDft.coeffToSlot(params, slots, levels, params.maxLevel(), 1.0);
    HomomorphicDft stc = HomomorphicDft.slotToCoeff(params, slots, levels, params.maxLevel() - levels, 1.0);
    java.util.Set<Integer> rot = new java.util.TreeSet<>(cts.rotationLevels().keySet());
    rot.addAll(stc.rotationLevels().keySet());
    TestParams.Context c = new TestParams.Context(params.spec(), new ArrayList<>(rot));
    double[][] z = random(new Random(7), slots);
    Ciphertext ct = c.encryptor.encrypt(c.encoder.encode(z[0], z[1], c.params.maxLevel(), c.params.defaultScale(), slots));
    ct.slots = cts.width();
    Ciphertext u = cts.apply(c.eval, c.encoder, ct);
    assertEquals(c.params.maxLevel() - levels, u.level());
    assertEquals(ct.scale(), u.scale(), ct.scale() * 1e-12);
    double[][] got = c.decryptor.decryptComplex(u);
    double[][] want = cts.applyPlain(duplicate(z, cts.width()));
    assertBits(want[0], got[0], 25, "homomorphic CoeffToSlot, real part");
    assertBits(want[1], got[1], 25, "homomorphic CoeffToSlot, imaginary part");
    Ciphertext back = stc.apply(c.eval, c.encoder, u);
    double[][] z2 = stc.applyPlain(want);
    double[][] have = c.decryptor.decryptComplex(back);
    assertBits(z2[0], have[0], 25, "homomorphic SlotToCoeff, real part");
    assertBits(z2[1], have[1], 25, "homomorphic SlotToCoeff, imaginary part");
  }
}
