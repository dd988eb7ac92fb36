package io.heformer.ckks;

/** An encryption of zero (b, a) = (-a s + e, a) over the full basis Q u P, in the NTT domain. */
public final class PublicKey {
  final long fingerprint;
  final long[][] b;
  final long[][] a;

  PublicKey(CkksParameters params, long[][] b, long[][] a) {
    this.fingerprint = params.fingerprint();
    this.b = b;
    this.a = a;
  }

  public long fingerprint() {
    return fingerprint;
  }

  /** Bytes held in memory by the key's limbs. */
  public long sizeBytes() {
    return 8L * 2 * b.length * b[0].length;
  }
}
