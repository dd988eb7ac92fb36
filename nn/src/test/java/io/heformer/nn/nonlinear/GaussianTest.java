package io.heformer.nn.nonlinear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generated piecewise interpolants of erf and erfc against their slow reference forms. */
class GaussianTest {

  @Test
  void erfMatchesTheSeriesEverywhere() {
    double worst = 0;
    for (double x = -7; x <= 7; x += 1.0 / 1024 + 1e-7) {
      worst = Math.max(worst, Math.abs(Gaussian.erf(x) - Gaussian.erfSeries(x)));
    }
    assertTrue(worst < 5e-15, "worst absolute erf error " + worst);
  }

  @Test
  void erfcKeepsRelativeAccuracyInTheUpperTail() {
    double worst = 0;
    for (double x = 2; x <= 12; x += 1.0 / 512 + 1e-7) {
      double ref = Gaussian.erfcContinuedFraction(x);
      worst = Math.max(worst, Math.abs(Gaussian.erfc(x) - ref) / ref);
    }
    assertTrue(worst < 1e-14, "worst relative erfc error " + worst);
  }

  @Test
  void knownValues() {
    // erf(1) and erf(0.5) to 16 digits (Abramowitz and Stegun, Table 7.1).
    assertEquals(0.8427007929497149, Gaussian.erf(1.0), 1e-15);
    assertEquals(0.5204998778130465, Gaussian.erf(0.5), 1e-15);
    assertEquals(0.5, Gaussian.cdf(0.0), 1e-15);
    // Phi(-5) = 2.866515718791939e-7.
    assertEquals(2.866515718791939e-7, Gaussian.cdf(-5.0), 1e-21);
  }
}
