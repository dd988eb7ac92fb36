package io.heformer.ckks.ring;

/**
 * Fast (approximate) RNS base conversion from basis A = {a_i} to basis B = {b_j} (Bajard et al.;
 * Halevi-Polyakov-Shoup): x = sum_i [x_i (A/a_i)^-1]_{a_i} (A/a_i) - u A with a small u in [0, |A|).
 * The u A term is harmless where it is used (ModUp of a key-switching digit, ModDown, rescale),
 * because it is either a multiple of the digit modulus or divided away afterwards.
 *
 * <p>Inner sums accumulate exact 128-bit products and reduce once per output coefficient
 * (Montgomery, with the constants stored times 2^64 so the reduction yields the plain value).
 */
public final class BaseConverter {
  private final Modulus[] from;
  private final Modulus[] to;
  /** (A/a_i)^-1 mod a_i and Shoup companions. */
  private final long[] hatInv;
  private final long[] hatInvShoup;
  /** [(A/a_i) 2^64]_{b_j}, indexed [j][i]. */
  private final long[][] hatModTo;
  /** 1/a_i, and [-v A]_{b_j} for v = 0..|A| for the exact (centred) conversion. */
  private final double[] invFrom;
  private final long[][] minusMultiplesOfA;
  /** True when sum_i a_i &lt; 2^64: every 128-bit sum then has a high word below b_j (no reduction). */
  private final boolean smallSums;

  public BaseConverter(Modulus[] from, Modulus[] to) {
    this.from = from.clone();
    this.to = to.clone();
    int m = from.length;
    hatInv = new long[m];
    hatInvShoup = new long[m];
    for (int i = 0; i < m; i++) {
      long prod = 1; // (A/a_i) mod a_i
      for (int k = 0; k < m; k++) {
        if (k != i) {
          prod = from[i].mul(prod, from[i].reduce(from[k].q));
        }
      }
      hatInv[i] = from[i].inv(prod);
      hatInvShoup[i] = from[i].shoup(hatInv[i]);
    }
    hatModTo = new long[to.length][m];
    for (int j = 0; j < to.length; j++) {
      Modulus b = to[j];
      long r = b.reduceUnsigned(Long.MIN_VALUE); // 2^63 mod b
      r = b.add(r, r); // 2^64 mod b
      for (int i = 0; i < m; i++) {
        long prod = 1;
        for (int k = 0; k < m; k++) {
          if (k != i) {
            prod = b.mul(prod, b.reduce(from[k].q));
          }
        }
        hatModTo[j][i] = b.mul(prod, r);
      }
    }
    invFrom = new double[m];
    for (int i = 0; i < m; i++) {
      invFrom[i] = 1.0 / from[i].q;
    }
    long[] minusA = minusProduct(from, to);
    minusMultiplesOfA = new long[to.length][m + 1];
    for (int j = 0; j < to.length; j++) {
      for (int v = 1; v <= m; v++) {
        minusMultiplesOfA[j][v] = to[j].add(minusMultiplesOfA[j][v - 1], minusA[j]);
      }
    }
    double sum = 0;
    for (Modulus a : from) {
      sum += a.q;
    }
    smallSums = sum < 0x1p63;
  }

  private static long[] minusProduct(Modulus[] from, Modulus[] to) {
    long[] r = new long[to.length];
    for (int j = 0; j < to.length; j++) {
      long prod = 1;
      for (Modulus a : from) {
        prod = to[j].mul(prod, to[j].reduce(a.q));
      }
      r[j] = to[j].neg(prod);
    }
    return r;
  }

  public int fromSize() {
    return from.length;
  }

  public int toSize() {
    return to.length;
  }

  /**
   * Converts coefficient-domain limbs in[i] (mod a_i, values in [0, a_i)) into out[j] (mod b_j).
   *
   * @param scratch from.length arrays of N longs, overwritten
   */
  public void convert(long[][] in, long[][] out, long[][] scratch) {
    convert(in, out, scratch, false);
  }

  /**
   * Like {@link #convert}, but exact and centred when {@code exact}: the overflow count
   * v = round(sum_i y_i / a_i) is estimated in double precision and v A subtracted
   * (Halevi-Polyakov-Shoup), so the output is the representative of x in [-A/2, A/2). ModDown uses
   * it: the approximate form leaves a biased error of up to |A| per coefficient after dividing by P.
   */
  public void convert(long[][] in, long[][] out, long[][] scratch, boolean exact) {
    final int m = from.length;
    final int n = in[0].length;
    Parallel.forEach(
        m,
        i -> {
          Modulus a = from[i];
          long w = hatInv[i];
          long ws = hatInvShoup[i];
          long[] x = in[i];
          long[] y = scratch[i];
          for (int c = 0; c < n; c++) {
            y[c] = a.mulShoup(x[c], w, ws);
          }
        });
    // The overflow count v = round(sum_i y_i / a_i) is the same for every target: compute it once.
    final int[] over = exact ? new int[n] : null;
    if (exact) {
      for (int c = 0; c < n; c++) {
        double f = 0;
        for (int i = 0; i < m; i++) {
          f += scratch[i][c] * invFrom[i];
        }
        over[c] = (int) (f + 0.5); // f in [0, m)
      }
    }
    Parallel.forEach(
        to.length,
        j -> {
          Modulus b = to[j];
          long[] cj = hatModTo[j];
          long[] minusV = minusMultiplesOfA[j];
          long[] o = out[j];
          for (int c = 0; c < n; c++) {
            long lo = 0;
            long hi = 0;
            for (int i = 0; i < m; i++) {
              long y = scratch[i][c];
              long pl = y * cj[i];
              long ph = Math.unsignedMultiplyHigh(y, cj[i]);
              lo += pl;
              hi += ph + (Long.compareUnsigned(lo, pl) < 0 ? 1 : 0);
            }
            long v = b.montgomeryReduce(smallSums ? hi : b.reduceUnsigned(hi), lo);
            o[c] = exact ? b.add(v, minusV[over[c]]) : v;
          }
        });
  }
}
