package io.heformer.ckks;

/**
 * The secret s: small ternary coefficients, and their NTT form over the full basis Q u P. Only the
 * client holds this object; nothing on the server side takes one.
 */
public final class SecretKey {
  final long fingerprint;
  final int[] coeffs;
  final long[][] ntt;

  SecretKey(CkksParameters params, int[] coeffs, long[][] ntt) {
    this.fingerprint = params.fingerprint();
    this.coeffs = coeffs;
    this.ntt = ntt;
  }

  public long fingerprint() {
    return fingerprint;
  }

  /** Number of non-zero coefficients. */
  public int hammingWeight() {
    int h = 0;
    for (int c : coeffs) {
      h += c != 0 ? 1 : 0;
    }
    return h;
  }
}
