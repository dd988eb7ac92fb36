package io.heformer.ckks.ring;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A cryptographically secure, seekable-by-seed pseudo-random stream: AES-256 in counter mode keyed by
 * a 32-byte seed (the JDK's AES uses the AES-NI instructions). A fresh seed comes from
 * {@link SecureRandom}; a stored seed regenerates the same stream, which is how secret-key
 * ciphertexts ship their uniform half as 32 bytes.
 *
 * <p>Not thread-safe: one instance per producer.
 */
public final class Prng {
  public static final int SEED_BYTES = 32;
  private static final int BLOCK = 4096;

  private final byte[] seed;
  private final Cipher cipher;
  private final byte[] zeros = new byte[BLOCK];
  private final byte[] buf = new byte[BLOCK];
  private int pos = BLOCK;

  private Prng(byte[] seed) {
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("seed must be " + SEED_BYTES + " bytes: " + seed.length);
    }
    this.seed = seed.clone();
    try {
      cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(this.seed, "AES"), new IvParameterSpec(new byte[16]));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR is not available in this JVM", e);
    }
  }

  /** A stream seeded from {@link SecureRandom}. */
  public static Prng fresh() {
    byte[] s = new byte[SEED_BYTES];
    new SecureRandom().nextBytes(s);
    return new Prng(s);
  }

  /** The stream determined by a stored seed. */
  public static Prng fromSeed(byte[] seed) {
    return new Prng(seed);
  }

  /** A new random seed from {@link SecureRandom}. */
  public static byte[] newSeed() {
    byte[] s = new byte[SEED_BYTES];
    new SecureRandom().nextBytes(s);
    return s;
  }

  public byte[] seed() {
    return seed.clone();
  }

  private void refill() {
    try {
      cipher.update(zeros, 0, BLOCK, buf, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    pos = 0;
  }

  /** 64 uniformly random bits. */
  public long nextLong() {
    if (pos + 8 > BLOCK) {
      refill();
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos + i] & 0xFFL);
    }
    pos += 8;
    return v;
  }

  /** A uniform value in [0, bound) by rejection (no modulo bias). */
  public long nextBelow(long bound) {
    int bits = 64 - Long.numberOfLeadingZeros(bound - 1);
    long mask = bits == 64 ? -1L : (1L << bits) - 1;
    while (true) {
      long v = nextLong() & mask;
      if (Long.compareUnsigned(v, bound) < 0) {
        return v;
      }
    }
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }
}
