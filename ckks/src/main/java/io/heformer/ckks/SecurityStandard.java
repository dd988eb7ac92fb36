package io.heformer.ckks;

import java.util.OptionalInt;

/**
 * The largest log2(QP) that keeps 128-bit classical security, per ring degree and secret
 * distribution, from the HomomorphicEncryption.org standard (uniform ternary secret, error sigma 3.2).
 *
 * <p>N = 2^10..2^15 are the standard's table (as carried by SEAL and OpenFHE). For N = 2^16 and 2^17
 * the standard has no row; we take OpenFHE's extension (1747 and 3523), which is slightly more
 * conservative than the 1772 quoted in DESIGN.md (see docs/design-notes.md).
 *
 * <p>Sparse secrets are weaker (hybrid attacks); only the combinations with a published estimate
 * are allowed: Hamming weight h &gt;= 192 with log QP &lt;= 1550 at N = 2^16 and &lt;= 768 at N = 2^15
 * (Lattigo's N16QP1546H192H32 and N15QP768H192H32 sets, estimated at 128 bits). Anything else sparse
 * is refused unless declared test-only.
 */
public final class SecurityStandard {
  private static final int[] DENSE_128 = {27, 54, 109, 218, 438, 881, 1747, 3523}; // logN 10..17

  private SecurityStandard() {}

  /** The 128-bit bound on log2(QP), or empty where no estimate supports the combination. */
  public static OptionalInt maxLogQP(int logN, SecretDistribution secret) {
    if (logN < 10 || logN > 17) {
      return OptionalInt.empty();
    }
    if (!secret.isSparse()) {
      return OptionalInt.of(DENSE_128[logN - 10]);
    }
    if (secret.hammingWeight() >= 192) {
      if (logN == 16) {
        return OptionalInt.of(1550);
      }
      if (logN == 15) {
        return OptionalInt.of(768);
      }
    }
    return OptionalInt.empty();
  }

  /** A one-line verdict for reports: "128-bit: log QP 1630 <= 1747 (uniform ternary, N=2^16)". */
  public static String describe(int logN, double logQP, SecretDistribution secret) {
    OptionalInt max = maxLogQP(logN, secret);
    if (max.isEmpty()) {
      return "NOT 128-bit: no security estimate for " + secret + " at N=2^" + logN;
    }
    boolean ok = logQP <= max.getAsInt();
    return String.format(
        "%s: log QP %.1f %s %d (%s, N=2^%d)",
        ok ? "128-bit" : "NOT 128-bit", logQP, ok ? "<=" : ">", max.getAsInt(), secret, logN);
  }

  public static boolean isSecure(int logN, double logQP, SecretDistribution secret) {
    OptionalInt max = maxLogQP(logN, secret);
    return max.isPresent() && logQP <= max.getAsInt();
  }
}
