package io.heformer.ckks;

import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.HeException.MissingKeyException;
import io.heformer.ckks.HeException.ValueOverflowException;
import java.util.Map;
import java.util.TreeMap;

/**
 * CKKS bootstrapping: refreshes a ciphertext at any level to {@link #outputLevel()}.
 *
 * <ol>
 *   <li>drop to level 0; (encapsulation) switch to the ephemeral sparse secret;
 *   <li>{@link ModRaise} to the top level, read at scale q_0: the slots now hold the decoding of
 *       Delta m / q_0 + I; (encapsulation) switch back to the main secret;
 *   <li>sparse slots: the subring trace (log2(N/2n) rotations) clears the coefficients outside the
 *       n-slot subring;
 *   <li>CoeffToSlot ({@link HomomorphicDft}); real and imaginary parts split by conjugation (one
 *       packed ciphertext for n &lt;= N/4, two for full slots);
 *   <li>{@link EvalMod}: sin(2 pi y) ~ 2 pi Delta m / q_0;
 *   <li>SlotToCoeff with 1/(2 pi) folded in; the result, read at scale Delta_in, is the message.
 * </ol>
 *
 * <p>Scales are exact: the reduction runs at q_0 / Delta = 2^{@link BootstrapParameters#logMessageRatio}
 * (the input is multiplied up by an exact power of two when its scale is smaller) and EvalMod is
 * aimed at the output scale that makes the refreshed ciphertext carry the input's scale. Thread-safe:
 * intermediate ciphertexts are per call and the cache of encoded DFT diagonals is filled once under
 * a lock.
 */
public final class Bootstrapper {
  private final BootstrapParameters bp;
  private final CkksParameters params;
  private final Encoder encoder;
  private final Evaluator eval;
  private final SparseSecretEncapsulation encapsulation;
  private final EvalMod evalMod;
  private final HomomorphicDft cts;
  private final HomomorphicDft stc;
  private final int slots;

  /**
   * @throws HeException.InvalidParametersException if the configuration does not fit the chain
   * @throws MissingKeyException if a needed key is absent
   */
  public Bootstrapper(BootstrapParameters bp, CkksParameters params, BootstrapKeys keys) {
    bp.validate(params);
    this.bp = bp;
    this.params = params;
    this.encoder = new Encoder(params);
    this.eval = new Evaluator(params, keys.keys);
    this.encapsulation = keys.encapsulation;
    if (bp.ephemeralWeight() > 0 && encapsulation == null) {
      throw new MissingKeyException("cannot bootstrap: the configuration uses encapsulation but no encapsulation keys were given");
    }
    this.slots = params.slots();
    this.evalMod = evalMod(bp);
    this.cts = coeffToSlot(bp, params, evalMod);
    this.stc = slotToCoeff(bp, params);
    Map<Integer, Integer> need = keyLevels(bp, params);
    StringBuilder missing = new StringBuilder();
    for (int g : need.keySet()) {
      if (!keys.keys.galoisElements().contains(g)) {
        missing.append(missing.length() == 0 ? "" : ", ").append(g);
      }
    }
    if (missing.length() > 0) {
      throw new MissingKeyException("cannot bootstrap: no Galois keys for elements " + missing);
    }
    if (!keys.keys.hasRelinearizationKey()) {
      throw new MissingKeyException("cannot bootstrap: no relinearisation key");
    }
  }

  private static EvalMod evalMod(BootstrapParameters bp) {
    return new EvalMod(bp.kBound(), bp.cosineDegree(), bp.doubleAngles());
  }

  private static HomomorphicDft coeffToSlot(BootstrapParameters bp, CkksParameters params, EvalMod em) {
    int n = params.slots();
    double trace = (params.n() / 2.0) / n; // the subring trace multiplies by N/(2n)
    double readScale = raisedScale(bp, params) / params.q(0).q; // slots read coefficients / S0, want / q_0
    return HomomorphicDft.coeffToSlot(params, n, bp.ctsLevels(), params.maxLevel(),
        0.5 * em.inputFactor() / trace * readScale);
  }

  private static HomomorphicDft slotToCoeff(BootstrapParameters bp, CkksParameters params) {
    return HomomorphicDft.slotToCoeff(params, params.slots(), bp.stcLevels(), bp.residualLevels() + bp.stcLevels(),
        1 / (2 * Math.PI));
  }

  /**
   * The scale S0 the raised ciphertext is read at: EvalMod's first prime. CoeffToSlot keeps it, and
   * EvalMod's powers T_2k = 2 T_k^2 - 1 keep a scale close to the primes they are rescaled by only if
   * they start there (S^2 / q drifts away geometrically otherwise); CoeffToSlot's matrices absorb
   * the factor S0 / q_0.
   */
  private static double raisedScale(BootstrapParameters bp, CkksParameters params) {
    return (double) params.q(params.maxLevel() - bp.ctsLevels()).q;
  }

  /** Galois element to the highest level its key is used at: what {@link BootstrapKeys} generates. */
  static Map<Integer, Integer> keyLevels(BootstrapParameters bp, CkksParameters params) {
    Map<Integer, Integer> r = new TreeMap<>();
    int logN = params.logN();
    int top = params.maxLevel();
    for (int step = params.slots(); step < params.n() / 2; step <<= 1) {
      r.merge(Galois.rotationElement(step, logN), top, Math::max);
    }
    EvalMod em = evalMod(bp);
    for (HomomorphicDft dft : new HomomorphicDft[] {coeffToSlot(bp, params, em), slotToCoeff(bp, params)}) {
      for (var e : dft.rotationLevels().entrySet()) {
        r.merge(Galois.rotationElement(e.getKey(), logN), e.getValue(), Math::max);
      }
    }
    r.merge(Galois.conjugationElement(logN), top - bp.ctsLevels(), Math::max);
    return r;
  }

  /** The level of every refreshed ciphertext. */
  public int outputLevel() {
    return bp.residualLevels();
  }

  public BootstrapParameters parameters() {
    return bp;
  }

  /** The modular reduction's approximation error (units of sin), for reports. */
  public double evalModError() {
    return evalMod.approximationError();
  }

  /** Bytes held by the encoded DFT diagonals (cached after the first bootstrapping). */
  public long diagonalBytes() {
    return cts.encodedBytes() + stc.encodedBytes();
  }

  /**
   * Refreshes a ciphertext of complex values with |z| &lt;= 1 to {@link #outputLevel()}, at its own scale.
   *
   * @throws ValueOverflowException if the scale leaves too small a ratio q_0 / Delta for [-1, 1]
   */
  public Ciphertext bootstrap(Ciphertext ct) {
    checkInput(ct, 1, "bootstrap");
    return run(ct, 1);
  }

  /**
   * Refreshes two real-valued ciphertexts (same scale and slots) with one bootstrapping: packed as
   * a + i b, refreshed, and split by conjugation. Returns {a', b'} at the input scale.
   */
  public Ciphertext[] bootstrapPair(Ciphertext a, Ciphertext b) {
    checkInput(a, 1, "bootstrap a pair");
    checkInput(b, 1, "bootstrap a pair");
    Ciphertext ib = eval.blankLike(b);
    eval.mulConst(b, 0, 1, 1.0, ib); // times i: the monomial X^(N/2), exact and free
    Ciphertext packed = eval.addNew(a, ib);
    Ciphertext c = run(packed, 0.5);
    c.scale = a.scale; // the same polynomial read at twice the scale: (a + i b) / 2
    Ciphertext conj = eval.conjugateNew(c);
    Ciphertext re = eval.addNew(c, conj);
    Ciphertext im = eval.subNew(c, conj);
    eval.mulConst(im, 0, -1, 1.0, im);
    return new Ciphertext[] {re, im};
  }

  /**
   * Range-extended bootstrapping for values in [-range, range] (the paper's 2^20): the values are
   * divided by {@code range} (one level, or for a level-0 input by reading it at scale Delta range),
   * refreshed, and multiplied back by the integer {@code range} exactly. The absolute error grows
   * with the range: the precision stated for [-1, 1] holds relative to {@code range}.
   *
   * @throws LevelException if the input is at level 0 and its scale is too large to be read at
   *     Delta range
   */
  public Ciphertext bootstrapExtended(Ciphertext ct, long range) {
    if (range < 1 || range > (1L << 40)) {
      throw new IllegalArgumentException("cannot bootstrap (extended): range must be in [1, 2^40]: " + range);
    }
    Ciphertext x;
    if (ct.level >= 1) {
      x = eval.blankLike(ct);
      eval.mulConst(ct, 1.0 / range, 0, x); // constant at scale q_level: the rescale restores the scale
      eval.rescale(x, x);
      x.scale = ct.scale;
    } else {
      double ratio = Math.log(params.q(0).q / (ct.scale * range)) / Math.log(2);
      if (ratio < bp.logMessageRatio()) {
        throw new LevelException(String.format(
            "cannot bootstrap (extended): a level-0 input at scale 2^%.1f cannot hold values up to %d "
                + "(q_0/(Delta range) = 2^%.1f < 2^%d); give it at level >= 1 or at a smaller scale",
            Math.log(ct.scale) / Math.log(2), range, ratio, bp.logMessageRatio()));
      }
      x = ct.copy();
      x.scale = ct.scale * range;
    }
    checkInput(x, 1, "bootstrap (extended)");
    Ciphertext r = run(x, 1);
    eval.mulInteger(r, range, r);
    return r;
  }

  private void checkInput(Ciphertext ct, double range, String op) {
    if (ct.fingerprint != params.fingerprint()) {
      throw new HeException.ParameterMismatchException("cannot " + op + ": ciphertext made under other parameters");
    }
    if (ct.slots != slots) {
      throw new IllegalArgumentException(
          "cannot " + op + ": the bootstrapper is set up for " + slots + " slots, the ciphertext has " + ct.slots);
    }
    if (ct.degree() != 1) {
      throw new IllegalArgumentException("cannot " + op + ": ciphertext must be relinearised (degree 1)");
    }
    double ratio = Math.log(params.q(0).q / (ct.scale * range)) / Math.log(2);
    if (ratio < bp.logMessageRatio()) {
      throw new ValueOverflowException(String.format(
          "cannot %s: values in [-1, 1] at scale 2^%.1f leave q_0/Delta = 2^%.1f, below the 2^%d the modular "
              + "reduction needs; lower the scale or use bootstrapExtended", op, Math.log(ct.scale) / Math.log(2),
          ratio, bp.logMessageRatio()));
    }
  }

  /** The pipeline; the output is read at scale outFactor * Delta_in. */
  private Ciphertext run(Ciphertext in, double outFactor) {
    double deltaIn = in.scale;
    Ciphertext c = eval.dropLevelNew(in, 0);
    // Run the reduction at q_0 / Delta = 2^ratio: scale the message up by an exact power of two (the
    // noise grows with it, the relative precision does not change). A larger ratio would magnify the
    // CoeffToSlot error (relative to q_0 I) by the same factor.
    int shift = (int) Math.floor(Math.log(params.q(0).q / deltaIn) / Math.log(2) - bp.logMessageRatio());
    double deltaRun = deltaIn;
    if (shift > 0) {
      eval.mulInteger(c, 1L << shift, c);
      deltaRun = Math.scalb(deltaIn, shift);
    }
    if (encapsulation != null) {
      encapsulation.toSparse(params, c);
    }
    int top = params.maxLevel();
    c = ModRaise.raise(params, c, top);
    double q0 = (double) params.q(0).q;
    c.scale = raisedScale(bp, params);
    if (encapsulation != null) {
      encapsulation.fromSparse(params, c);
    }
    if (slots < params.n() / 2) {
      c.slots = params.n() / 2;
      for (int step = slots; step < params.n() / 2; step <<= 1) {
        eval.add(c, eval.rotateNew(c, step), c);
      }
    }
    c.slots = cts.width();
    Ciphertext u = cts.apply(eval, encoder, c);
    Ciphertext conj = eval.conjugateNew(u);
    double target = q0 * outFactor * deltaIn / deltaRun;
    Ciphertext v;
    if (cts.width() > slots) {
      Ciphertext x = eval.addNew(u, conj);
      eval.addConst(x, evalMod.inputShift(), 0, x);
      v = evalMod.apply(eval, x, target);
    } else {
      Ciphertext re = eval.addNew(u, conj);
      Ciphertext im = eval.subNew(u, conj);
      eval.mulConst(im, 0, -1, 1.0, im);
      eval.addConst(re, evalMod.inputShift(), 0, re);
      eval.addConst(im, evalMod.inputShift(), 0, im);
      Ciphertext r2 = evalMod.apply(eval, re, target);
      Ciphertext i2 = evalMod.apply(eval, im, target);
      eval.mulConst(i2, 0, 1, 1.0, i2);
      v = eval.addNew(r2, i2);
    }
    Ciphertext out = stc.apply(eval, encoder, v);
    out.slots = slots;
    out.scale = deltaIn * outFactor;
    return out;
  }
}
