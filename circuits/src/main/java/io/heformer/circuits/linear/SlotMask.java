package io.heformer.circuits.linear;

/**
 * A plaintext slot vector that repeats with period {@code period()} (a power of two dividing the slot
 * count): the values of one period are stored. Masks, diagonals and weights are multiplied into
 * ciphertexts as SlotMasks; a backend encodes them at the ciphertext's level and at the scale of its
 * top prime, so that the following rescale returns to the ciphertext's scale.
 *
 * <p>Identity matters: a mask created {@linkplain #reusable reusable} is encoded once per level and
 * cached by the backend (structural masks of transposes and reductions); others are encoded on use
 * (streamed weight diagonals). Immutable by contract: callers must not modify the arrays.
 */
public final class SlotMask {
  private final double[] re;
  private final double[] im;
  private final boolean reusable;

  private SlotMask(double[] re, double[] im, boolean reusable) {
    if (Integer.bitCount(re.length) != 1) {
      throw new IllegalArgumentException("mask period must be a power of two: " + re.length);
    }
    if (im != null && im.length != re.length) {
      throw new IllegalArgumentException("mask parts differ in length: " + re.length + " vs " + im.length);
    }
    this.re = re;
    this.im = im;
    this.reusable = reusable;
  }

  /** A real mask used once (not cached). */
  public static SlotMask of(double[] re) {
    return new SlotMask(re, null, false);
  }

  /** A complex mask used once (im may be null). */
  public static SlotMask of(double[] re, double[] im) {
    return new SlotMask(re, im, false);
  }

  /** A mask that backends encode once per level and keep. */
  public static SlotMask reusable(double[] re) {
    return new SlotMask(re, null, true);
  }

  /** The same values, marked reusable (for a mask multiplied into several vectors in a row). */
  public SlotMask asReusable() {
    return reusable ? this : new SlotMask(re, im, true);
  }

  /** A complex mask that backends encode once per level and keep. */
  public static SlotMask reusableComplex(double[] re, double[] im) {
    return new SlotMask(re, im, true);
  }

  public int period() {
    return re.length;
  }

  public double[] re() {
    return re;
  }

  /** Imaginary parts, or null for a real mask. */
  public double[] im() {
    return im;
  }

  public boolean isReusable() {
    return reusable;
  }

  /** True if every value is zero (multiplying by it can be skipped). */
  public boolean isZero() {
    for (double v : re) {
      if (v != 0) {
        return false;
      }
    }
    if (im != null) {
      for (double v : im) {
        if (v != 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The mask m' with rot_r(x * m') = rot_r(x) * m, i.e. m'[s] = m[s - r]: pre-rotating a plaintext
   * instead of rotating a ciphertext. Same reusability.
   */
  public SlotMask rotatedRight(int r) {
    int p = re.length;
    int sh = Math.floorMod(r, p);
    if (sh == 0) {
      return this;
    }
    return new SlotMask(shift(re, sh), im == null ? null : shift(im, sh), reusable);
  }

  private static double[] shift(double[] v, int sh) {
    int p = v.length;
    double[] o = new double[p];
    System.arraycopy(v, 0, o, sh, p - sh);
    System.arraycopy(v, p - sh, o, 0, sh);
    return o;
  }
}
