package io.heformer.ckks;

import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Ntt;
import io.heformer.ckks.ring.Parallel;

/** Limb-wise polynomial arithmetic over an RNS basis, parallel across limbs. */
final class PolyOps {
  private PolyOps() {}

  /** Small signed coefficients into NTT-domain limbs over the first {@code count} primes of the chain. */
  static long[][] smallToNtt(int[] coeffs, int count, java.util.function.IntFunction<Ntt> ntt) {
    int n = coeffs.length;
    long[][] out = new long[count][n];
    Parallel.forEach(count, i -> {
      Ntt t = ntt.apply(i);
      long q = t.modulus.q;
      long[] limb = out[i];
      for (int c = 0; c < n; c++) {
        int v = coeffs[c];
        limb[c] = v >= 0 ? v : q + v;
      }
      t.forward(limb);
    });
    return out;
  }

  /** out[i] = a[i] * b[i] mod q_i, i &lt; count (out may alias a or b). */
  static void mul(long[][] a, long[][] b, long[][] out, int count, java.util.function.IntFunction<Modulus> mod) {
    Parallel.forEach(count, i -> {
      Modulus m = mod.apply(i);
      long[] x = a[i];
      long[] y = b[i];
      long[] o = out[i];
      for (int c = 0; c < x.length; c++) {
        o[c] = m.mul(x[c], y[c]);
      }
    });
  }

  static void add(long[][] a, long[][] b, long[][] out, int count, java.util.function.IntFunction<Modulus> mod) {
    Parallel.forEach(count, i -> {
      long q = mod.apply(i).q;
      long[] x = a[i];
      long[] y = b[i];
      long[] o = out[i];
      for (int c = 0; c < x.length; c++) {
        long s = x[c] + y[c];
        o[c] = s >= q ? s - q : s;
      }
    });
  }

  static void sub(long[][] a, long[][] b, long[][] out, int count, java.util.function.IntFunction<Modulus> mod) {
    Parallel.forEach(count, i -> {
      long q = mod.apply(i).q;
      long[] x = a[i];
      long[] y = b[i];
      long[] o = out[i];
      for (int c = 0; c < x.length; c++) {
        long d = x[c] - y[c];
        o[c] = d < 0 ? d + q : d;
      }
    });
  }

  static void neg(long[][] a, long[][] out, int count, java.util.function.IntFunction<Modulus> mod) {
    Parallel.forEach(count, i -> {
      long q = mod.apply(i).q;
      long[] x = a[i];
      long[] o = out[i];
      for (int c = 0; c < x.length; c++) {
        o[c] = x[c] == 0 ? 0 : q - x[c];
      }
    });
  }

  /** out[i] = a[i] * k_i mod q_i for one constant per limb (Shoup). */
  static void mulScalar(long[][] a, long[] k, long[][] out, int count, java.util.function.IntFunction<Modulus> mod) {
    Parallel.forEach(count, i -> {
      Modulus m = mod.apply(i);
      long w = k[i];
      long ws = m.shoup(w);
      long[] x = a[i];
      long[] o = out[i];
      for (int c = 0; c < x.length; c++) {
        o[c] = m.mulShoup(x[c], w, ws);
      }
    });
  }

  static long[][] copy(long[][] a, int count) {
    long[][] r = new long[count][];
    for (int i = 0; i < count; i++) {
      r[i] = a[i].clone();
    }
    return r;
  }
}
