package io.heformer.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

  private static double[] exact(double[] z) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      m = Math.max(m, v);
    }
    double s = 0;
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - m);
      s += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= s;
    }
    return p;
  }

  private static void checkRows(Softmax sm, int n, int rows, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Interval in = sm.logits();
    double bound = sm.errorBound(n);
    for (int r = 0; r < rows; r++) {
      double[] z = new double[n];
      double spread = rnd.nextDouble();
      for (int i = 0; i < n; i++) {
        z[i] = in.lo() + (in.hi() - in.lo()) * (r % 3 == 0 ? rnd.nextDouble() : 0.5 + spread * (rnd.nextDouble() - 0.5));
      }
      double[] want = exact(z);
      double[] got = new double[n];
      sm.evaluate(z, got, RangePolicy.THROW);
      double sum = 0;
      for (int i = 0; i < n; i++) {
        assertTrue(Math.abs(got[i] - want[i]) <= bound, "p_" + i + " = " + got[i] + " vs " + want[i] + ", bound " + bound);
        sum += got[i];
      }
      assertEquals(1.0, sum, n * bound);
    }
  }

  @Test
  void lossSoftmaxOfTwoLogitsMatchesExactSoftmax() {
    Softmax sm = PaperApproximations.lossSoftmax();
    assertEquals(15, ((ChebyshevSeries) sm.exp()).degree());
    assertEquals(63, sm.inverse().start().degree());
    assertTrue(sm.errorBound(2) < 1e-6, "bound " + sm.errorBound(2));
    checkRows(sm, 2, 5000, 31);
    assertThrows(OutOfRangeException.class, () -> sm.evaluate(new double[] {0, 2.5}, new double[2], RangePolicy.THROW));
    assertThrows(IllegalArgumentException.class, () -> sm.evaluate(new double[3], new double[3], RangePolicy.THROW));
  }

  @Test
  void baselineRowSoftmaxOfLength128MatchesExactSoftmax() {
    Softmax sm = PaperApproximations.baselineRowSoftmax();
    assertTrue(sm.logits().hi() >= 16);
    assertTrue(sm.errorBound(128) < 1e-4, "bound " + sm.errorBound(128));
    checkRows(sm, 128, 60, 32);
    checkRows(sm, 5, 200, 33);
    double[] z = new double[128];
    z[3] = 40;
    assertThrows(OutOfRangeException.class, () -> sm.evaluate(z, new double[128], RangePolicy.THROW));
  }

  @Test
  void outputMayAliasInput() {
    Softmax sm = PaperApproximations.lossSoftmax();
    double[] z = {0.3, -1.2};
    double[] want = new double[2];
    sm.evaluate(z, want, RangePolicy.THROW);
    sm.evaluate(z, z, RangePolicy.THROW);
    assertEquals(want[0], z[0], 0.0);
    assertEquals(want[1], z[1], 0.0);
  }
}
