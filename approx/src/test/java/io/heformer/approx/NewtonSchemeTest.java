package io.heformer.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class NewtonSchemeTest {

  private static void check(NewtonScheme s) {
    DoubleUnaryOperator f = s.kind()::exact;
    Interval d = s.domain();
    Certificates.assertWithin(s + " relative", f, s::evaluate, x -> 1 / f.applyAsDouble(x), d.lo(), d.hi(),
        s.relativeErrorBound(), 20000, 17);
    Certificates.assertWithin(s, f, 5000, 18);
    assertEquals(s.start().depth() + 2 * s.iterations(), s.depth());
  }

  @Test
  void inverseSqrtAtThePaperSettingIsNearMachinePrecision() {
    NewtonScheme s = PaperApproximations.inverseSqrt();
    assertEquals(127, s.start().degree());
    assertEquals(3, s.iterations());
    assertEquals(13, s.depth());
    check(s);
    assertTrue(s.relativeErrorBound() < 1e-13, s.toString());
    // Newton's quadratic convergence from the certified start error.
    assertTrue(s.startRelativeError() < 0.01 && s.predictedRelativeError() < 1e-20);
  }

  @Test
  void eachIterationSquaresTheInverseError() {
    Interval d = new Interval(0.05, 1);
    NewtonScheme k0 = NewtonScheme.generate(NewtonScheme.Kind.INVERSE, d, 3, 0);
    NewtonScheme k1 = NewtonScheme.generate(NewtonScheme.Kind.INVERSE, d, 3, 1);
    NewtonScheme k2 = NewtonScheme.generate(NewtonScheme.Kind.INVERSE, d, 3, 2);
    check(k0);
    check(k1);
    check(k2);
    double e0 = k0.relativeErrorBound();
    assertTrue(k1.relativeErrorBound() <= e0 * e0 * 1.05 && k1.relativeErrorBound() >= e0 * e0 * 0.5,
        k1.relativeErrorBound() + " vs " + e0 * e0);
    assertTrue(k2.relativeErrorBound() <= k1.predictedRelativeError() * k1.predictedRelativeError() * 1.05 + 1e-15);
  }

  @Test
  void theEvaluatorPerformsTheDocumentedOperationSequence() {
    NewtonScheme s = NewtonScheme.generate(NewtonScheme.Kind.INVERSE_SQRT, new Interval(0.01, 1), 7, 2);
    double x = 0.3;
    double y = s.start().evaluate(x);
    double h = 0.5 * x;
    for (int i = 0; i < 2; i++) {
      y = 1.5 * y - (y * y) * (h * y);
    }
    assertEquals(y, s.evaluate(x), 0.0);
  }

  @Test
  void forTargetPicksALeastDepthSchemeMeetingTheTarget() {
    NewtonScheme s = NewtonScheme.forTarget(NewtonScheme.Kind.INVERSE, new Interval(1.0 / 128, 1), 1e-8);
    assertTrue(s.relativeErrorBound() <= 1e-8);
    check(s);
    NewtonScheme t = NewtonScheme.forTarget(NewtonScheme.Kind.INVERSE_SQRT, new Interval(0.001, 1), 1e-6);
    assertTrue(t.relativeErrorBound() <= 1e-6);
    check(t);
  }

  @Test
  void rejectsNonPositiveIntervalsDivergentStartsAndOutOfRangeInputs() {
    assertThrows(IllegalArgumentException.class,
        () -> NewtonScheme.generate(NewtonScheme.Kind.INVERSE, new Interval(0, 1), 7, 2));
    assertThrows(IllegalArgumentException.class,
        () -> NewtonScheme.generate(NewtonScheme.Kind.INVERSE, new Interval(1e-6, 1), 0, 2));
    NewtonScheme s = PaperApproximations.inverseSqrt();
    assertThrows(OutOfRangeException.class, () -> s.evaluate(0.0001));
    assertThrows(OutOfRangeException.class, () -> s.evaluate(1.5));
  }
}
