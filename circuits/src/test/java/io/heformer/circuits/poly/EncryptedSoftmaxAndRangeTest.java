package io.heformer.circuits.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.approx.Approximations;
import io.heformer.approx.ChebyshevSeries;
import io.heformer.approx.Interval;
import io.heformer.approx.OutOfRangeException;
import io.heformer.approx.PairwiseMax;
import io.heformer.approx.PaperApproximations;
import io.heformer.approx.RangePolicy;
import io.heformer.approx.Softmax;
import io.heformer.ckks.Ciphertext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The loss softmax and the pairwise max on ciphertexts against their plaintext evaluators, and
 * out-of-range inputs: the plaintext evaluator throws, the client-side {@link RangeCheck} reports
 * the encrypted input, and without it the encrypted result would be silently wrong.
 */
class EncryptedSoftmaxAndRangeTest {
  private static final CircuitContext C = CircuitContext.INSTANCE;

  private static double[] uniform(long seed, double lo, double hi) {
    Random r = new Random(seed);
    double[] x = new double[C.params.slots()];
    for (int i = 0; i < x.length; i++) {
      x[i] = lo + (hi - lo) * r.nextDouble();
    }
    return x;
  }

  @Test
  void lossSoftmaxOfTwoLogitsMatchesThePlaintextEvaluator() {
    Softmax sm = PaperApproximations.lossSoftmax();
    EncryptedSoftmax enc = new EncryptedSoftmax(C.approx);
    double target = C.params.defaultScale();
    double[] z0 = uniform(4, -2, 2);
    double[] z1 = uniform(5, -2, 2);
    int top = C.params.maxLevel();
    double folded = C.approx.foldedInputScale(sm.exp(), top, target);
    for (double scale : new double[] {folded, C.params.defaultScale()}) {
      Ciphertext[] z = {C.encrypt(z0, scale), C.encrypt(z1, scale)};
      int declared = enc.depth(sm, top, scale);
      assertEquals(scale == folded ? sm.depth(2) : sm.depth(2) + 1, declared, "declared depth");
      Ciphertext[] p = enc.evaluate(sm, z, target);
      double[][] want = new double[2][z0.length];
      double[] row = new double[2];
      for (int i = 0; i < z0.length; i++) {
        sm.evaluate(new double[] {z0[i], z1[i]}, row, RangePolicy.THROW);
        want[0][i] = row[0];
        want[1][i] = row[1];
      }
      for (int c = 0; c < 2; c++) {
        assertEquals(declared, top - p[c].level(), "levels consumed");
        assertEquals(1.0, p[c].scale() / target, 1e-10, "output scale");
        double bits = CircuitContext.bits(want[c], C.decrypt(p[c]));
        assertTrue(bits >= 28, "softmax class " + c + ": " + bits + " bits");
      }
    }
  }

  @Test
  void pairwiseMaxMatchesThePlaintextEvaluator() {
    PairwiseMax m = Approximations.max(8, 7, 15);
    double[] a = uniform(6, -8, 8);
    double[] b = uniform(7, -8, 8);
    double s = C.params.defaultScale();
    Ciphertext ca = C.encrypt(a, s);
    Ciphertext cb = C.encrypt(b, s);
    int declared = C.approx.depth(m, ca);
    Ciphertext out = C.approx.max(m, ca, cb, s);
    assertEquals(declared, ca.level() - out.level());
    assertTrue(declared == m.depth() || declared == m.depth() + 1, "declared " + declared + " vs " + m.depth());
    double[] want = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      want[i] = m.max(a[i], b[i], RangePolicy.THROW);
    }
    double bits = CircuitContext.bits(want, C.decrypt(out));
    assertTrue(bits >= 28 - 3, "max: " + bits + " bits (values up to 8)");
  }

  @Test
  void outOfRangeInputsAreReportedNotSilentlyWrong() {
    ChebyshevSeries tanh = PaperApproximations.tanh();
    double[] x = uniform(8, -5, 5);
    int[] outside = {3, 17, 100};
    x[3] = 6.5;
    x[17] = -7;
    x[100] = 9;
    for (int i : outside) {
      double v = x[i];
      assertThrows(OutOfRangeException.class, () -> tanh.evaluate(v), "plaintext evaluator at " + v);
    }
    double s = C.approx.foldedInputScale(tanh, C.params.maxLevel(), C.params.defaultScale());
    Ciphertext ct = C.encrypt(x, s);
    RangeCheck check = new RangeCheck(C.decryptor);
    OutOfRangeException e = assertThrows(OutOfRangeException.class, () -> check.check(tanh, ct, x.length, 1e-6));
    assertEquals(6.5, e.value(), 1e-6, "the first offending slot is reported");
    assertEquals(outside.length, check.countOutside(tanh.domain(), ct, x.length, 1e-6));
    // without the check the server's result is silently wrong: the extrapolated values are huge
    // (T_63(1.8) ~ 1e16), far beyond the certificate, and can even wrap modulo Q and spoil other slots
    double[] y = C.decrypt(C.approx.evaluate(tanh, ct));
    assertTrue(maxError(x, y) > 1e3 * tanh.errorBound(), "extrapolation error only " + maxError(x, y));
    // in-range inputs pass the check, and their result is within the certificate (plus CKKS noise)
    double[] ok = uniform(9, -5, 5);
    Ciphertext okCt = C.encrypt(ok, s);
    check.check(tanh, okCt, ok.length, 1e-6);
    double[] yOk = C.decrypt(C.approx.evaluate(tanh, okCt));
    assertTrue(maxError(ok, yOk) <= tanh.errorBound() + 1e-8, "in-range error " + maxError(ok, yOk));
    assertThrows(IllegalArgumentException.class, () -> check.check(tanh, ct, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new EncryptedSoftmax(C.approx)
        .evaluate(PaperApproximations.lossSoftmax(), new Ciphertext[] {ct}, s));
  }

  private static double maxError(double[] x, double[] y) {
    double e = 0;
    for (int i = 0; i < x.length; i++) {
      e = Math.max(e, Math.abs(y[i] - Math.tanh(x[i])));
    }
    return e;
  }

  @Test
  void intervalOfNewtonInverseInputIsItsDomain() {
    // the inverse's start interval is (0, 1]-based: a sum outside it would be reported likewise
    Interval d = Approximations.inverse(new Interval(0.1, 1), 7, 2).domain();
    RangeCheck check = new RangeCheck(C.decryptor);
    Ciphertext ct = C.encrypt(new double[] {0.05, 0.5}, C.params.defaultScale());
    assertEquals(1, check.countOutside(d, ct, 2, 1e-6));
  }
}
