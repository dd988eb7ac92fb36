package io.heformer.ckks.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.ckks.poly.ChebyshevPlan.Leaf;
import io.heformer.ckks.poly.ChebyshevPlan.Node;
import io.heformer.ckks.poly.ChebyshevPlan.Split;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The symbolic plan: its split tree is the same polynomial (checked in double arithmetic with
 * T_k(t) = cos(k arccos t)), fits the minimum depth ceil(log2(d + 1)) for every degree, costs
 * O(sqrt d) products, and asks only for odd (even) powers of odd (even) series.
 */
class ChebyshevPlanTest {

  private static double[] random(Random r, int d, int parity) {
    double[] c = new double[d + 1];
    for (int k = 0; k <= d; k++) {
      c[k] = (parity < 0 || (k & 1) == parity) ? 2 * r.nextDouble() - 1 : 0;
    }
    if (c[d] == 0) {
      c[d] = 0.5;
    }
    return c;
  }

  private static double chebyshevT(int k, double t) {
    return Math.cos(k * Math.acos(t));
  }

  private static double valueOf(Node n, double t) {
    return switch (n) {
      case Leaf l -> {
        double s = 0;
        double[] c = l.coefficients();
        for (int k = 0; k < c.length; k++) {
          s += c[k] * chebyshevT(k, t);
        }
        yield s;
      }
      case Split s -> valueOf(s.low(), t) + chebyshevT(s.power(), t) * valueOf(s.high(), t);
    };
  }

  /** Levels below T_1 that the node's result lands at, as the evaluator computes it. */
  private static int depthOf(Node n) {
    return switch (n) {
      case Leaf l -> {
        int d = 0;
        double[] c = l.coefficients();
        for (int k = 1; k < c.length; k++) {
          if (c[k] != 0) {
            d = Math.max(d, ChebyshevPlan.levelsBelowT1(k) + 1);
          }
        }
        yield d;
      }
      case Split s -> {
        boolean scalarHigh = s.high() instanceof Leaf l && l.isConstant();
        int high = scalarHigh ? 0 : depthOf(s.high());
        yield Math.max(Math.max(high, ChebyshevPlan.levelsBelowT1(s.power())) + 1, depthOf(s.low()));
      }
    };
  }

  @Test
  void splitTreeIsTheSamePolynomialAndFitsTheMinimumDepth() {
    Random r = new Random(7);
    for (int d = 1; d <= 255; d++) {
      for (int parity = -1; parity <= 1; parity++) {
        double[] c = random(r, d, parity);
        int depth = ChebyshevPlan.minimumDepth(d);
        ChebyshevPlan plan = ChebyshevPlan.optimal(c, depth, null);
        assertTrue(depthOf(plan.root()) <= depth, "degree " + d + ": depth " + depthOf(plan.root()) + " > " + depth);
        for (int i = 0; i <= 20; i++) {
          double t = Math.cos(Math.PI * (i + 0.37) / 21);
          double want = 0;
          for (int k = 0; k <= d; k++) {
            want += c[k] * chebyshevT(k, t);
          }
          double have = valueOf(plan.root(), t);
          assertEquals(want, have, 1e-11 * (1 + d), "degree " + d + ", parity " + parity + ", t " + t);
        }
      }
    }
  }

  @Test
  void minimumDepthIsCeilLog2OfDegreePlusOne() {
    assertEquals(0, ChebyshevPlan.minimumDepth(0));
    assertEquals(1, ChebyshevPlan.minimumDepth(1));
    assertEquals(2, ChebyshevPlan.minimumDepth(2));
    assertEquals(2, ChebyshevPlan.minimumDepth(3));
    assertEquals(3, ChebyshevPlan.minimumDepth(4));
    assertEquals(6, ChebyshevPlan.minimumDepth(63));
    assertEquals(7, ChebyshevPlan.minimumDepth(64));
    assertEquals(7, ChebyshevPlan.minimumDepth(127));
    double[] c64 = new double[65];
    c64[64] = 1;
    assertThrows(IllegalArgumentException.class, () -> ChebyshevPlan.optimal(c64, 6, null), "depth below the minimum");
    c64[64] = 0;
    c64[63] = 1;
    assertEquals(6, ChebyshevPlan.optimal(c64, 6, null).depth(), "trailing zeros lower the effective degree");
  }

  @Test
  void costGrowsLikeSquareRootOfTheDegree() {
    Random r = new Random(3);
    for (int d : new int[] {15, 31, 63, 127, 255}) {
      ChebyshevPlan dense = ChebyshevPlan.optimal(random(r, d, -1), ChebyshevPlan.minimumDepth(d), null);
      ChebyshevPlan odd = ChebyshevPlan.optimal(random(r, d, 1), ChebyshevPlan.minimumDepth(d), null);
      double bound = 2 * Math.sqrt(2.0 * d) + 2 * ChebyshevPlan.minimumDepth(d);
      assertTrue(dense.products() <= bound, dense + " exceeds " + bound);
      assertTrue(odd.products() <= dense.products(), odd + " vs " + dense);
      // a plain power-of-two-only (g = 2) evaluation needs about d/2 products: the plan must do far better
      ChebyshevPlan naive = ChebyshevPlan.withBabySteps(random(r, d, -1), ChebyshevPlan.minimumDepth(d), 2, null);
      assertTrue(dense.products() < naive.products(), dense + " vs " + naive);
    }
  }

  @Test
  void oddSeriesUseOnlyOddPowersAndPowersOfTwo() {
    Random r = new Random(5);
    for (int d : new int[] {7, 27, 63, 127}) {
      ChebyshevPlan plan = ChebyshevPlan.optimal(random(r, d, 1), ChebyshevPlan.minimumDepth(d), null);
      for (int k : plan.powers()) {
        assertTrue((k & 1) == 1 || Integer.bitCount(k) == 1, "odd series of degree " + d + " asks for T_" + k);
      }
      for (Leaf l : plan.leaves()) {
        double[] c = l.coefficients();
        for (int k = 0; k < c.length; k += 2) {
          assertEquals(0.0, c[k], "even coefficient in a leaf of an odd series");
        }
      }
    }
  }

  @Test
  void presentPowersAreFree() {
    double[] c = random(new Random(9), 63, -1);
    ChebyshevPlan fresh = ChebyshevPlan.optimal(c, 6, null);
    ChebyshevPlan shared = ChebyshevPlan.withBabySteps(c, 6, fresh.babySteps(), k -> true);
    assertTrue(ChebyshevPlan.optimal(c, 6, k -> true).products() <= shared.products());
    assertEquals(fresh.products() - shared.products(), countAtLeastTwo(fresh.powers()),
        "with every power present only the splits cost products");
  }

  private static int countAtLeastTwo(int[] ks) {
    int n = 0;
    for (int k : ks) {
      if (k >= 2) {
        n++;
      }
    }
    return n;
  }
}
