package io.heformer.ckks;

import io.heformer.ckks.HeException.ParameterMismatchException;
import io.heformer.ckks.HeException.ValueOverflowException;
import io.heformer.ckks.ring.Modulus;

/**
 * Decrypts with the secret key (client side only) and decodes to slot values.
 *
 * <p>Only the first min(level + 1, 3) primes are used: the decrypted value Delta m + e is far below
 * their product (2^120 or more), so it is recovered exactly from them by a balanced mixed-radix
 * (Garner) lift, without a big-integer CRT over the whole chain. A top mixed-radix digit above a
 * quarter of its prime means the value wrapped around the modulus; that raises
 * {@link ValueOverflowException} instead of returning garbage.
 */
public final class Decryptor {
  private static final int LIFT_PRIMES = 3;
  private final CkksParameters params;
  private final SecretKey sk;
  private final Encoder encoder;

  public Decryptor(CkksParameters params, SecretKey sk) {
    if (sk.fingerprint != params.fingerprint()) {
      throw new ParameterMismatchException("cannot create decryptor: secret key belongs to other parameters");
    }
    this.params = params;
    this.sk = sk;
    this.encoder = new Encoder(params);
  }

  /** The slot values {re, im} of a ciphertext. */
  public double[][] decryptComplex(Ciphertext ct) {
    return encoder.decodeCoefficients(decryptCoefficients(ct), ct.scale, ct.slots);
  }

  /** The real parts of the slot values of a ciphertext. */
  public double[] decrypt(Ciphertext ct) {
    return decryptComplex(ct)[0];
  }

  /**
   * Real slot values for release to a party that also sees ciphertexts (a server, a log, another
   * user): Li-Micciancio showed that exact CKKS decryptions let such a party recover the secret key
   * (IND-CPA-D). Each value gets independent Gaussian noise of standard deviation 2^-bits from
   * {@link java.security.SecureRandom} and is rounded to a multiple of 2^-bits, so the released value
   * carries about {@code bits} bits and its low-order error no longer reflects the ciphertext noise.
   * This is the heuristic mitigation Lattigo's DecodePublic and OpenFHE's noise flooding aim at; it
   * is not a proof of IND-CPA-D security (see SECURITY.md). Choose bits well below the decryption
   * precision.
   */
  public double[] decryptForRelease(Ciphertext ct, int bits) {
    if (bits < 1 || bits > 50) {
      throw new IllegalArgumentException("cannot release: bits must be in [1, 50], got " + bits);
    }
    double[] v = decrypt(ct);
    java.security.SecureRandom rnd = new java.security.SecureRandom();
    double step = Math.scalb(1.0, -bits);
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.rint((v[i] + rnd.nextGaussian() * step) / step) * step;
    }
    return v;
  }

  /** The centred integer coefficients of c_0 + c_1 s (+ c_2 s^2), as doubles. */
  double[] decryptCoefficients(Ciphertext ct) {
    if (ct.fingerprint != params.fingerprint()) {
      throw new ParameterMismatchException("cannot decrypt: ciphertext made under other parameters");
    }
    int k = Math.min(ct.level + 1, LIFT_PRIMES);
    int n = params.n();
    long[][] m = new long[k][n];
    for (int i = 0; i < k; i++) {
      Modulus mod = params.q(i);
      long[] s = sk.ntt[i];
      long[] acc = m[i];
      System.arraycopy(ct.parts[ct.parts.length - 1][i], 0, acc, 0, n);
      // Horner in s: ((c_d s + c_{d-1}) s + ...) + c_0
      for (int d = ct.parts.length - 2; d >= 0; d--) {
        long[] cd = ct.parts[d][i];
        for (int c = 0; c < n; c++) {
          acc[c] = mod.add(mod.mul(acc[c], s[c]), cd[c]);
        }
      }
      params.nttQ(i).inverse(acc);
    }
    return lift(m, k);
  }

  /** Balanced Garner lift of k residues per coefficient to a centred double. */
  private double[] lift(long[][] r, int k) {
    int n = params.n();
    double[] out = new double[n];
    Modulus q0 = params.q(0);
    if (k == 1) {
      for (int c = 0; c < n; c++) {
        out[c] = centred(r[0][c], q0.q);
      }
      return out;
    }
    Modulus q1 = params.q(1);
    long q0InvModQ1 = q1.inv(q0.q);
    Modulus q2 = k > 2 ? params.q(2) : null;
    long q0InvModQ2 = k > 2 ? q2.inv(q0.q) : 0;
    long q1InvModQ2 = k > 2 ? q2.inv(q1.q) : 0;
    for (int c = 0; c < n; c++) {
      long v0 = centred(r[0][c], q0.q);
      long t1 = q1.mul(q1.sub(r[1][c], q1.reduce(v0)), q0InvModQ1);
      long v1 = centred(t1, q1.q);
      if (k == 2) {
        checkTop(v1, q1.q);
        out[c] = v0 + (double) q0.q * v1;
      } else {
        long t2 = q2.sub(r[2][c], q2.reduce(v0));
        t2 = q2.mul(t2, q0InvModQ2);
        t2 = q2.mul(q2.sub(t2, q2.reduce(v1)), q1InvModQ2);
        long v2 = centred(t2, q2.q);
        checkTop(v2, q2.q);
        out[c] = v0 + (double) q0.q * (v1 + (double) q1.q * v2);
      }
    }
    return out;
  }

  private static long centred(long x, long q) {
    return x > q / 2 ? x - q : x;
  }

  private static void checkTop(long v, long q) {
    if (Math.abs(v) > q / 4) {
      throw new ValueOverflowException(
          "cannot decrypt: the decrypted value exceeds the modulus (values too large for the scale, or a wrong key)");
    }
  }
}
