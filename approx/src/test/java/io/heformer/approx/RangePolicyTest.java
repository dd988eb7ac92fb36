package io.heformer.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RangePolicyTest {

  private final ChebyshevSeries line = ChebyshevSeries.of("line", new Interval(0, 2), new double[] {1, 1},
      Parity.NONE, 0, 0, FitMethod.EXPLICIT);

  @Test
  void clampingPolicyClampsAndCounts() {
    RangePolicy p = RangePolicy.clamping();
    assertEquals(line.evaluate(2), line.evaluate(7, p), 0);
    assertEquals(line.evaluate(0), line.evaluate(-3, p), 0);
    assertEquals(line.evaluate(1), line.evaluate(1, p), 0);
    assertEquals(2, p.violations());
  }

  @Test
  void countingPolicyExtrapolatesAndCounts() {
    RangePolicy p = RangePolicy.counting();
    // p(x) = 1 + t with t = x - 1, so p(3) = 3 by extrapolation.
    assertEquals(3.0, line.evaluate(3, p), 1e-15);
    assertEquals(1, p.violations());
  }

  @Test
  void throwingPolicyThrowsAndCountsNothing() {
    assertThrows(OutOfRangeException.class, () -> line.evaluate(2.0000001));
    assertEquals(0, RangePolicy.THROW.violations());
  }

  @Test
  void recorderKeepsMinMaxAndCountPerSite() {
    RangeRecorder r = new RangeRecorder();
    r.record("a", 3);
    r.record("a", new double[] {-1, 5, 2});
    r.record("b", 0.5);
    assertEquals(new RangeRecorder.Observed(-1, 5, 4), r.observed("a"));
    assertEquals(new RangeRecorder.Observed(0.5, 0.5, 1), r.observed("b"));
    assertNull(r.observed("c"));
    assertEquals(2, r.snapshot().size());
    assertThrows(IllegalArgumentException.class, () -> r.record("a", Double.NaN));
  }
}
