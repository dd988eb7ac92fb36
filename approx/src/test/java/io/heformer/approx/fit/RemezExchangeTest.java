package io.heformer.approx.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.approx.Certificates;
import io.heformer.approx.ChebyshevSeries;
import io.heformer.approx.Interval;
import io.heformer.approx.Parity;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RemezExchangeTest {

  static Stream<Arguments> problems() {
    DoubleUnaryOperator inv = x -> 1 / x;
    DoubleUnaryOperator isqrt = x -> 1 / Math.sqrt(x);
    return Stream.of(
        Arguments.of("abs", (DoubleUnaryOperator) Math::abs, RemezExchange.ABSOLUTE, Interval.symmetric(1), 16, Parity.EVEN, 0.0),
        Arguments.of("abs", (DoubleUnaryOperator) Math::abs, RemezExchange.ABSOLUTE, Interval.symmetric(1), 256, Parity.EVEN, 0.0),
        Arguments.of("sqrt", (DoubleUnaryOperator) Math::sqrt, RemezExchange.ABSOLUTE, new Interval(0, 1), 255, Parity.NONE, 0.0),
        Arguments.of("exp", (DoubleUnaryOperator) Math::exp, RemezExchange.ABSOLUTE, new Interval(-13, 1), 15, Parity.NONE, 0.0),
        Arguments.of("tanh", (DoubleUnaryOperator) Math::tanh, RemezExchange.ABSOLUTE, Interval.symmetric(16), 127, Parity.ODD, 0.0),
        Arguments.of("tanh", (DoubleUnaryOperator) Math::tanh, RemezExchange.ABSOLUTE, Interval.symmetric(16), 255, Parity.ODD, 0.0),
        Arguments.of("inverse", inv, RemezExchange.relative(inv), new Interval(0.01, 1), 31, Parity.NONE, 0.0),
        Arguments.of("inverse sqrt", isqrt, RemezExchange.relative(isqrt), new Interval(0.0005, 1), 127, Parity.NONE, 0.0),
        Arguments.of("sign", (DoubleUnaryOperator) Math::signum, RemezExchange.ABSOLUTE, Interval.symmetric(1), 15, Parity.ODD, 0.05));
  }

  @ParameterizedTest(name = "{0} degree {4} on {3}")
  @MethodSource("problems")
  void equioscillatesAndItsCertificateHolds(String name, DoubleUnaryOperator f, DoubleUnaryOperator w, Interval iv,
      int degree, Parity parity, double gap) {
    RemezExchange.Result r = RemezExchange.minimax(name, f, w, iv, degree, parity, gap);
    assertTrue(r.converged(), name + " did not converge");
    double[] e = r.referenceErrors();
    int basis = 0;
    for (int k = 0; k <= degree; k++) {
      basis += parity.admits(k) ? 1 : 0;
    }
    assertEquals(basis + 1, e.length, "reference size");
    double max = 0;
    for (double v : e) {
      max = Math.max(max, Math.abs(v));
    }
    for (int i = 0; i < e.length; i++) {
      assertTrue(Math.abs(Math.abs(e[i]) - max) <= 1e-3 * max, name + ": |e| at reference " + i + " is " + e[i]
          + ", not level with " + max);
      if (i > 0) {
        assertTrue(Math.signum(e[i]) == -Math.signum(e[i - 1]), name + ": no sign alternation at " + i);
      }
    }
    // The levelled error is a lower bound of the minimax error (de la Vallee Poussin), the
    // certificate an upper bound, and both are tight.
    assertTrue(r.level() <= r.weightedErrorBound() && r.weightedErrorBound() <= 1.1 * r.level() + 1e-14,
        name + ": level " + r.level() + " vs certificate " + r.weightedErrorBound());
    double lo = parity == Parity.NONE ? iv.lo() : gap;
    ChebyshevSeries s = r.series();
    Certificates.assertWithin(name + " weighted", f, s::evaluateUnchecked, w, lo, iv.hi(), r.weightedErrorBound(),
        20000, 3);
    Certificates.assertWithin(name + " absolute", f, s::evaluateUnchecked, null, lo, iv.hi(), s.errorBound(), 20000, 4);
    if (parity != Parity.NONE) {
      Certificates.assertWithin(name + " mirror", f, s::evaluateUnchecked, null, -iv.hi(), -lo, s.errorBound(), 5000, 6);
    }
  }

  @Test
  void minimaxBeatsInterpolationInTheMaxNorm() {
    Interval iv = new Interval(0, 1);
    ChebyshevSeries interp = ChebyshevInterpolation.interpolate("sqrt", Math::sqrt, iv, 31, Parity.NONE);
    ChebyshevSeries mm = RemezExchange.minimax("sqrt", Math::sqrt, RemezExchange.ABSOLUTE, iv, 31, Parity.NONE, 0)
        .series();
    assertTrue(mm.errorBound() < 0.8 * interp.errorBound(), mm.errorBound() + " vs " + interp.errorBound());
  }

  @Test
  void rejectsInconsistentArguments() {
    assertThrows(IllegalArgumentException.class, () -> RemezExchange.minimax("x", Math::tanh, RemezExchange.ABSOLUTE,
        Interval.symmetric(1), 14, Parity.ODD, 0));
    assertThrows(IllegalArgumentException.class, () -> RemezExchange.minimax("x", Math::tanh, RemezExchange.ABSOLUTE,
        new Interval(0, 1), 15, Parity.ODD, 0));
    assertThrows(IllegalArgumentException.class, () -> RemezExchange.minimax("x", Math::tanh, RemezExchange.ABSOLUTE,
        Interval.symmetric(1), 15, Parity.NONE, 0.1));
    assertThrows(IllegalArgumentException.class, () -> RemezExchange.minimax("x", Math::tanh, RemezExchange.ABSOLUTE,
        Interval.symmetric(1), -1, Parity.NONE, 0));
  }
}
