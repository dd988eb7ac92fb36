package io.heformer.circuits.matrix;

import java.util.Random;

/**
 * Double-precision reference matrix operations on {@code double[rows][cols]}: what the tests and
 * {@code bench matmul} compare the encrypted products against. Simple loops, allocating; not for
 * hot paths.
 */
public final class DenseReference {
  private DenseReference() {}

  public static double[][] random(Random rnd, int rows, int cols, double scale) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int c = 0; c < cols; c++) {
        row[c] = scale * (2 * rnd.nextDouble() - 1);
      }
    }
    return m;
  }

  public static double[][] mul(double[][] a, double[][] b) {
    int n = a.length;
    int k = b.length;
    int m = b[0].length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        double v = a[i][t];
        for (int j = 0; j < m; j++) {
          c[i][j] += v * b[t][j];
        }
      }
    }
    return c;
  }

  public static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  /** Max |a - b| over the common top-left part of the two shapes, requiring b zero elsewhere. */
  public static double maxError(double[][] want, double[][] have) {
    double e = 0;
    for (int i = 0; i < have.length; i++) {
      for (int j = 0; j < have[0].length; j++) {
        double w = i < want.length && j < want[0].length ? want[i][j] : 0;
        e = Math.max(e, Math.abs(w - have[i][j]));
      }
    }
    return e;
  }

  /** The d x d block b (columns b d ..) of a d-row matrix, zero-padded. */
  public static double[][] block(double[][] a, int d, int b) {
    double[][] o = new double[d][d];
    for (int i = 0; i < Math.min(d, a.length); i++) {
      for (int j = 0; j < d; j++) {
        int c = b * d + j;
        o[i][j] = c < a[0].length ? a[i][c] : 0;
      }
    }
    return o;
  }
}
