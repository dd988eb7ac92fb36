package io.heformer.nn.nonlinear;

/**
 * The standard normal density and distribution function to double precision, for the erf form of
 * GELU used by imported BERT checkpoints.
 *
 * <p>{@code erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_{n>=0} 2^n x^(2n+1) / (1*3*...*(2n+1))}: every
 * term is positive, so the series has no cancellation; it is summed until the terms stop changing
 * the sum. For {@code |x| >= 6}, {@code erf(x) = +-1} to double precision. The upper tail
 * {@code Phi(x)} for very negative x is computed through {@code erfc}, by the same series'
 * complement for moderate x and by the asymptotic continued fraction for large x, so that GELU
 * keeps relative accuracy for negative inputs.
 */
final class Gaussian {

  private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
  private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

  private Gaussian() {}

  /** Standard normal density. */
  static double pdf(double x) {
    return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  }

  /** Standard normal distribution function {@code Phi(x) = erfc(-x / sqrt 2) / 2}. */
  static double cdf(double x) {
    return 0.5 * erfc(-x * INV_SQRT_2);
  }

  /** Error function. */
  static double erf(double x) {
    double ax = Math.abs(x);
    if (ax >= 6.0) {
      return Math.signum(x);
    }
    double term = ax;
    double sum = ax;
    double x2 = ax * ax;
    for (int n = 1; n < 500; n++) {
      term *= 2.0 * x2 / (2 * n + 1);
      double next = sum + term;
      if (next == sum) {
        break;
      }
      sum = next;
    }
    double r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    return x < 0 ? -r : r;
  }

  /** Complementary error function {@code 1 - erf(x)}, accurate in the upper tail. */
  static double erfc(double x) {
    if (x < 2.0) {
      return 1.0 - erf(x);
    }
    // Continued fraction erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
    // evaluated bottom-up; 60 levels give double precision for x >= 2.
    double f = x;
    for (int n = 60; n >= 1; n--) {
      f = x + (n * 0.5) / f;
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }
}
