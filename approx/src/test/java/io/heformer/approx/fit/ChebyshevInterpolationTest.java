package io.heformer.approx.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.approx.Certificates;
import io.heformer.approx.ChebyshevSeries;
import io.heformer.approx.Interval;
import io.heformer.approx.Parity;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ChebyshevInterpolationTest {

  @Test
  void isExactForPolynomialsOfDegreeAtMostD() {
    SplittableRandom rnd = new SplittableRandom(11);
    Interval iv = new Interval(-0.5, 2.5);
    for (int trueDegree : new int[] {0, 3, 10, 20}) {
      double[] c = new double[trueDegree + 1];
      for (int k = 0; k <= trueDegree; k++) {
        c[k] = rnd.nextDouble(-1, 1);
      }
      DoubleUnaryOperator p = x -> ChebyshevSeries.clenshaw(c, (2 * x - 2) / 3);
      for (int d : new int[] {trueDegree, trueDegree + 5}) {
        double[] got = ChebyshevInterpolation.coefficients(p, iv, d, Parity.NONE);
        for (int k = 0; k <= d; k++) {
          assertEquals(k <= trueDegree ? c[k] : 0.0, got[k], 1e-13, "degree " + trueDegree + " fit at " + d + ", c_" + k);
        }
        ChebyshevSeries s = ChebyshevInterpolation.interpolate("poly", p, iv, d, Parity.NONE);
        assertTrue(s.errorBound() < 1e-12, "certificate (rounding floor only) of an exact fit: " + s.errorBound());
      }
    }
  }

  @Test
  void certificateHoldsAtRandomPoints() {
    Object[][] cases = {
      {"exp", (DoubleUnaryOperator) Math::exp, new Interval(-4, 1), 12},
      {"atan", (DoubleUnaryOperator) Math::atan, Interval.symmetric(3), 31},
      {"sqrt", (DoubleUnaryOperator) Math::sqrt, new Interval(0, 1), 40},
      {"runge", (DoubleUnaryOperator) x -> 1 / (1 + 25 * x * x), Interval.symmetric(1), 64},
    };
    for (Object[] c : cases) {
      DoubleUnaryOperator f = (DoubleUnaryOperator) c[1];
      Interval iv = (Interval) c[2];
      ChebyshevSeries s = ChebyshevInterpolation.interpolate((String) c[0], f, iv, (int) c[3], Parity.NONE);
      double worst = Certificates.assertWithin(s, f, 20000, 5);
      assertTrue(worst > s.errorBound() / 4, c[0] + ": certificate " + s.errorBound() + " far above observed " + worst);
    }
  }

  @Test
  void declaredParityZeroesTheOtherCoefficients() {
    ChebyshevSeries s = ChebyshevInterpolation.interpolate("atan", Math::atan, Interval.symmetric(2), 21, Parity.ODD);
    for (int k = 0; k <= 21; k += 2) {
      assertEquals(0.0, s.coefficient(k));
    }
    assertThrows(IllegalArgumentException.class,
        () -> ChebyshevInterpolation.interpolate("x", Math::atan, new Interval(0, 1), 5, Parity.ODD));
  }
}
