package io.heformer.ckks;

/**
 * An RLWE ciphertext (c_0, c_1[, c_2]) in the NTT domain over q_0..q_level, decrypting to
 * c_0 + c_1 s (+ c_2 s^2) = Delta m + e. Level, scale and slot count travel with it and are checked
 * by every operation.
 *
 * <p>A fresh secret-key encryption remembers the seed its uniform c_1 was expanded from, so that it
 * serialises in half the size; any operation that writes into the ciphertext forgets the seed.
 */
public final class Ciphertext {
  final long fingerprint;
  long[][][] parts;
  int level;
  double scale;
  int slots;
  byte[] seed;

  Ciphertext(CkksParameters params, long[][][] parts, int level, double scale, int slots) {
    this.fingerprint = params.fingerprint();
    this.parts = parts;
    this.level = level;
    this.scale = scale;
    this.slots = slots;
  }

  /** A zero ciphertext of the given degree (1 = two parts) at a level, to be written by operations. */
  static Ciphertext allocate(CkksParameters params, int degree, int level, double scale, int slots) {
    return new Ciphertext(params, new long[degree + 1][level + 1][params.n()], level, scale, slots);
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

  /** 1 for a regular ciphertext, 2 after a multiplication without relinearisation. */
  public int degree() {
    return parts.length - 1;
  }

  public long fingerprint() {
    return fingerprint;
  }

  /** True if c_1 can be regenerated from a stored seed (fresh secret-key encryption). */
  public boolean isSeeded() {
    return seed != null;
  }

  /** A deep copy. */
  public Ciphertext copy() {
    long[][][] p = new long[parts.length][][];
    for (int k = 0; k < parts.length; k++) {
      p[k] = new long[level + 1][];
      for (int i = 0; i <= level; i++) {
        p[k][i] = parts[k][i].clone();
      }
    }
    Ciphertext c = new Ciphertext(fingerprint, p, level, scale, slots);
    c.seed = seed == null ? null : seed.clone();
    return c;
  }

  private Ciphertext(long fingerprint, long[][][] parts, int level, double scale, int slots) {
    this.fingerprint = fingerprint;
    this.parts = parts;
    this.level = level;
    this.scale = scale;
    this.slots = slots;
  }

  /** Overrides the scale bookkeeping (the caller asserts the value is now encoded at this scale). */
  public void setScale(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite: " + scale);
    }
    this.scale = scale;
  }

  @Override
  public String toString() {
    return String.format(
        "Ciphertext[level=%d, scale=2^%.2f, slots=%d, degree=%d]", level, Math.log(scale) / Math.log(2), slots,
        degree());
  }
}
