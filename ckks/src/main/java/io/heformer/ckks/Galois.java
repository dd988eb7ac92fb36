package io.heformer.ckks;

import io.heformer.ckks.ring.Ntt;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Galois elements and their action. Rotating the slots left by k is the automorphism X -> X^(5^k);
 * complex conjugation is X -> X^(2N-1). In the NTT domain an automorphism is a permutation of the
 * evaluation points, so it is applied there directly, with no transform.
 */
public final class Galois {
  private static final Map<Long, int[]> PERMS = new ConcurrentHashMap<>();

  private Galois() {}

  /** The Galois element of a left rotation by k slots (k may be negative), for ring degree 2^logN. */
  public static int rotationElement(int k, int logN) {
    int m = 2 << logN; // 2N
    int order = 1 << (logN - 1); // 5 has order N/2 mod 2N
    int e = Math.floorMod(k, order);
    long g = 1;
    long base = 5;
    while (e > 0) {
      if ((e & 1) != 0) {
        g = g * base % m;
      }
      base = base * base % m;
      e >>= 1;
    }
    return (int) g;
  }

  /** The Galois element of complex conjugation. */
  public static int conjugationElement(int logN) {
    return (2 << logN) - 1;
  }

  /** perm[k]: the NTT-domain index that σ_g's output index k reads from. */
  public static int[] nttPermutation(int g, int logN) {
    return PERMS.computeIfAbsent(((long) g << 8) | logN, key -> {
      int n = 1 << logN;
      int mask = (2 << logN) - 1;
      int[] perm = new int[n];
      for (int k = 0; k < n; k++) {
        int e = (int) (((long) Ntt.exponent(k, logN) * g) & mask);
        int idx = (e - 1) >>> 1;
        perm[k] = logN == 0 ? 0 : Integer.reverse(idx) >>> (32 - logN);
      }
      return perm;
    });
  }

  /** out[k] = in[perm[k]] for one limb; out must not alias in. */
  static void apply(long[] in, long[] out, int[] perm) {
    for (int k = 0; k < perm.length; k++) {
      out[k] = in[perm[k]];
    }
  }
}
