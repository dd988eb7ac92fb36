package io.heformer.ckks;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Precision statistics in bits (-log2 of the absolute error against double arithmetic), as Lattigo reports. */
public final class Precision {
  public final double minBits;
  public final double meanBits;

  private Precision(double minBits, double meanBits) {
    this.minBits = minBits;
    this.meanBits = meanBits;
  }

  public static Precision of(double[] want, double[] have) {
    double maxErr = 0;
    double sumBits = 0;
    for (int i = 0; i < want.length; i++) {
      double e = Math.abs(want[i] - have[i]);
      maxErr = Math.max(maxErr, e);
      sumBits += -Math.log(Math.max(e, 1e-300)) / Math.log(2);
    }
    return new Precision(-Math.log(Math.max(maxErr, 1e-300)) / Math.log(2), sumBits / want.length);
  }

  /** Asserts the worst slot's and the mean precision. */
  public static void assertBits(double[] want, double[] have, double minBits, double meanBits, String what) {
    Precision p = of(want, have);
    assertTrue(p.minBits >= minBits && p.meanBits >= meanBits, () -> String.format(
        "%s: precision %.2f bits (mean %.2f) below the required %.2f (mean %.2f)", what, p.minBits, p.meanBits,
        minBits, meanBits));
  }

  /** Asserts that every slot is within 2^-bits of the expected value. */
  public static void assertBits(double[] want, double[] have, double bits, String what) {
    Precision p = of(want, have);
    assertTrue(p.minBits >= bits, () -> String.format(
        "%s: precision %.2f bits (mean %.2f) below the required %.2f", what, p.minBits, p.meanBits, bits));
  }
}
