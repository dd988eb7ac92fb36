package io.heformer.ckks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named parameter sets. Each secure set states its log QP against the HE standard bound; the
 * numbers in the comments are checked by {@link CkksParameters#of} when the set is built.
 */
public final class ParameterPresets {
  private ParameterPresets() {}

  private static int[] repeat(int first, int bits, int count) {
    int[] r = new int[count + 1];
    r[0] = first;
    for (int i = 1; i <= count; i++) {
      r[i] = bits;
    }
    return r;
  }

  private static int[] fill(int bits, int count) {
    int[] r = new int[count];
    java.util.Arrays.fill(r, bits);
    return r;
  }

  /** N = 2^16, 24 ciphertext primes (60 + 23 x 50), P = 7 x 60, dnum 3: log QP about 1630 &lt;= 1747. */
  public static final CkksParametersSpec N16_L24 =
      CkksParametersSpec.of("N16-L24", 16, repeat(60, 50, 23), fill(60, 7), 3, 50);

  /**
   * OpenFHE's benchmark set "S" on this machine kind (shared/bench): N = 2^16, 21 primes (60 + 20 x 50),
   * P = 6 x 60, dnum 3, log QP about 1420. Used to print heformer/OpenFHE time ratios at equal parameters.
   */
  public static final CkksParametersSpec OPENFHE_S =
      CkksParametersSpec.of("openfhe-S", 16, repeat(60, 50, 20), fill(60, 6), 3, 50);

  /** N = 2^15, 15 primes (55 + 14 x 40), P = 4 x 55, dnum 3: log QP about 835 &lt;= 881. */
  public static final CkksParametersSpec N15_L15 =
      CkksParametersSpec.of("N15-L15", 15, repeat(55, 40, 14), fill(55, 4), 3, 40);

  /** N = 2^14, 8 primes (50 + 7 x 40), P = 2 x 50, dnum 4: log QP about 430 &lt;= 438. */
  public static final CkksParametersSpec N14_L8 =
      CkksParametersSpec.of("N14-L8", 14, repeat(50, 40, 7), fill(50, 2), 4, 40);

  /** All named secure sets by name. */
  public static Map<String, CkksParametersSpec> all() {
    Map<String, CkksParametersSpec> m = new LinkedHashMap<>();
    for (CkksParametersSpec s : new CkksParametersSpec[] {N14_L8, N15_L15, N16_L24, OPENFHE_S}) {
      m.put(s.name(), s);
    }
    return m;
  }

  /** A named secure set; the error lists the known names. */
  public static CkksParametersSpec byName(String name) {
    CkksParametersSpec s = all().get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown parameter set '" + name + "'; known: " + all().keySet());
    }
    return s;
  }

  /** The default secure set for a ring degree. */
  public static CkksParametersSpec forLogN(int logN) {
    return switch (logN) {
      case 14 -> N14_L8;
      case 15 -> N15_L15;
      case 16 -> N16_L24;
      default -> throw new IllegalArgumentException("no secure preset for logN=" + logN + " (14, 15 or 16)");
    };
  }
}
