package io.heformer.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpBySquaringTest {

  @Test
  void powerFormOnTheGaussianKernelDomain() {
    ExpBySquaring e = PaperApproximations.gaussianKernelExp();
    assertTrue(e.isPowerForm());
    assertEquals(14, e.depth());
    double n = 16384;
    assertTrue(e.errorBound() <= 4 * Math.exp(-2) / n, "within the analytic bound x^2 e^x / n: " + e.errorBound());
    double worst = Certificates.assertWithin(e, Math::exp, 40000, 21);
    assertTrue(worst > e.errorBound() / 2);
    // The -10000 padding mask maps to (almost) zero.
    assertTrue(e.evaluate(-10000) < 1e-200);
    assertThrows(OutOfRangeException.class, () -> e.evaluate(-16385));
    assertThrows(OutOfRangeException.class, () -> e.evaluate(0.1));
    assertThrows(IllegalArgumentException.class, () -> ExpBySquaring.power(new Interval(-20000, 0), 14));
  }

  @Test
  void powerFormForTargetPicksTheSmallestK() {
    ExpBySquaring e = ExpBySquaring.powerForTarget(new Interval(-100, 0), 1e-4);
    assertEquals(13, e.squarings());
    assertTrue(e.errorBound() <= 1e-4);
  }

  @Test
  void polynomialPlusSquaringOnAWideDomain() {
    ExpBySquaring e = Approximations.expPolynomial(new Interval(-16384, 0), 15, 12);
    assertEquals(4 + 12, e.depth());
    Certificates.assertWithin(e, Math::exp, 40000, 22);
    assertTrue(e.errorBound() < 1e-8, e.toString());
    ExpBySquaring t = Approximations.expForTarget(new Interval(-16384, 0), 1e-6);
    assertTrue(t.errorBound() <= 1e-6);
    Certificates.assertWithin(t, Math::exp, 40000, 23);
    // Least depth: one level less cannot meet the target with the same family.
    assertTrue(t.depth() <= e.depth());
  }
}
