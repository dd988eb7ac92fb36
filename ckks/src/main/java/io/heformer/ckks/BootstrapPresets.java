package io.heformer.ckks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named bootstrapping configurations. The secure one follows the structure of Lattigo's
 * N16QP1546H192H32 (sparse main secret h = 192, encapsulation h' = 32, 61-bit special primes), with
 * the level split adapted to this library's EvalMod (a depth-7 degree-63 cosine and two double
 * angles); the INSECURE ones keep the same chain shape at small N for tests. Measured precision and
 * failure probability are in each preset's notes (bench bootstrap prints them again).
 */
public final class BootstrapPresets {
  private BootstrapPresets() {}

  private static int[] chain(int first, int[]... groups) {
    int count = 1;
    for (int[] g : groups) {
      count += g[1];
    }
    int[] r = new int[count];
    r[0] = first;
    int k = 1;
    for (int[] g : groups) {
      for (int i = 0; i < g[1]; i++) {
        r[k++] = g[0];
      }
    }
    return r;
  }

  private static int[] fill(int bits, int count) {
    int[] r = new int[count];
    java.util.Arrays.fill(r, bits);
    return r;
  }

  /** The Q chain: q_0 (60), 10 residual (40), SlotToCoeff 3 x 39, EvalMod 8 x 59, CoeffToSlot 3 x 56. */
  private static int[] chain16() {
    return chain(60, new int[] {40, 10}, new int[] {39, 3}, new int[] {59, 8}, new int[] {56, 3});
  }

  /**
   * N = 2^16, 2^15 slots, sparse main secret h = 192 with h' = 32 encapsulation, P = 5 x 61, dnum 5:
   * log QP 1522 &lt;= 1550 (128-bit for h = 192). 10 levels of 40 bits left after bootstrapping.
   * K = 16 is the deterministic bound (h'+1)/2 = 16.5 rounded down: failure about 2^-138 per
   * bootstrapping (Irwin-Hall tail, see {@link BootstrapParameters#log2FailureProbability}).
   */
  public static final BootstrapParameters N16_H192_H32 = new BootstrapParameters(
      "N16-boot-H192-H32",
      new CkksParametersSpec("N16-boot-H192-H32", 16, 15, chain16(), fill(61, 5), 5, 40,
          SecretDistribution.sparse(192), 3.2, false),
      10, 3, 3, 32, 16, 63, 2, 10,
      "measured (bench bootstrap, 2-vCPU machine), with the earlier depth-7 cosine and 9 user levels: 23.9 bits "
          + "mean / 20.9 bits worst slot over 2^15 uniform complex inputs in [-1, 1]; failure 2^-138.7; 34.7 s on 1 "
          + "thread; keys 5.9 GB. Re-measure with ./heformer bench bootstrap --logN 16");

  /** The same chain with sparse packing: 2^12 slots (one EvalMod instead of two). */
  public static final BootstrapParameters N16_H192_H32_SPARSE = new BootstrapParameters(
      "N16-boot-H192-H32-sparse",
      N16_H192_H32.ckks().withLogSlots(12),
      10, 3, 3, 32, 16, 63, 2, 10,
      "measured by bench bootstrap (see README)");

  /** INSECURE test chain at N = 2^logN with 2^logSlots slots: 2 residual levels, the N16 shape otherwise. */
  public static BootstrapParameters insecure(int logN, int logSlots) {
    int[] q = chain(60, new int[] {40, 2}, new int[] {39, 3}, new int[] {59, 8}, new int[] {56, 3});
    CkksParametersSpec spec = new CkksParametersSpec(
        "INSECURE-boot-N" + logN + "-S" + logSlots, logN, logSlots, q, fill(61, 4), 5, 40,
        SecretDistribution.sparse(Math.min(192, 1 << (logN - 2))), 3.2, true);
    int budget = Math.min(3, Math.max(1, logSlots));
    return new BootstrapParameters(spec.name(), spec, 2 + 2 * (3 - budget), budget, budget, 32, 16, 63, 2, 10,
        "test only");
  }

  /** Named secure presets. */
  public static Map<String, BootstrapParameters> all() {
    Map<String, BootstrapParameters> m = new LinkedHashMap<>();
    m.put(N16_H192_H32.name(), N16_H192_H32);
    m.put(N16_H192_H32_SPARSE.name(), N16_H192_H32_SPARSE);
    return m;
  }
}
