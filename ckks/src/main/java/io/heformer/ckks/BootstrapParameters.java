package io.heformer.ckks;

import io.heformer.ckks.HeException.InvalidParametersException;

/**
 * An unchecked description of a bootstrapping configuration over a CKKS parameter set (R1: literal
 * spec; {@link Bootstrapper} validates it). The prime chain is read bottom-up as
 *
 * <pre>  q_0 | residual levels | SlotToCoeff | EvalMod | CoeffToSlot   (top)</pre>
 *
 * so the chain must have exactly 1 + residualLevels + stcLevels + evalModDepth + ctsLevels primes.
 *
 * @param name a label (test-only chains must say INSECURE, as for {@link CkksParametersSpec})
 * @param ckks the CKKS parameters (their logSlots is the bootstrapped slot count)
 * @param residualLevels levels left to the user after bootstrapping (the output level)
 * @param stcLevels level budget of SlotToCoeff (merged FFT stages)
 * @param ctsLevels level budget of CoeffToSlot
 * @param ephemeralWeight Hamming weight h' of the encapsulation secret; 0 bootstraps under the main
 *     secret directly
 * @param kBound K: EvalMod's interval for the integer I of ModRaise, |I| &lt;= K
 * @param cosineDegree degree of the Chebyshev interpolant of EvalMod's cosine
 * @param doubleAngles number of double-angle steps after the cosine
 * @param logMessageRatio log2(q_0 / Delta) at which the modular reduction runs: inputs at a smaller
 *     scale are multiplied up by an exact power of two first, inputs at a larger one are refused
 *     (values out of range). Small ratios keep the CoeffToSlot error (relative to q_0 I) from being
 *     magnified; the sine's cubic error, relative (2 pi Delta |m coefficient| / q_0)^2 / 6, bounds it
 *     from below
 * @param notes measured precision and failure probability, for reports
 */
public record BootstrapParameters(
    String name,
    CkksParametersSpec ckks,
    int residualLevels,
    int stcLevels,
    int ctsLevels,
    int ephemeralWeight,
    double kBound,
    int cosineDegree,
    int doubleAngles,
    int logMessageRatio,
    String notes) {

  /** Levels EvalMod consumes. */
  public int evalModDepth() {
    return io.heformer.ckks.poly.ChebyshevEvaluator.depth(cosineDegree) + doubleAngles;
  }

  /** Primes the chain must have. */
  public int requiredPrimes() {
    return 1 + residualLevels + stcLevels + evalModDepth() + ctsLevels;
  }

  /** Checks the level accounting against the chain; throws naming the field. */
  void validate(CkksParameters params) {
    if (!params.spec().equals(ckks)) {
      throw new InvalidParametersException("cannot bootstrap: parameters are not this configuration's '" + ckks.name() + "'");
    }
    if (residualLevels < 0 || stcLevels < 1 || ctsLevels < 1) {
      throw new InvalidParametersException(String.format(
          "cannot bootstrap: residualLevels >= 0, stcLevels >= 1 and ctsLevels >= 1 required (%d, %d, %d)",
          residualLevels, stcLevels, ctsLevels));
    }
    int logSlots = Math.max(1, ckks.logSlots());
    if (stcLevels > logSlots || ctsLevels > logSlots) {
      throw new InvalidParametersException(String.format(
          "cannot bootstrap: level budgets (CtS %d, StC %d) exceed the %d FFT stages of 2^%d slots", ctsLevels,
          stcLevels, logSlots, ckks.logSlots()));
    }
    if (params.maxLevel() + 1 != requiredPrimes()) {
      throw new InvalidParametersException(String.format(
          "cannot bootstrap: the chain has %d primes, the configuration needs %d (1 + %d residual + %d StC + %d EvalMod + %d CtS)",
          params.maxLevel() + 1, requiredPrimes(), residualLevels, stcLevels, evalModDepth(), ctsLevels));
    }
    if (ephemeralWeight < 0 || ephemeralWeight > params.n()) {
      throw new InvalidParametersException("cannot bootstrap: ephemeralWeight must be in [0, N]: " + ephemeralWeight);
    }
    int h = ephemeralWeight > 0 ? ephemeralWeight : params.secret().hammingWeight();
    if (h == 0 && kBound < 12) {
      throw new InvalidParametersException(
          "cannot bootstrap: a dense secret without encapsulation needs K >= 12 (got " + kBound + ")");
    }
  }

  /**
   * Failure probability of one bootstrapping: some coefficient of I falls outside [-K, K]. With the
   * (encapsulation) secret of weight h, each coefficient of (c_0 + c_1 s)/q_0 is a sum of h + 1
   * independent uniform variables on [-1/2, 1/2] (c_0, c_1 pseudo-random mod q_0), so |I| &gt; K has the
   * Irwin-Hall tail probability; a union bound over the N coefficients gives the result (log2).
   * Returns -infinity when K &gt;= (h + 1)/2 (impossible). Dense secrets (h = 0) are treated as
   * h = 2N/3, the expected weight.
   */
  public double log2FailureProbability(int logN, int mainWeight) {
    int h = ephemeralWeight > 0 ? ephemeralWeight : (mainWeight > 0 ? mainWeight : (2 << logN) / 3);
    return logN + IrwinHall.log2UpperTail(h + 1, kBound);
  }
}
