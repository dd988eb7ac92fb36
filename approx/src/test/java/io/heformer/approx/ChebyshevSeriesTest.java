package io.heformer.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChebyshevSeriesTest {

  private static double directSum(double[] c, double t) {
    double s = 0;
    for (int k = 0; k < c.length; k++) {
      s += c[k] * Math.cos(k * Math.acos(t));
    }
    return s;
  }

  @Test
  void clenshawMatchesTheDefinitionOnAMappedInterval() {
    SplittableRandom rnd = new SplittableRandom(7);
    double[] c = new double[40];
    for (int k = 0; k < c.length; k++) {
      c[k] = rnd.nextDouble(-1, 1) / (1 + k);
    }
    ChebyshevSeries s = ChebyshevSeries.of("test", new Interval(-3, 5), c, Parity.NONE, 0, 0, FitMethod.EXPLICIT);
    for (int i = 0; i < 200; i++) {
      double x = rnd.nextDouble(-3, 5);
      double t = (2 * x - 2) / 8;
      assertEquals(directSum(c, t), s.evaluate(x), 1e-13);
    }
  }

  @Test
  void depthIsCeilLog2OfDegreePlusOneAndAffineSeriesAreFree() {
    int[][] cases = {{0, 0}, {1, 0}, {2, 2}, {3, 2}, {7, 3}, {8, 4}, {15, 4}, {27, 5}, {63, 6}, {127, 7}, {255, 8}};
    for (int[] dc : cases) {
      ChebyshevSeries s = ChebyshevSeries.of("t", Interval.symmetric(1), new double[dc[0] + 1], Parity.NONE, 0, 0,
          FitMethod.EXPLICIT);
      assertEquals(dc[1], s.depth(), "degree " + dc[0]);
    }
    double[] c = {0, 1};
    assertEquals(0, ChebyshevSeries.of("t", Interval.symmetric(1), c, Parity.ODD, 0, 0, FitMethod.EXPLICIT).mapDepth());
    assertEquals(1, ChebyshevSeries.of("t", new Interval(0, 3), c, Parity.ODD, 0, 0, FitMethod.EXPLICIT).mapDepth());
  }

  @Test
  void declaredParityIsEnforcedAndDetected() {
    double[] odd = {0, 1, 0, 0.5};
    assertEquals(Parity.ODD, Parity.detect(odd));
    assertEquals(Parity.EVEN, Parity.detect(new double[] {1, 0, 2}));
    assertEquals(Parity.NONE, Parity.detect(new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> ChebyshevSeries.of("t", Interval.symmetric(1), new double[] {1, 1}, Parity.ODD, 0, 0, FitMethod.EXPLICIT));
    ChebyshevSeries s = ChebyshevSeries.of("t", Interval.symmetric(2), odd, Parity.ODD, 0, 0, FitMethod.EXPLICIT);
    assertEquals(-s.evaluate(1.3), s.evaluate(-1.3), 1e-15);
  }

  @Test
  void outOfRangeInputsThrowByDefaultAndNameFunctionIntervalAndValue() {
    ChebyshevSeries s = ChebyshevSeries.of("myfun", new Interval(0, 1), new double[] {1, 2}, Parity.NONE, 0, 0,
        FitMethod.EXPLICIT);
    OutOfRangeException e = assertThrows(OutOfRangeException.class, () -> s.evaluate(1.5));
    assertEquals("myfun", e.function());
    assertEquals(1.5, e.value());
    assertEquals(new Interval(0, 1), e.interval());
    assertEquals(true, e.getMessage().contains("myfun") && e.getMessage().contains("1.5")
        && e.getMessage().contains("[0.0, 1.0]"));
    assertThrows(OutOfRangeException.class, () -> s.evaluate(Double.NaN, RangePolicy.clamping()));
  }

  @Test
  void rejectsInvalidData() {
    assertThrows(IllegalArgumentException.class,
        () -> ChebyshevSeries.of("t", Interval.symmetric(1), new double[0], Parity.NONE, 0, 0, FitMethod.EXPLICIT));
    assertThrows(IllegalArgumentException.class, () -> ChebyshevSeries.of("t", Interval.symmetric(1),
        new double[] {Double.NaN}, Parity.NONE, 0, 0, FitMethod.EXPLICIT));
    assertThrows(IllegalArgumentException.class,
        () -> ChebyshevSeries.of("t", Interval.symmetric(1), new double[] {1}, Parity.NONE, -1, 0, FitMethod.EXPLICIT));
    assertThrows(IllegalArgumentException.class, () -> new Interval(1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Interval(0, Double.POSITIVE_INFINITY));
  }
}
