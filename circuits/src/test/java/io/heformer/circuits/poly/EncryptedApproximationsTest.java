package io.heformer.circuits.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.approx.Approximation;
import io.heformer.approx.Approximations;
import io.heformer.approx.ExpBySquaring;
import io.heformer.approx.Interval;
import io.heformer.approx.PaperApproximations;
import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.poly.PowerBasis;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every approximation family on ciphertexts against its plaintext evaluator (approx's
 * {@code evaluate}) at small insecure parameters: only CKKS error may remain, the levels consumed
 * equal the declared depth, and the declared depth is {@link Approximation#depth()} (the minimum)
 * when the input arrives at the folded scale.
 *
 * <p>Required precision: a fresh encryption at scale 2^50 and N = 2^11 is good to about
 * 50 - 11 - 5 = 34 bits in the worst slot; we allow 6 bits for the products and rescales of the
 * evaluation, relative to the output magnitude: |encrypted - plaintext| &lt;= 2^-28 max(1, max |f|).
 * A chain of r squarings doubles the relative error r times, so for exp by squaring the r - 6 bits
 * beyond that allowance are deducted too. (Measured margins are 4 to 11 bits above this.)
 */
class EncryptedApproximationsTest {
  private static final CircuitContext C = CircuitContext.INSTANCE;
  private static final double REQUIRED_BITS = 28;

  static Stream<Arguments> paperSettings() {
    return Stream.of(
        Arguments.of("tanh [-5, 5], degree 63", PaperApproximations.tanh()),
        Arguments.of("tanh [-16, 16], degree 127", PaperApproximations.tanhWide()),
        Arguments.of("exp loss [-2, 2], degree 15",
            Approximations.minimax(Approximations.Target.EXP, Interval.symmetric(2), 15)),
        Arguments.of("Gaussian-kernel exp (1 + x/2^14)^(2^14)", PaperApproximations.gaussianKernelExp()),
        Arguments.of("exp [-64, 0], degree 7 + 4 squarings", Approximations.expPolynomial(new Interval(-64, 0), 7, 4)),
        Arguments.of("1/sqrt, degree 127 + 3 Newton", PaperApproximations.inverseSqrt()),
        Arguments.of("1/x on [0.1, 1], degree 7 + 2 Newton", Approximations.inverse(new Interval(0.1, 1), 7, 2)),
        Arguments.of("sign 15, 15, 27", Approximations.signBalanced(15, 15, 27)),
        Arguments.of("ReLU on [-50, 50]", PaperApproximations.relu()));
  }

  static double[] inside(Approximation a, long seed) {
    Random r = new Random(seed);
    double lo = a.domain().lo();
    double hi = a.domain().hi();
    double[] x = new double[C.params.slots()];
    for (int i = 0; i < x.length; i++) {
      x[i] = lo + (hi - lo) * r.nextDouble();
    }
    x[0] = lo;
    x[1] = hi;
    return x;
  }

  static double requiredBits(Approximation a, double[] want) {
    double chain = a instanceof ExpBySquaring e ? Math.max(0, e.squarings() - 6) : 0;
    double m = 1;
    for (double v : want) {
      m = Math.max(m, Math.abs(v));
    }
    return REQUIRED_BITS - chain - Math.log(m) / Math.log(2);
  }

  private static void check(String name, Approximation a, double[] x, double inputScale, double target,
      int wantDepth) {
    Ciphertext ct = C.encrypt(x, inputScale);
    int declared = C.approx.depth(a, ct, target);
    assertEquals(wantDepth, declared, name + ": declared depth");
    Ciphertext out = C.approx.evaluate(a, ct, target);
    assertEquals(declared, ct.level() - out.level(), name + ": levels consumed");
    assertEquals(1.0, out.scale() / target, 1e-10, name + ": output scale");
    double[] want = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      want[i] = a.evaluate(x[i]);
    }
    double bits = CircuitContext.bits(want, C.decrypt(out));
    double need = requiredBits(a, want);
    assertTrue(bits >= need, String.format("%s: %.1f bits, need %.1f", name, bits, need));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paperSettings")
  void atTheFoldedScaleTheDepthIsTheMinimum(String name, Approximation a) {
    double target = C.params.defaultScale();
    double folded = C.approx.foldedInputScale(a, C.params.maxLevel(), target);
    check(name, a, inside(a, 1), folded, target, a.depth());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paperSettings")
  void atTheDefaultScaleAnUnfoldableMapCostsOneDeclaredLevel(String name, Approximation a) {
    double s = C.params.defaultScale();
    int mapLevel = C.approx.depth(a, C.params.maxLevel(), s, s) - a.depth();
    assertTrue(mapLevel == 0 || mapLevel == 1, name + ": map costs " + mapLevel);
    check(name + " (default scale)", a, inside(a, 2), s, s, a.depth() + mapLevel);
  }

  @Test
  void mapsThatFoldAtTheDefaultScale() {
    int top = C.params.maxLevel();
    double s = C.params.defaultScale();
    // [-1, 1] (sign) and [0.0005, 1] (alpha = 2.001: the integer 2 leaves a drift of 0.1 bit over T_127)
    assertEquals(13, C.approx.depth(Approximations.signBalanced(15, 15, 27), top, s, s));
    assertEquals(13, C.approx.depth(PaperApproximations.inverseSqrt(), top, s, s));
    assertTrue(PowerBasis.folds(C.params, 0.0005, 1, 127, top, s));
  }

  @Test
  void iterationsLandOnAnyTargetScale() {
    double s = C.params.defaultScale();
    for (Approximation a : new Approximation[] {PaperApproximations.inverseSqrt(),
        Approximations.inverse(new Interval(0.1, 1), 7, 2), Approximations.expPolynomial(new Interval(-64, 0), 7, 4),
        PaperApproximations.relu()}) {
      for (double target : new double[] {0x1p45, 0x1p52 * 1.37}) {
        check(a.function() + " at 2^" + Math.log(target) / Math.log(2), a, inside(a, 3), s, target,
            C.approx.depth(a, C.params.maxLevel(), s, target));
      }
    }
  }

  @Test
  void tooFewLevelsAreRefusedWithTheNumbers() {
    Approximation relu = PaperApproximations.relu();
    Ciphertext ct = C.eval.dropLevelNew(C.encrypt(new double[] {1}, C.params.defaultScale()), 9);
    LevelException e = assertThrows(LevelException.class, () -> C.approx.evaluate(relu, ct));
    assertTrue(e.getMessage().contains("needs 15 levels, has 9"), e.getMessage());
    assertEquals(15, C.approx.requiredLevel(relu, ct, C.params.defaultScale()));
  }
}
