package io.heformer.ckks;

/**
 * The homomorphic modular reduction of bootstrapping: after CoeffToSlot each slot holds y = I + eps,
 * with I an integer (the multiple of q_0 that ModRaise added, |I| &lt;= K) and eps = Delta m / q_0 small;
 * sin(2 pi y) = sin(2 pi eps) ~ 2 pi eps removes I.
 *
 * <p>Evaluated as a cosine with double angles: the input is x = (y - 1/4) / K' on [-1, 1]
 * (K' = K + 1/2 leaves room for eps and the shift), a Chebyshev interpolant p of
 * cos(2 pi K' x / 2^r) is evaluated, and r steps c -&gt; 2c^2 - 1 give cos(2 pi (y - 1/4)) = sin(2 pi y).
 * The interpolant's error is multiplied by about 4 per double angle, which is why r stays small and
 * the degree is chosen so that the interpolation error is far below the CKKS noise
 * ({@link #approximationError} reports it). The cosine is even and the interval symmetric, so only
 * even Chebyshev terms are kept.
 *
 * <p>The factors 1/K' and 1/(2 pi) are not evaluated here: the caller folds them into CoeffToSlot and
 * SlotToCoeff, whose matrices absorb any scalar for free.
 */
final class EvalMod {
  private final double kBound;
  private final double kPrime;
  private final int doubleAngles;
  private final double[] coeffs;

  /**
   * @param kBound K, the bound on |I| (and so on |y|, up to eps)
   * @param degree degree of the Chebyshev interpolant of the cosine
   * @param doubleAngles r, the number of double-angle steps
   */
  EvalMod(double kBound, int degree, int doubleAngles) {
    if (!(kBound >= 1) || degree < 2 || doubleAngles < 0 || doubleAngles > 6) {
      throw new IllegalArgumentException(String.format(
          "EvalMod needs K >= 1, degree >= 2 and 0..6 double angles: K=%s, degree=%d, r=%d", kBound, degree,
          doubleAngles));
    }
    this.kBound = kBound;
    this.kPrime = kBound + 0.5;
    this.doubleAngles = doubleAngles;
    this.coeffs = interpolate(degree);
  }

  /** Chebyshev interpolation at the d + 1 Chebyshev nodes (a discrete cosine transform), odd terms zero. */
  private double[] interpolate(int degree) {
    int m = degree + 1;
    double[] f = new double[m];
    double[] theta = new double[m];
    for (int j = 0; j < m; j++) {
      theta[j] = Math.PI * (j + 0.5) / m;
      f[j] = cosine(Math.cos(theta[j]));
    }
    double[] c = new double[m];
    for (int k = 0; k < m; k += 2) { // the function is even: odd coefficients vanish
      double s = 0;
      for (int j = 0; j < m; j++) {
        s += f[j] * Math.cos(k * theta[j]);
      }
      c[k] = 2 * s / m;
    }
    c[0] /= 2;
    return c;
  }

  private double cosine(double x) {
    return Math.cos(2 * Math.PI * kPrime * x / (1 << doubleAngles));
  }

  /** Levels consumed. */
  int depth() {
    return io.heformer.ckks.poly.ChebyshevEvaluator.depth(coeffs.length - 1) + doubleAngles;
  }

  double kBound() {
    return kBound;
  }

  /** The input map's factor: x = factor * y + shift. */
  double inputFactor() {
    return 1 / kPrime;
  }

  double inputShift() {
    return -0.25 / kPrime;
  }

  /** The approximation in double arithmetic: y to the approximation of sin(2 pi y). */
  double evaluatePlain(double y) {
    double x = y * inputFactor() + inputShift();
    double t0 = 1;
    double t1 = x;
    double s = coeffs[0] + coeffs[1] * x;
    for (int k = 2; k < coeffs.length; k++) {
      double t2 = 2 * x * t1 - t0;
      s += coeffs[k] * t2;
      t0 = t1;
      t1 = t2;
    }
    for (int i = 0; i < doubleAngles; i++) {
      s = 2 * s * s - 1;
    }
    return s;
  }

  /**
   * max |approximation - sin(2 pi y)| over y = I + eps, integers |I| &lt;= K and |eps| &lt;= 2^-10
   * (sampled): the error EvalMod adds before the CKKS noise, in units of sin.
   */
  double approximationError() {
    double worst = 0;
    for (int i = (int) -kBound; i <= (int) kBound; i++) {
      for (int s = -64; s <= 64; s++) {
        double y = i + s / 65536.0;
        worst = Math.max(worst, Math.abs(evaluatePlain(y) - Math.sin(2 * Math.PI * y)));
      }
    }
    return worst;
  }

  /**
   * sin(2 pi y) from x = (y - 1/4)/K' (already mapped by the caller), with output scale exactly
   * {@code targetScale} at level x.level - depth().
   */
  Ciphertext apply(Evaluator eval, Ciphertext x, double targetScale) {
    CkksParameters params = eval.params();
    int polyOut = x.level - io.heformer.ckks.poly.ChebyshevEvaluator.depth(coeffs.length - 1);
    // Scales backwards through the double angles: s_k = sqrt(s_(k+1) q) for the prime q it rescales by.
    double[] s = new double[doubleAngles + 1];
    s[doubleAngles] = targetScale;
    for (int k = doubleAngles - 1; k >= 0; k--) {
      s[k] = Math.sqrt(s[k + 1] * params.q(polyOut - k).q);
    }
    Ciphertext c = new io.heformer.ckks.poly.ChebyshevEvaluator(eval).evaluate(x, coeffs, -1, 1, s[0]);
    if (c.level != polyOut) { // sanity check: the shared evaluator reaches the minimal depth on [-1, 1]
      throw new IllegalStateException("EvalMod's cosine landed at level " + c.level + ", expected " + polyOut);
    }
    for (int k = 0; k < doubleAngles; k++) {
      Ciphertext sq = eval.mulRelinNew(c, c);
      eval.rescale(sq, sq);
      sq.scale = s[k + 1];
      eval.mulInteger(sq, 2, sq);
      eval.addConst(sq, -1, 0, sq);
      c = sq;
    }
    return c;
  }
}
