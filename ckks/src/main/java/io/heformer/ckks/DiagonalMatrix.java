package io.heformer.ckks;

import java.util.Map;
import java.util.TreeMap;

/**
 * A complex W x W matrix stored by its non-zero generalised diagonals: y_t = sum_d diag_d[t] x_((t+d)
 * mod W). This is the form in which a linear map on slots is evaluated homomorphically (one rotation
 * by d and one plaintext product per diagonal), and the butterfly stages of the special FFT have
 * three diagonals each, so products of a few stages stay sparse. Plain double arithmetic, client and
 * server side alike (no secret involved).
 */
final class DiagonalMatrix {
  final int width;
  /** offset in [0, width) to {re[], im[]} of length width. */
  final TreeMap<Integer, double[][]> diagonals = new TreeMap<>();

  DiagonalMatrix(int width) {
    this.width = width;
  }

  /** The diagonal at an offset, created as zeros when absent. */
  double[][] diagonal(int offset) {
    return diagonals.computeIfAbsent(Math.floorMod(offset, width), k -> new double[2][width]);
  }

  /** Sets entry t of diagonal d to (re, im). */
  void set(int offset, int t, double re, double im) {
    double[][] d = diagonal(offset);
    d[0][t] = re;
    d[1][t] = im;
  }

  /** this * other: apply other first, then this. (AB)_f[t] = sum_(d+e=f) A_d[t] B_e[t+d]. */
  DiagonalMatrix times(DiagonalMatrix other) {
    if (other.width != width) {
      throw new IllegalArgumentException("matrix widths differ: " + width + " vs " + other.width);
    }
    DiagonalMatrix r = new DiagonalMatrix(width);
    for (Map.Entry<Integer, double[][]> a : diagonals.entrySet()) {
      int d = a.getKey();
      double[] ar = a.getValue()[0];
      double[] ai = a.getValue()[1];
      for (Map.Entry<Integer, double[][]> b : other.diagonals.entrySet()) {
        double[] br = b.getValue()[0];
        double[] bi = b.getValue()[1];
        double[][] out = r.diagonal(d + b.getKey());
        for (int t = 0; t < width; t++) {
          int s = (t + d) % width;
          out[0][t] += ar[t] * br[s] - ai[t] * bi[s];
          out[1][t] += ar[t] * bi[s] + ai[t] * br[s];
        }
      }
    }
    r.dropZeros();
    return r;
  }

  /** Multiplies every entry by the complex scalar (re + i im). */
  DiagonalMatrix scale(double re, double im) {
    for (double[][] d : diagonals.values()) {
      for (int t = 0; t < width; t++) {
        double x = d[0][t];
        double y = d[1][t];
        d[0][t] = x * re - y * im;
        d[1][t] = x * im + y * re;
      }
    }
    return this;
  }

  private void dropZeros() {
    diagonals.values().removeIf(d -> {
      for (int t = 0; t < width; t++) {
        if (d[0][t] != 0 || d[1][t] != 0) {
          return false;
        }
      }
      return true;
    });
  }

  /** y = M x on complex vectors {re, im} of length width (the plaintext reference). */
  double[][] apply(double[][] x) {
    double[][] y = new double[2][width];
    for (Map.Entry<Integer, double[][]> e : diagonals.entrySet()) {
      int d = e.getKey();
      double[] dr = e.getValue()[0];
      double[] di = e.getValue()[1];
      for (int t = 0; t < width; t++) {
        int s = (t + d) % width;
        y[0][t] += dr[t] * x[0][s] - di[t] * x[1][s];
        y[1][t] += dr[t] * x[1][s] + di[t] * x[0][s];
      }
    }
    return y;
  }

  /** The diagonal at offset d rotated by k: v_t = diag_d[(t + k) mod W] (for BSGS pre-rotation). */
  double[][] rotatedDiagonal(int offset, int k) {
    double[][] d = diagonals.get(Math.floorMod(offset, width));
    double[][] r = new double[2][width];
    for (int t = 0; t < width; t++) {
      int s = Math.floorMod(t + k, width);
      r[0][t] = d[0][s];
      r[1][t] = d[1][s];
    }
    return r;
  }

  /** The identity. */
  static DiagonalMatrix identity(int width) {
    DiagonalMatrix m = new DiagonalMatrix(width);
    double[][] d = m.diagonal(0);
    java.util.Arrays.fill(d[0], 1);
    return m;
  }
}
