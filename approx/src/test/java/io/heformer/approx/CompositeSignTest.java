package io.heformer.approx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompositeSignTest {

  @Test
  void paperDegreesAchieveTheirCertifiedPrecisionOutsideTheGap() {
    CompositeSign s = Approximations.signBalanced(15, 15, 27);
    assertArrayEquals(new int[] {15, 15, 27}, s.degrees());
    assertEquals(4 + 4 + 5, s.depth());
    assertTrue(s.precision() < 0.01 && s.gap() < 0.005, s.toString());
    double eps = s.gap();
    double worst = Certificates.assertWithin("sign+", Math::signum, s::evaluate, null, eps, 1, s.precision(), 40000, 1);
    Certificates.assertWithin("sign-", Math::signum, s::evaluate, null, -1, -eps, s.precision(), 40000, 2);
    assertTrue(worst > s.precision() / 2, "certificate " + s.precision() + " is loose against " + worst);
    Certificates.assertWithin("sup", x -> 0, s::evaluate, null, -1, 1, s.supremum(), 40000, 3);
    assertTrue(s.supremum() < 1.05, "bounded in the gap: " + s.supremum());
    for (int i = 0; i < s.stageCount(); i++) {
      assertEquals(Parity.ODD, s.stage(i).parity());
    }
  }

  @Test
  void declaredGapIsHonouredAndMoreStagesImprovePrecision() {
    double eps = 1.0 / 64;
    CompositeSign two = CompositeSign.minimax(eps, 7, 7);
    CompositeSign three = CompositeSign.minimax(eps, 7, 7, 7);
    assertEquals(eps, two.gap());
    assertTrue(three.precision() < two.precision() / 4, three.precision() + " vs " + two.precision());
    Certificates.assertWithin("sign 7,7,7", Math::signum, three::evaluate, null, eps, 1, three.precision(), 20000, 4);
    assertEquals(-three.evaluate(0.3), three.evaluate(-0.3), 1e-15);
  }

  @Test
  void rejectsInvalidConstructionsAndOutOfRangeInputs() {
    assertThrows(IllegalArgumentException.class, () -> CompositeSign.minimax(0.1, 15, 14));
    assertThrows(IllegalArgumentException.class, () -> CompositeSign.minimax(0, 15));
    assertThrows(IllegalArgumentException.class, () -> CompositeSign.minimax(1e-9, 3));
    CompositeSign s = CompositeSign.minimax(0.1, 7, 7);
    assertThrows(OutOfRangeException.class, () -> s.evaluate(1.01));
  }

  @Test
  void reluAndMaxStayWithinTheirCertificates() {
    Relu relu = PaperApproximations.relu();
    assertEquals(relu.sign().depth() + 1, relu.depth());
    double worst = Certificates.assertWithin(relu, x -> Math.max(x, 0), 40000, 5);
    assertTrue(worst > relu.errorBound() / 4, "relu certificate " + relu.errorBound() + " vs observed " + worst);
    assertThrows(OutOfRangeException.class, () -> relu.evaluate(50.5));
    assertEquals(1.0, relu.derivative(20, RangePolicy.THROW), 0.01);
    assertEquals(0.0, relu.derivative(-20, RangePolicy.THROW), 0.01);

    PairwiseMax max = Approximations.max(10, 15, 15, 27);
    SplittableRandom rnd = new SplittableRandom(9);
    for (int i = 0; i < 20000; i++) {
      double a = rnd.nextDouble(-10, 10);
      double b = rnd.nextDouble() < 0.3 ? a + rnd.nextDouble(-0.1, 0.1) : rnd.nextDouble(-10, 10);
      b = Math.max(-10, Math.min(10, b));
      assertTrue(Math.abs(max.max(a, b, RangePolicy.THROW) - Math.max(a, b)) <= max.errorBound(),
          "max(" + a + ", " + b + ")");
    }
    double[] row = new double[100];
    Interval in = max.rowInterval(100);
    for (int t = 0; t < 50; t++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < row.length; i++) {
        row[i] = rnd.nextDouble(in.lo(), in.hi());
        m = Math.max(m, row[i]);
      }
      assertTrue(Math.abs(max.rowMax(row, RangePolicy.THROW) - m) <= max.rowErrorBound(100));
    }
    assertEquals(7 * max.depth(), max.rowDepth(100));
    assertThrows(OutOfRangeException.class, () -> max.max(11, 0, RangePolicy.THROW));
  }
}
