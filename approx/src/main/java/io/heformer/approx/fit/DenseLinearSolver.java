package io.heformer.approx.fit;

/**
 * Gaussian elimination with partial pivoting for the small dense systems of the Remez exchange
 * (n &lt;= a few hundred; O(n^3 / 3) flops). The Chebyshev-basis matrices sampled at near-Chebyshev
 * points are well conditioned, so double precision is enough (see {@link RemezExchange}).
 */
final class DenseLinearSolver {

  private DenseLinearSolver() {}

  /**
   * Solves A x = b in place: {@code a} (row-major n x n) and {@code b} are destroyed.
   *
   * @return x (a new array)
   * @throws IllegalStateException if A is numerically singular
   */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      if (a[piv][col] == 0.0 || !Double.isFinite(a[piv][col])) {
        throw new IllegalStateException("singular Remez system at column " + col + " of " + n);
      }
      double[] t = a[piv];
      a[piv] = a[col];
      a[col] = t;
      double tb = b[piv];
      b[piv] = b[col];
      b[col] = tb;
      double[] pr = a[col];
      double inv = 1.0 / pr[col];
      for (int r = col + 1; r < n; r++) {
        double[] row = a[r];
        double f = row[col] * inv;
        if (f != 0.0) {
          for (int c = col; c < n; c++) {
            row[c] -= f * pr[c];
          }
          b[r] -= f * b[col];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      double[] row = a[r];
      for (int c = r + 1; c < n; c++) {
        s -= row[c] * x[c];
      }
      x[r] = s / row[r];
    }
    return x;
  }
}
