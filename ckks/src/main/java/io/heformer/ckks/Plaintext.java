package io.heformer.ckks;

/**
 * An encoded message: one polynomial in the NTT domain over q_0..q_level, with the scale at which
 * its values were multiplied and the number of slots it packs.
 */
public final class Plaintext {
  final long fingerprint;
  final long[][] poly;
  final int level;
  final double scale;
  final int slots;

  Plaintext(CkksParameters params, long[][] poly, int level, double scale, int slots) {
    this.fingerprint = params.fingerprint();
    this.poly = poly;
    this.level = level;
    this.scale = scale;
    this.slots = slots;
  }

  public int level() {
    return level;
  }

  public double scale() {
    return scale;
  }

  public int slots() {
    return slots;
  }

  /** Fingerprint of the parameters this plaintext was made under. */
  public long fingerprint() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return String.format("Plaintext[level=%d, scale=2^%.2f, slots=%d]", level, Math.log(scale) / Math.log(2), slots);
  }
}
