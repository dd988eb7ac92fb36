package io.heformer.ckks;

import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Parallel;

/**
 * The first step of bootstrapping: a level-0 ciphertext (c_0, c_1) mod q_0 is read with centred
 * coefficients in (-q_0/2, q_0/2] and re-expanded over q_0..q_L. It still decrypts mod q_0 to the
 * message, and over the full modulus to Delta m + e + q_0 I(X), where I has small integer
 * coefficients (|I| &lt;= (h + 1)/2 for a secret of Hamming weight h); EvalMod removes q_0 I.
 */
final class ModRaise {
  private ModRaise() {}

  /**
   * The raised ciphertext at {@code toLevel}; the scale is left to the caller (the input's scale
   * field is copied).
   *
   * @throws LevelException if the input is not at level 0
   */
  static Ciphertext raise(CkksParameters params, Ciphertext ct, int toLevel) {
    if (ct.level != 0) {
      throw new LevelException("cannot raise the modulus: the ciphertext must be at level 0, it is at level " + ct.level);
    }
    if (ct.degree() != 1) {
      throw new IllegalArgumentException("cannot raise the modulus: ciphertext must be relinearised (degree 1)");
    }
    int n = params.n();
    long q0 = params.q(0).q;
    long half = q0 >>> 1;
    Ciphertext out = Ciphertext.allocate(params, 1, toLevel, ct.scale, ct.slots);
    for (int k = 0; k < 2; k++) {
      long[] coeff = ct.parts[k][0].clone();
      params.nttQ(0).inverse(coeff);
      final long[][] dst = out.parts[k];
      Parallel.forEach(toLevel + 1, i -> {
        Modulus m = params.q(i);
        long[] limb = dst[i];
        for (int c = 0; c < n; c++) {
          long v = coeff[c];
          limb[c] = m.reduce(v > half ? v - q0 : v);
        }
        params.nttQ(i).forward(limb);
      });
    }
    return out;
  }
}
