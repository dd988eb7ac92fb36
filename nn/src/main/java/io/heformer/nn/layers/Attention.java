package io.heformer.nn.layers;

import io.heformer.nn.nonlinear.NonlinearFunction;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.tensor.MatMul;
import io.heformer.nn.tensor.Matrix;
import io.heformer.nn.tensor.Parallel;

/**
 * Multi-head attention without projections: Q, K, V (N, C) in, the concatenated head outputs (N,
 * C) out. Head h of example b uses rows {@code [b T, (b+1) T)} and columns {@code [h d, (h+1) d)},
 * {@code d = C / H}. M is the additive padding mask, {@code M_ij = mask[b, j]} (0 for real keys,
 * e.g. -10000 for padding).
 *
 * <p>{@link AttentionKind#GAUSSIAN_KERNEL} (paper §5.1): {@code Z_ij = -(|q_i|^2 + |k_j|^2 - 2 q_i
 * . k_j) / (2 sqrt d) + M_ij}, {@code S = exp(Z)}, {@code O = S V}. Backward (paper §10): {@code dV
 * += S^T G}, {@code P = (G V^T) * S}, {@code dQ += (P K - diag(P 1) Q) / sqrt d}, {@code dK += (P^T
 * Q - diag(P^T 1) K) / sqrt d}.
 *
 * <p>{@link AttentionKind#SOFTMAX}: {@code Z_ij = q_i . k_j / sqrt d + M_ij}, {@code A =
 * softmax_j(Z)} (exp of {@code Z - max}, then {@link NonlinearFunction#RECIPROCAL} of the row sum),
 * {@code O = A V}. Backward: {@code dV += A^T G}, {@code dZ = A * (G V^T - rowsum(A * G V^T))},
 * {@code dQ += dZ K / sqrt d}, {@code dK += dZ^T Q / sqrt d}.
 *
 * <p>Saved for backward: S or A, as {@code scores} (B H T, T); the caller keeps Q, K, V. The (b, h)
 * pairs run in parallel and write disjoint rows and columns.
 */
public final class Attention {

  private Attention() {}

  /**
   * Computes the attention output.
   *
   * @param out (N, C), overwritten
   * @param scores saved S (Gaussian kernel) or A (softmax), (B H T, T), overwritten
   * @param scratch (B H T, 1), overwritten
   * @param q (N, C)
   * @param k (N, C)
   * @param v (N, C)
   * @param mask additive key mask (B, T)
   * @param heads H, must divide C
   * @param kind which kernel
   * @param nl EXP (and RECIPROCAL for softmax) at {@code site + ".exp"} / {@code ".reciprocal"}
   * @param site call-site prefix, e.g. {@code "layer0.attention"}
   */
  public static void forward(
      Matrix out, Matrix scores, Matrix scratch, Matrix q, Matrix k, Matrix v, Matrix mask,
      int heads, AttentionKind kind, Nonlinearities nl, String site) {
    int batch = mask.rows();
    int t = mask.cols();
    int c = q.cols();
    checkShapes(q, k, v, out, scores, scratch, batch, t, heads);
    int d = c / heads;
    String expSite = site + ".exp";
    String recSite = site + ".reciprocal";
    Parallel.forRange(
        batch * heads,
        bh -> {
          int b = bh / heads;
          int h = bh % heads;
          int qo = q.rowOffset(b * t) + h * d;
          int ko = k.rowOffset(b * t) + h * d;
          int vo = v.rowOffset(b * t) + h * d;
          int so = scores.rowOffset(bh * t);
          double[] s = scores.data();
          if (kind == AttentionKind.GAUSSIAN_KERNEL) {
            gaussianScores(s, so, scratch, bh * t, q.data(), qo, k.data(), ko, c, t, d, mask, b);
            nl.apply(NonlinearFunction.EXP, expSite, s, so, s, so, t * t);
          } else {
            softmaxScores(s, so, scratch, bh * t, q.data(), qo, k.data(), ko, c, t, d, mask, b,
                nl, expSite, recSite);
          }
          MatMul.gemm(false, false, t, d, t, s, so, t, v.data(), vo, c, false,
              out.data(), out.rowOffset(b * t) + h * d, c);
        });
  }

  /**
   * Accumulates the gradients of {@link #forward}.
   *
   * @param dq (N, C), accumulated
   * @param dk (N, C), accumulated
   * @param dv (N, C), accumulated
   * @param dScores scratch (B H T, T), overwritten
   * @param dOut (N, C)
   * @param q forward input
   * @param k forward input
   * @param v forward input
   * @param scores saved S or A
   * @param batch B
   * @param heads H
   * @param kind the kernel used in forward
   */
  public static void backward(
      Matrix dq, Matrix dk, Matrix dv, Matrix dScores, Matrix dOut, Matrix q, Matrix k, Matrix v,
      Matrix scores, int batch, int heads, AttentionKind kind) {
    backward(dq, dk, dv, dScores, dOut, q, k, v, scores, batch, heads, kind, null);
  }

  /**
   * As {@link #backward(Matrix, Matrix, Matrix, Matrix, Matrix, Matrix, Matrix, Matrix, Matrix,
   * int, int, AttentionKind)}, with the gradient {@code dZ} (B H T, T) of a further loss term on
   * the exponents Z (e.g. an attention-map distillation loss), added to the output's before Q and
   * K receive it; null for none. Padded keys' entries should be 0.
   */
  public static void backward(
      Matrix dq, Matrix dk, Matrix dv, Matrix dScores, Matrix dOut, Matrix q, Matrix k, Matrix v,
      Matrix scores, int batch, int heads, AttentionKind kind, Matrix dZ) {
    int c = q.cols();
    int t = q.rows() / batch;
    int d = c / heads;
    double invSqrtD = 1.0 / Math.sqrt(d);
    Parallel.forRange(
        batch * heads,
        bh -> {
          int b = bh / heads;
          int h = bh % heads;
          int row = b * t;
          int col = h * d;
          int so = scores.rowOffset(bh * t);
          int po = dScores.rowOffset(bh * t);
          double[] s = scores.data();
          double[] p = dScores.data();
          int go = dOut.rowOffset(row) + col;
          // dV += S^T G
          MatMul.gemm(true, false, t, d, t, s, so, t, dOut.data(), go, c, true,
              dv.data(), dv.rowOffset(row) + col, c);
          // dS = G V^T
          MatMul.gemm(false, true, t, t, d, dOut.data(), go, c, v.data(), v.rowOffset(row) + col,
              c, false, p, po, t);
          if (kind == AttentionKind.GAUSSIAN_KERNEL) {
            for (int i = 0; i < t * t; i++) {
              p[po + i] *= s[so + i];
            }
            addExtra(p, po, dZ, bh * t, t);
            subtractDiagonalTerm(p, po, t, false, q, row, col, d, invSqrtD, dq);
            subtractDiagonalTerm(p, po, t, true, k, row, col, d, invSqrtD, dk);
          } else {
            for (int i = 0; i < t; i++) {
              int r = i * t;
              double dot = 0;
              for (int j = 0; j < t; j++) {
                dot += s[so + r + j] * p[po + r + j];
              }
              for (int j = 0; j < t; j++) {
                p[po + r + j] = s[so + r + j] * (p[po + r + j] - dot);
              }
            }
            addExtra(p, po, dZ, bh * t, t);
          }
          // dQ += P K / sqrt d ; dK += P^T Q / sqrt d
          MatMul.gemm(false, false, t, d, t, invSqrtD, p, po, t, k.data(), k.rowOffset(row) + col,
              c, true, dq.data(), dq.rowOffset(row) + col, c);
          MatMul.gemm(true, false, t, d, t, invSqrtD, p, po, t, q.data(), q.rowOffset(row) + col,
              c, true, dk.data(), dk.rowOffset(row) + col, c);
        });
  }

  /** P += rows [from, from + t) of dZ, if any. */
  private static void addExtra(double[] p, int po, Matrix dZ, int from, int t) {
    if (dZ == null) {
      return;
    }
    double[] z = dZ.data();
    int zo = dZ.rowOffset(from);
    for (int i = 0; i < t * t; i++) {
      p[po + i] += z[zo + i];
    }
  }

  /** Z_ij = (2 q_i.k_j - |q_i|^2 - |k_j|^2) / (2 sqrt d) + mask_j, into s. */
  private static void gaussianScores(
      double[] s, int so, Matrix scratch, int scratchRow, double[] q, int qo, double[] k, int ko,
      int c, int t, int d, Matrix mask, int b) {
    MatMul.gemm(false, true, t, t, d, q, qo, c, k, ko, c, false, s, so, t);
    double[] kk = scratch.data();
    int kko = scratch.rowOffset(scratchRow);
    for (int j = 0; j < t; j++) {
      kk[kko + j] = squaredNorm(k, ko + j * c, d);
    }
    double inv = 1.0 / (2.0 * Math.sqrt(d));
    double[] m = mask.data();
    int mo = mask.rowOffset(b);
    for (int i = 0; i < t; i++) {
      double qq = squaredNorm(q, qo + i * c, d);
      int r = so + i * t;
      for (int j = 0; j < t; j++) {
        s[r + j] = (2.0 * s[r + j] - qq - kk[kko + j]) * inv + m[mo + j];
      }
    }
  }

  /** A = softmax_j(q_i.k_j / sqrt d + mask_j), into s. */
  private static void softmaxScores(
      double[] s, int so, Matrix scratch, int scratchRow, double[] q, int qo, double[] k, int ko,
      int c, int t, int d, Matrix mask, int b, Nonlinearities nl, String expSite,
      String recSite) {
    MatMul.gemm(false, true, t, t, d, 1.0 / Math.sqrt(d), q, qo, c, k, ko, c, false, s, so, t);
    double[] m = mask.data();
    int mo = mask.rowOffset(b);
    for (int i = 0; i < t; i++) {
      int r = so + i * t;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < t; j++) {
        s[r + j] += m[mo + j];
        max = Math.max(max, s[r + j]);
      }
      for (int j = 0; j < t; j++) {
        s[r + j] -= max;
      }
    }
    nl.apply(NonlinearFunction.EXP, expSite, s, so, s, so, t * t);
    double[] sum = scratch.data();
    int sumo = scratch.rowOffset(scratchRow);
    for (int i = 0; i < t; i++) {
      double acc = 0;
      for (int j = 0; j < t; j++) {
        acc += s[so + i * t + j];
      }
      sum[sumo + i] = acc;
    }
    nl.apply(NonlinearFunction.RECIPROCAL, recSite, sum, sumo, sum, sumo, t);
    for (int i = 0; i < t; i++) {
      double inv = sum[sumo + i];
      for (int j = 0; j < t; j++) {
        s[so + i * t + j] *= inv;
      }
    }
  }

  /**
   * {@code dx_i -= (sum over the other index of P) x_i / sqrt d}: the diagonal term of the
   * Gaussian-kernel gradient; rows of P for Q ({@code columns == false}), columns for K.
   */
  private static void subtractDiagonalTerm(
      double[] p, int po, int t, boolean columns, Matrix x, int row, int col, int d,
      double invSqrtD, Matrix dx) {
    double[] xd = x.data();
    double[] g = dx.data();
    for (int i = 0; i < t; i++) {
      double sum = 0;
      for (int j = 0; j < t; j++) {
        sum += columns ? p[po + j * t + i] : p[po + i * t + j];
      }
      double f = sum * invSqrtD;
      int xo = x.rowOffset(row + i) + col;
      int go = dx.rowOffset(row + i) + col;
      for (int e = 0; e < d; e++) {
        g[go + e] -= f * xd[xo + e];
      }
    }
  }

  private static double squaredNorm(double[] a, int o, int d) {
    double s = 0;
    for (int e = 0; e < d; e++) {
      s += a[o + e] * a[o + e];
    }
    return s;
  }

  private static void checkShapes(
      Matrix q, Matrix k, Matrix v, Matrix out, Matrix scores, Matrix scratch, int batch, int t,
      int heads) {
    int n = batch * t;
    int c = q.cols();
    if (heads < 1 || c % heads != 0) {
      throw new IllegalArgumentException("heads " + heads + " must divide width " + c);
    }
    for (Matrix m : new Matrix[] {q, k, v, out}) {
      if (m.rows() != n || m.cols() != c) {
        throw new IllegalArgumentException(
            "attention operand (" + m.rows() + ", " + m.cols() + ") != (" + n + ", " + c + ")");
      }
    }
    if (scores.rows() < batch * heads * t || scores.cols() != t || scratch.rows() < n * heads) {
      throw new IllegalArgumentException(
          "attention score buffer (" + scores.rows() + ", " + scores.cols() + ") too small for B="
              + batch + " H=" + heads + " T=" + t);
    }
  }
}
