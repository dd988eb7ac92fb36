package io.heformer.ckks.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParametersSpec;
import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.Precision;
import io.heformer.ckks.TestParams;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Encrypted Chebyshev evaluation against double evaluation (Clenshaw) at small insecure
 * parameters: precision in bits, levels consumed equal to ceil(log2(d + 1)) (plus one only for an
 * unfoldable map), output exactly at the requested scale.
 *
 * <p>Required precision: a fresh encryption at scale 2^s and N = 2^n is good to about s - n - 5
 * bits in the worst slot; each of the ceil(log2(d + 1)) product levels may cost a bit, and the
 * coefficient sum sum |c_k| multiplies the noise of the T_k, so the bound is
 * s - n - 5 - depth - log2(1 + sum |c_k|) (measured margins are 4 to 7 bits above it).
 */
class ChebyshevEvaluatorTest {
  /** N = 2^11, nine 50-bit rescaling primes: enough levels for degree 127 plus a map level. */
  static final CkksParametersSpec SPEC = CkksParametersSpec.of(
      "INSECURE-N11-L9-POLY", 11, new int[] {60, 50, 50, 50, 50, 50, 50, 50, 50, 50}, new int[] {61, 61}, 5, 50)
      .asTestOnly();

  private static final TestParams.Context CTX = new TestParams.Context(SPEC, List.of());
  private static final ChebyshevEvaluator CHEB = new ChebyshevEvaluator(CTX.eval);

  static double clenshaw(double[] c, double t) {
    double b1 = 0;
    double b2 = 0;
    for (int k = c.length - 1; k >= 1; k--) {
      double b0 = c[k] + 2 * t * b1 - b2;
      b2 = b1;
      b1 = b0;
    }
    return c[0] + t * b1 - b2;
  }

  static double requiredBits(double[] c, int depth) {
    return requiredBits(c, depth, Math.scalb(1.0, SPEC.logDefaultScale()));
  }

  /** With the input at {@code inputScale}: a smaller input scale means fewer fresh bits. */
  static double requiredBits(double[] c, int depth, double inputScale) {
    double sum = 0;
    for (double v : c) {
      sum += Math.abs(v);
    }
    double logScale = Math.min(SPEC.logDefaultScale(), Math.log(inputScale) / Math.log(2));
    return logScale - SPEC.logN() - 5 - depth - Math.log(1 + sum) / Math.log(2);
  }

  private static double[] uniform(Random r, int n, double lo, double hi) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = lo + (hi - lo) * r.nextDouble();
    }
    x[0] = lo;
    x[1] = hi;
    return x;
  }

  private static double[] series(Random r, int d, int parity) {
    double[] c = new double[d + 1];
    for (int k = 0; k <= d; k++) {
      c[k] = parity < 0 || (k & 1) == parity ? 2 * r.nextDouble() - 1 : 0;
    }
    if (c[d] == 0) {
      c[d] = 0.75;
    }
    return c;
  }

  private static Ciphertext encrypt(double[] x, double scale) {
    return CTX.encryptor.encrypt(CTX.encoder.encode(x, null, CTX.params.maxLevel(), scale, CTX.params.slots()));
  }

  private static double[] expected(double[] c, double[] x, double lo, double hi) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = clenshaw(c, (2 * x[i] - lo - hi) / (hi - lo));
    }
    return y;
  }

  private static void check(double[] c, double lo, double hi, double inputScale, double target, int wantDepth,
      String what) {
    Random r = new Random(c.length * 31L + (long) hi);
    double[] x = uniform(r, CTX.params.slots(), lo, hi);
    Ciphertext ct = encrypt(x, inputScale);
    int declared = CHEB.depth(c.length - 1, lo, hi, ct);
    assertEquals(wantDepth, declared, what + ": declared depth");
    Ciphertext out = CHEB.evaluate(ct, c, lo, hi, target);
    assertEquals(ct.level() - declared, out.level(), what + ": levels consumed");
    assertEquals(1.0, out.scale() / target, 1e-12, what + ": output scale");
    Precision.assertBits(expected(c, x, lo, hi), CTX.decryptor.decrypt(out), requiredBits(c, declared, inputScale), what);
  }

  @Test
  void randomSeriesOfDegree1To63OnTheUnitInterval() {
    Random r = new Random(11);
    double s = CTX.params.defaultScale();
    for (int d = 1; d <= 63; d++) {
      check(series(r, d, -1), -1, 1, s, s, ChebyshevEvaluator.depth(d), "degree " + d);
    }
  }

  @Test
  void oddAndEvenSeriesUpToDegree127() {
    Random r = new Random(12);
    double s = CTX.params.defaultScale();
    for (int d : new int[] {27, 63, 127}) {
      check(series(r, d, 1), -1, 1, s, s, ChebyshevEvaluator.depth(d), "odd degree " + d);
      check(series(r, d + 1, 0), -1, 1, s, s, ChebyshevEvaluator.depth(d + 1), "even degree " + (d + 1));
    }
  }

  @Test
  void mapOfAnIntervalIsFoldedWhenTheScaleAllowsAndCostsOneLevelOtherwise() {
    Random r = new Random(13);
    double s = CTX.params.defaultScale();
    int top = CTX.params.maxLevel();
    double[] c = series(r, 31, -1);
    // alpha = 1/4 at the default scale: T_k's scale would drift by 2^(2k), so the map takes a level
    assertFalse(PowerBasis.folds(CTX.params, -5, 3, 31, top, s));
    check(c, -5, 3, s, s, 6, "[-5, 3] at the default scale");
    // the producer delivers x at alpha q: the map is free
    double folded = PowerBasis.foldedInputScale(CTX.params, -5, 3, top);
    assertTrue(PowerBasis.folds(CTX.params, -5, 3, 31, top, folded));
    check(c, -5, 3, folded, s, 5, "[-5, 3] at the folded scale");
    // alpha = 2 (the interval [0, 1]): an integer, folded exactly at the default scale
    check(c, 0, 1, s, s, 5, "[0, 1]");
  }

  @Test
  void resultLandsAtAnyRequestedScale() {
    Random r = new Random(14);
    double s = CTX.params.defaultScale();
    double[] c = series(r, 15, -1);
    for (double target : new double[] {0x1p40, 0x1p45, 0x1p55 * 1.2345}) {
      check(c, -1, 1, s, target, 4, "target 2^" + Math.log(target) / Math.log(2));
    }
    check(c, -1, 1, 0x1p42, s, 4, "input below the primes (integer up-scaling of T_1)");
  }

  @Test
  void degreesZeroAndOne() {
    double s = CTX.params.defaultScale();
    check(new double[] {0.3}, -1, 1, s, s, 0, "constant");
    check(new double[] {0.3, -0.7}, -7, 2, s, s, 1, "affine on [-7, 2]");
  }

  @Test
  void severalSeriesShareOnePowerBasis() {
    Random r = new Random(15);
    double[] x = uniform(r, CTX.params.slots(), -1, 1);
    Ciphertext ct = encrypt(x, CTX.params.defaultScale());
    PowerBasis basis = PowerBasis.of(CTX.eval, ct, -1, 1, 63);
    double[][] cs = {series(r, 63, -1), series(r, 31, 1), series(r, 40, 0)};
    Ciphertext[] out = CHEB.evaluate(basis, cs, CTX.params.defaultScale());
    for (int i = 0; i < cs.length; i++) {
      int d = cs[i].length - 1;
      assertEquals(ct.level() - ChebyshevEvaluator.depth(d), out[i].level(), "series " + i + ": level");
      Precision.assertBits(expected(cs[i], x, -1, 1), CTX.decryptor.decrypt(out[i]),
          requiredBits(cs[i], ChebyshevEvaluator.depth(d)), "shared basis, series " + i);
    }
    for (double[] c : cs) {
      ChebyshevPlan again = ChebyshevPlan.optimal(c, ChebyshevEvaluator.depth(c.length - 1), basis::has);
      for (int k : again.powers()) {
        assertTrue(basis.has(k), "T_" + k + " of a repeated series is not in the shared basis");
      }
    }
  }

  @Test
  void tooFewLevelsAreRefusedBeforeAnyWork() {
    double[] c = series(new Random(16), 63, -1);
    double s = CTX.params.defaultScale();
    Ciphertext ct = CTX.eval.dropLevelNew(encrypt(new double[] {0.5}, s), 5);
    LevelException e = assertThrows(LevelException.class, () -> CHEB.evaluate(ct, c, -5, 3));
    assertTrue(e.getMessage().contains("needs 7 levels, has 5"), e.getMessage());
    assertEquals(7, CHEB.requiredLevel(63, -5, 3, ct));
  }

  @Test
  void invalidArgumentsAreRejected() {
    Ciphertext ct = encrypt(new double[] {0.5}, CTX.params.defaultScale());
    assertThrows(IllegalArgumentException.class, () -> CHEB.evaluate(ct, new double[0], -1, 1));
    assertThrows(IllegalArgumentException.class, () -> CHEB.evaluate(ct, new double[] {1, Double.NaN}, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> CHEB.evaluate(ct, new double[] {1, 2}, 1, -1));
    assertThrows(IllegalArgumentException.class, () -> CHEB.evaluate(ct, new double[] {1, 2}, -1, 1, 0));
  }
}
