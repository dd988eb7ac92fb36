package io.heformer.circuits.linear;

/**
 * A slot vector in double precision with the metadata a ciphertext would carry (level, scale,
 * degree): the value type of {@link PlainSlotBackend}. Immutable by contract.
 */
public final class PlainSlots {
  final double[] re;
  final double[] im;
  final int level;
  final double scale;
  final int degree;

  PlainSlots(double[] re, double[] im, int level, double scale, int degree) {
    this.re = re;
    this.im = im;
    this.level = level;
    this.scale = scale;
    this.degree = degree;
  }

  /** A copy of the real parts. */
  public double[] re() {
    return re.clone();
  }

  /** A copy of the imaginary parts. */
  public double[] im() {
    return im.clone();
  }

  public int level() {
    return level;
  }

  public double scale() {
    return scale;
  }
}
