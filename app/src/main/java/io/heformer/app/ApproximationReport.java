package io.heformer.app;

import io.heformer.nn.nonlinear.CalibratedApproximations;
import java.util.Map;

/** What the verbs that run in approximation mode say about inputs that left their intervals. */
final class ApproximationReport {

  private ApproximationReport() {}

  /**
   * Prints whether any input was clamped to its interval, and warns when one was.
   *
   * @param verb the command, for the warning's prefix
   */
  static void printClamping(String verb, CalibratedApproximations.Result approx) {
    Map<String, Long> v = approx.violations();
    System.out.println(v.isEmpty() ? "approximation mode: no input left its interval"
        : "approximation mode: inputs clamped to their intervals: " + v);
    if (!v.isEmpty()) {
      // Plaintext clamps; under encryption these inputs would meet the polynomial outside its
      // interval, where it diverges, so this run does not stand for the encrypted one.
      System.err.println("heformer " + verb + ": WARNING: " + v.values().stream()
          .mapToLong(Long::longValue).sum() + " inputs left their approximation intervals; "
          + "an encrypted run would be wrong there. Record ranges under this exact setting "
          + "(--record-ranges in mode plain), pass the tables of several pilot runs to --ranges "
          + "(their union), or widen --margin.");
    }
  }
}
