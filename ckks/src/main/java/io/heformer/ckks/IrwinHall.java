package io.heformer.ckks;

/**
 * Tail of the Irwin-Hall distribution (the sum of m independent uniforms on [-1/2, 1/2]), for the
 * failure probability of bootstrapping's modular reduction.
 *
 * <p>With U = S + m/2 on [0, m], P(S &gt; x) = P(U &lt;= v) for v = m/2 - x, and the exact CDF
 * F(v) = (1/m!) sum_(k=0..floor(v)) (-1)^k C(m, k) (v - k)^m has few terms in the far tail (v small),
 * so it is evaluated there in 60-digit decimal arithmetic; for v &gt; 6 the Hoeffding bound
 * 2 exp(-2 x^2 / m) is returned instead (an upper bound, loose but safe).
 */
final class IrwinHall {
  private IrwinHall() {}

  /** log2 P(|S_m| &gt; x) for S_m the sum of m uniforms on [-1/2, 1/2]. */
  static double log2UpperTail(int m, double x) {
    if (x >= m / 2.0) {
      return Double.NEGATIVE_INFINITY;
    }
    double v = m / 2.0 - x; // P(S > x) = P(U <= v) with U in [0, m]
    if (v <= 6) {
      // Exact: F(v) = (1/m!) sum_k (-1)^k C(m,k) (v-k)^m for k <= v; terms are few and alternate mildly.
      java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
      java.math.MathContext mc = new java.math.MathContext(60);
      java.math.BigDecimal bv = new java.math.BigDecimal(v);
      for (int k = 0; k <= (int) Math.floor(v); k++) {
        java.math.BigDecimal term = new java.math.BigDecimal(binomial(m, k)).multiply(
            bv.subtract(java.math.BigDecimal.valueOf(k)).pow(m, mc), mc);
        sum = (k % 2 == 0) ? sum.add(term, mc) : sum.subtract(term, mc);
      }
      java.math.BigDecimal f = sum.divide(new java.math.BigDecimal(factorial(m)), mc);
      return 1 + log2(f); // two tails
    }
    return 1 + (-2 * x * x / m) / Math.log(2); // Hoeffding: P(|S| > x) <= 2 exp(-2x^2/m)
  }

  private static double log2(java.math.BigDecimal f) {
    int shift = f.unscaledValue().bitLength() - 60;
    return Math.log(f.unscaledValue().shiftRight(Math.max(shift, 0)).doubleValue()) / Math.log(2)
        + Math.max(shift, 0) - f.scale() * Math.log(10) / Math.log(2);
  }

  private static java.math.BigInteger binomial(int m, int k) {
    java.math.BigInteger r = java.math.BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      r = r.multiply(java.math.BigInteger.valueOf(m - i)).divide(java.math.BigInteger.valueOf(i + 1));
    }
    return r;
  }

  private static java.math.BigInteger factorial(int m) {
    java.math.BigInteger r = java.math.BigInteger.ONE;
    for (int i = 2; i <= m; i++) {
      r = r.multiply(java.math.BigInteger.valueOf(i));
    }
    return r;
  }
}
