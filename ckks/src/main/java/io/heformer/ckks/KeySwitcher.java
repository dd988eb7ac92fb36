package io.heformer.ckks;

import io.heformer.ckks.ring.BaseConverter;
import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Parallel;

/**
 * Hybrid key switching (Han-Ki; dnum digits, special primes P), split into its three phases so that
 * rotations can be hoisted:
 *
 * <ol>
 *   <li>{@link #decompose}: split d into its digits [d]_{Q_j}, and ModUp each to Q_level u P
 *       (one inverse NTT of d, one base conversion and the forward NTTs per digit);
 *   <li>{@link #innerProduct}: sum_j sigma(d_j) (b_j, a_j), where sigma is an optional automorphism
 *       applied on the fly as an NTT-domain permutation (the hoisted part of a rotation), accumulated
 *       exactly in 128 bits and reduced once per coefficient;
 *   <li>{@link #modDown}: divide by P back to Q_level.
 * </ol>
 *
 * <p>Correctness at a lowered level: the key's gadget factor on prime q_i is P if q_i is in digit j
 * and 0 otherwise, so the same key serves every level by dropping limbs.
 */
final class KeySwitcher {
  private final CkksParameters params;

  KeySwitcher(CkksParameters params) {
    this.params = params;
  }

  /** The extended digits of an NTT-domain polynomial over Q_level: [digit][ext limb][coefficient]. */
  long[][][] decompose(long[][] polyNtt, int level) {
    final int n = params.n();
    final int ext = level + 1 + params.pCount();
    final int beta = params.digitsAt(level);
    final int alpha = params.alpha();
    final long[][] coeff = new long[level + 1][];
    Parallel.forEach(level + 1, i -> {
      coeff[i] = polyNtt[i].clone();
      params.nttQ(i).inverse(coeff[i]);
    });
    long[][][] out = new long[beta][ext][];
    for (int j = 0; j < beta; j++) {
      final int lo = j * alpha;
      final int hi = Math.min((j + 1) * alpha, level + 1);
      BaseConverter conv = params.modUpConverter(level, j);
      long[][] in = new long[hi - lo][];
      System.arraycopy(coeff, lo, in, 0, hi - lo);
      long[][] targets = new long[conv.toSize()][n];
      conv.convert(in, targets, new long[hi - lo][n]);
      final long[][] dj = out[j];
      int tt = 0;
      for (int t = 0; t < ext; t++) {
        dj[t] = (t >= lo && t < hi) ? polyNtt[t] : targets[tt++]; // own limbs: the input itself, read-only
      }
      Parallel.forEach(ext, t -> {
        if (t < lo || t >= hi) {
          params.extNtt(level, t).forward(dj[t]);
        }
      });
    }
    return out;
  }

  /**
   * (out0, out1) = sum_j sigma(d_j) (b_j, a_j) over Q_level u P, sigma given by an NTT-domain
   * permutation (null for the identity).
   */
  void innerProduct(long[][][] digits, SwitchingKey key, int[] perm, int level, long[][] out0, long[][] out1) {
    final int beta = digits.length;
    final int ext = level + 1 + params.pCount();
    final int n = params.n();
    final boolean small = beta <= 8; // the 128-bit sums' high words stay below q
    Parallel.forEach(ext, t -> {
      Modulus m = params.extModulus(level, t);
      int u = params.keyIndex(level, t);
      long[] o0 = out0[t];
      long[] o1 = out1[t];
      long[][] d = new long[beta][];
      long[][] kb = new long[beta][];
      long[][] ka = new long[beta][];
      for (int j = 0; j < beta; j++) {
        d[j] = digits[j][t];
        kb[j] = key.b[j][u];
        ka[j] = key.a[j][u];
      }
      for (int c = 0; c < n; c++) {
        int src = perm == null ? c : perm[c];
        long lo0 = 0;
        long hi0 = 0;
        long lo1 = 0;
        long hi1 = 0;
        for (int j = 0; j < beta; j++) {
          long x = d[j][src];
          long y0 = kb[j][c];
          long y1 = ka[j][c];
          long p0 = x * y0;
          long p1 = x * y1;
          lo0 += p0;
          hi0 += Math.unsignedMultiplyHigh(x, y0) + (Long.compareUnsigned(lo0, p0) < 0 ? 1 : 0);
          lo1 += p1;
          hi1 += Math.unsignedMultiplyHigh(x, y1) + (Long.compareUnsigned(lo1, p1) < 0 ? 1 : 0);
        }
        o0[c] = small ? m.reduce128Small(hi0, lo0) : m.reduce128(hi0, lo0);
        o1[c] = small ? m.reduce128Small(hi1, lo1) : m.reduce128(hi1, lo1);
      }
    });
  }

  /** out (NTT over Q_level) = round(ext / P) for ext in NTT over Q_level u P; out may alias ext. */
  void modDown(long[][] ext, int level, long[][] out) {
    final int k = params.pCount();
    final int n = params.n();
    final long[][] pCoeff = new long[k][];
    Parallel.forEach(k, j -> {
      pCoeff[j] = ext[level + 1 + j].clone();
      params.nttP(j).inverse(pCoeff[j]);
    });
    final long[][] conv = new long[level + 1][n];
    params.modDownConverter(level).convert(pCoeff, conv, new long[k][n], true);
    Parallel.forEach(level + 1, i -> {
      params.nttQ(i).forward(conv[i]);
      Modulus m = params.q(i);
      long w = params.pInvModQ(i);
      long ws = params.pInvModQShoup(i);
      long[] e = ext[i];
      long[] cv = conv[i];
      long[] o = out[i];
      for (int c = 0; c < n; c++) {
        o[c] = m.mulShoup(m.sub(e[c], cv[c]), w, ws);
      }
    });
  }

  /** Switches d (NTT over Q_level) under key, optionally after the automorphism perm: returns (ks0, ks1) over Q_level. */
  long[][][] switchKey(long[][] d, SwitchingKey key, int[] perm, int level) {
    return switchDecomposed(decompose(d, level), key, perm, level);
  }

  long[][][] switchDecomposed(long[][][] digits, SwitchingKey key, int[] perm, int level) {
    int ext = level + 1 + params.pCount();
    long[][] e0 = new long[ext][params.n()];
    long[][] e1 = new long[ext][params.n()];
    innerProduct(digits, key, perm, level, e0, e1);
    modDown(e0, level, e0);
    modDown(e1, level, e1);
    long[][] r0 = new long[level + 1][];
    long[][] r1 = new long[level + 1][];
    System.arraycopy(e0, 0, r0, 0, level + 1);
    System.arraycopy(e1, 0, r1, 0, level + 1);
    return new long[][][] {r0, r1};
  }
}
