package io.heformer.approx;

/**
 * Parity of a polynomial in the Chebyshev variable t: which T_k may carry a nonzero coefficient.
 *
 * <p>An odd polynomial has only odd k (T_k is odd for odd k); encrypted baby-step giant-step
 * evaluation of odd polynomials skips the even powers. On a symmetric interval [-b, b] the map
 * x -> t is linear, so parity in t is parity in x.
 */
public enum Parity {
  /** Any k. */
  NONE,
  /** Only even k. */
  EVEN,
  /** Only odd k. */
  ODD;

  /** Whether T_k may appear under this parity. */
  public boolean admits(int k) {
    return switch (this) {
      case NONE -> true;
      case EVEN -> (k & 1) == 0;
      case ODD -> (k & 1) == 1;
    };
  }

  /**
   * The strongest parity the coefficients satisfy exactly (exact zeros, no tolerance): ODD if all
   * even-index coefficients are 0, EVEN if all odd-index ones are, NONE otherwise. The zero
   * polynomial is reported EVEN.
   */
  public static Parity detect(double[] coefficients) {
    boolean even = true;
    boolean odd = true;
    for (int k = 0; k < coefficients.length; k++) {
      if (coefficients[k] != 0.0) {
        if ((k & 1) == 0) {
          odd = false;
        } else {
          even = false;
        }
      }
    }
    return even ? EVEN : (odd ? ODD : NONE);
  }
}
