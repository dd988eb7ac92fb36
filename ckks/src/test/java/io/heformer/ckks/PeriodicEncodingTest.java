package io.heformer.ckks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The periodic encoding equals the p-slot encoding limb for limb, and reads as the repeated vector. */
class PeriodicEncodingTest {
  @Test
  void equalsShortEncodingAndRepeatsUnderEncryption() {
    TestParams.Context ctx = TestParams.context(TestParams.N12);
    CkksParameters params = ctx.params;
    Random rnd = new Random(2);
    int slots = params.n() / 2;
    for (int p : new int[] {1, 8, 64, 256}) {
      double[] re = new double[p];
      double[] im = new double[p];
      for (int i = 0; i < p; i++) {
        re[i] = rnd.nextDouble() - 0.5;
        im[i] = rnd.nextDouble() - 0.5;
      }
      int level = 3;
      Plaintext fast = PeriodicEncoding.encode(ctx.encoder, re, im, level, params.defaultScale(), slots);
      Plaintext ref = ctx.encoder.encode(re, im, level, params.defaultScale(), p);
      assertEquals(slots, fast.slots());
      for (int i = 0; i <= level; i++) {
        assertArrayEquals(ref.poly[i], fast.poly[i], "period " + p + ", limb " + i);
      }
      double[][] z = ctx.decryptor.decryptComplex(ctx.encryptor.encrypt(fast));
      double[] wantRe = new double[slots];
      double[] wantIm = new double[slots];
      for (int s = 0; s < slots; s++) {
        wantRe[s] = re[s % p];
        wantIm[s] = im[s % p];
      }
      Precision.assertBits(wantRe, z[0], 20, "real parts, period " + p);
      Precision.assertBits(wantIm, z[1], 20, "imaginary parts, period " + p);
    }
    assertThrows(IllegalArgumentException.class,
        () -> PeriodicEncoding.encode(ctx.encoder, new double[3], null, 1, params.defaultScale(), slots));
  }
}
