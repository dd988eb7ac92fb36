package io.heformer.ckks;

/**
 * A hybrid key-switching key from s' to s: for each digit j, (b_j, a_j) = (-a_j s + e_j + [P]_{q_i} s'
 * on digit j's primes, a_j) over the full basis Q u P in the NTT domain. Relinearisation keys switch
 * from s^2, Galois keys from s(X^g).
 */
public final class SwitchingKey {
  final long fingerprint;
  /** The Galois element g for a Galois key, 0 for a relinearisation key. */
  final int galoisElement;
  /** [digit][limb of Q u P][coefficient]. */
  final long[][][] b;
  final long[][][] a;

  SwitchingKey(CkksParameters params, int galoisElement, long[][][] b, long[][][] a) {
    this.fingerprint = params.fingerprint();
    this.galoisElement = galoisElement;
    this.b = b;
    this.a = a;
  }

  public int galoisElement() {
    return galoisElement;
  }

  public int digits() {
    return b.length;
  }

  public long fingerprint() {
    return fingerprint;
  }

  /** Bytes held in memory by the key's limbs. */
  public long sizeBytes() {
    long limbs = 0; // level-limited keys (bootstrapping) leave the unused limbs null
    for (long[][] digit : b) {
      for (long[] limb : digit) {
        limbs += limb == null ? 0 : limb.length;
      }
    }
    return 8L * 2 * limbs;
  }
}
