package io.heformer.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaperApproximationsTest {

  @Test
  void tanhFitsAreOddAndCertified() {
    ChebyshevSeries t = PaperApproximations.tanh();
    assertEquals(63, t.degree());
    assertEquals(6, t.depth());
    assertEquals(Parity.ODD, t.parity());
    Certificates.assertWithin(t, Math::tanh, 20000, 41);
    assertTrue(t.errorBound() < 1e-8, t.toString());
    ChebyshevSeries w = PaperApproximations.tanhWide();
    assertEquals(127, w.degree());
    assertEquals(7, w.depth());
    Certificates.assertWithin(w, Math::tanh, 20000, 42);
    assertTrue(w.errorBound() < 1e-5, w.toString());
  }

  @Test
  void generatedApproximationsAreCachedAndEqualOnRegeneration() {
    assertSame(PaperApproximations.tanh(), PaperApproximations.tanh());
    ChebyshevSeries again = io.heformer.approx.fit.RemezExchange.minimax("tanh", Math::tanh,
        io.heformer.approx.fit.RemezExchange.ABSOLUTE, Interval.symmetric(5), 63, Parity.ODD, 0).series();
    assertEquals(PaperApproximations.tanh(), again);
  }

  @Test
  void everyApproximationCertifiesItsErrorOverItsDomain() {
    Approximation[] all = {
      PaperApproximations.gaussianKernelExp(), PaperApproximations.inverseSqrt(), PaperApproximations.relu(),
      PaperApproximations.tanh(), PaperApproximations.tanhWide(),
      Approximations.minimax(Approximations.Target.EXP, new Interval(-13, 1), 15),
      Approximations.inverse(new Interval(0.8, 3.0), 15, 0),
    };
    for (Approximation a : all) {
      Certificates.assertWithin(a, x -> switch (a.function()) {
        case "exp" -> Math.exp(x);
        case "inverse sqrt" -> 1 / Math.sqrt(x);
        case "inverse" -> 1 / x;
        case "relu" -> Math.max(0, x);
        case "tanh" -> Math.tanh(x);
        default -> throw new AssertionError(a.function());
      }, 5000, 43);
    }
  }
}
