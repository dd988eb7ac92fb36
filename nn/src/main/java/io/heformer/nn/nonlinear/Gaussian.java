package io.heformer.nn.nonlinear;

import io.heformer.approx.ChebyshevSeries;
import io.heformer.approx.Interval;
import io.heformer.approx.Parity;
import io.heformer.approx.fit.ChebyshevInterpolation;
import java.util.function.DoubleUnaryOperator;

/**
 * The standard normal density and distribution function to double precision, for the erf form of
 * GELU used by imported BERT checkpoints.
 *
 * <p>Reference definitions ({@link #erfSeries}, {@link #erfcContinuedFraction}):
 * {@code erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_{n>=0} 2^n x^(2n+1) / (1*3*...*(2n+1))}, whose
 * terms are all positive (no cancellation), summed until they stop changing the sum; and for
 * {@code x >= 2} the continued fraction {@code erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x
 * + (3/2)/(x + ...))))}. Both cost 50-100 divisions, which made GELU 40 % of a MiniLM training step.
 *
 * <p>Fast path. At class load the references are interpolated, on pieces of width 1/2, by Chebyshev
 * series of degree {@value #DEGREE} (module approx, nothing tabulated by hand): {@code erf} on
 * {@code [0, 6]}, and the scaled complement {@code exp(x^2) erfc(x)} on {@code [2, 6]} so that the
 * upper tail keeps relative accuracy. Evaluation is one Clenshaw sum; the test checks it against
 * the references to 5e-15 (erf, absolute: a few ulps) and 1e-14 (erfc, relative). Beyond 6, {@code erf = +-1}
 * to double precision and erfc uses the continued fraction.
 */
final class Gaussian {

  private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
  private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

  /** Degree of each unit-interval interpolant. */
  static final int DEGREE = 16;

  /** Where erf is +-1 in double precision (erfc(6) = 2e-17). */
  private static final double ERF_SATURATION = 6.0;

  /** Below this erfc is taken as 1 - erf (no cancellation: erfc(2) = 0.0047). */
  private static final double ERFC_TAIL = 2.0;

  /** Pieces per unit of x: width 1/2 keeps the degree, and so Clenshaw's serial chain, short. */
  private static final int PIECES_PER_UNIT = 2;

  /** erf on [0, 6], pieces of width 1/2. */
  private static final double[][] ERF = pieces(0, 6, Gaussian::erfSeries);

  /** exp(x^2) erfc(x) on [2, 6], pieces of width 1/2. */
  private static final double[][] ERFCX =
      pieces(2, 6, x -> Math.exp(x * x) * erfcContinuedFraction(x));

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
    if (ax >= ERF_SATURATION) {
      return Math.signum(x);
    }
    double r = piece(ERF, 0, ax);
    return x < 0 ? -r : r;
  }

  /** Complementary error function {@code 1 - erf(x)}, accurate in the upper tail. */
  static double erfc(double x) {
    if (x < ERFC_TAIL) {
      return 1.0 - erf(x);
    }
    if (x < ERF_SATURATION) {
      return Math.exp(-x * x) * piece(ERFCX, 2, x);
    }
    return erfcContinuedFraction(x);
  }

  /** The interpolant of the piece holding {@code x >= lo}. */
  private static double piece(double[][] pieces, int lo, double x) {
    double u = (x - lo) * PIECES_PER_UNIT;
    int k = Math.min(pieces.length - 1, (int) u);
    // Map the piece [k, k + 1] (in units of its width) onto [-1, 1].
    return ChebyshevSeries.clenshaw(pieces[k], 2 * (u - k) - 1);
  }

  private static double[][] pieces(int lo, int hi, DoubleUnaryOperator f) {
    double[][] pieces = new double[(hi - lo) * PIECES_PER_UNIT][];
    for (int k = 0; k < pieces.length; k++) {
      double a = lo + (double) k / PIECES_PER_UNIT;
      pieces[k] = ChebyshevInterpolation.coefficients(
          f, new Interval(a, a + 1.0 / PIECES_PER_UNIT), DEGREE, Parity.NONE);
    }
    return pieces;
  }

  /** Reference erf by its positive-term series (slow; used to generate the interpolants). */
  static double erfSeries(double x) {
    double ax = Math.abs(x);
    if (ax >= ERF_SATURATION) {
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

  /** Reference erfc for {@code x >= 2} by its continued fraction, 60 levels, bottom-up. */
  static double erfcContinuedFraction(double x) {
    double f = x;
    for (int n = 60; n >= 1; n--) {
      f = x + (n * 0.5) / f;
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }
}
