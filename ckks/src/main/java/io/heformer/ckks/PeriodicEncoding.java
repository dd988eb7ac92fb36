package io.heformer.ckks;

import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Ntt;
import io.heformer.ckks.ring.Parallel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes a slot vector that repeats with a short period p as a plaintext of many more slots, at the
 * cost of a p-point encoding instead of a full one.
 *
 * <p>Why it works: a message encoded into p slots is a polynomial f(X^g) with g = (N/2)/p, and its
 * value at the root of slot j depends on j only modulo p, so read as S &gt;= p slots it is the p values
 * repeated S/p times. Its NTT needs only log2(2p) real butterfly stages (the coefficients sit at
 * multiples of g); the remaining stages copy. Matrix algebra uses this for weights and masks that
 * are the same in every row (PCMM diagonals are repeated over all tokens).
 *
 * <p>The result equals {@code encoder.encode(re, im, level, scale, p)} limb for limb, relabelled to
 * {@code slots} slots. Thread-safe; allocates the plaintext only.
 */
public final class PeriodicEncoding {
  private record TwiddleKey(long q, int logN, int m) {}

  private static final Map<TwiddleKey, long[]> TWIDDLES = new ConcurrentHashMap<>();

  private PeriodicEncoding() {}

  /**
   * @param re the p values of one period (p = re.length, a power of two dividing {@code slots})
   * @param im imaginary parts of length p, or null
   * @param slots the slot count of the result (the ciphertexts it multiplies)
   * @throws IllegalArgumentException if p does not divide slots or is not a power of two
   */
  public static Plaintext encode(Encoder encoder, double[] re, double[] im, int level, double scale, int slots) {
    CkksParameters params = encoder.params();
    int p = re.length;
    if (Integer.bitCount(p) != 1 || p > slots || slots > params.n() / 2 || slots % p != 0) {
      throw new IllegalArgumentException("cannot encode periodically: period " + p + " must be a power of two dividing "
          + slots + " slots (N/2=" + params.n() / 2 + ")");
    }
    if (im != null && im.length != p) {
      throw new IllegalArgumentException("cannot encode periodically: " + im.length + " imaginary parts for period " + p);
    }
    if (level < 0 || level > params.maxLevel()) {
      throw new IllegalArgumentException("cannot encode: level " + level + " outside [0, " + params.maxLevel() + "]");
    }
    double[] vr = re.clone();
    double[] vi = im == null ? new double[p] : im.clone();
    for (int i = 0; i < p; i++) {
      if (!Double.isFinite(vr[i]) || !Double.isFinite(vi[i])) {
        throw new IllegalArgumentException("cannot encode: non-finite value at slot " + i);
      }
    }
    encoder.specialFftInverse(vr, vi, p);
    int n = params.n();
    int gap = (n / 2) / p; // coefficient stride
    int m = 2 * p; // number of possibly non-zero coefficients: index = r * gap, r < m
    double[] c = new double[m];
    double max = 0;
    for (int i = 0; i < p; i++) {
      c[i] = Math.rint(vr[i] * scale);
      c[i + p] = Math.rint(vi[i] * scale);
      max = Math.max(max, Math.max(Math.abs(c[i]), Math.abs(c[i + p])));
    }
    double logMax = Math.log(Math.max(max, 1)) / Math.log(2);
    if (logMax >= params.logQ(level) - 1) {
      throw new HeException.ValueOverflowException(String.format(
          "cannot encode: a coefficient of 2^%.1f exceeds half the modulus 2^%.1f at level %d", logMax,
          params.logQ(level), level));
    }
    long[][] poly = new long[level + 1][];
    Parallel.forEach(level + 1, i -> poly[i] = sparseForward(params.nttQ(i), c, gap));
    return new Plaintext(params, poly, level, scale, slots);
  }

  /**
   * The NTT (bit-reversed, as {@link Ntt#forward}) of the polynomial with coefficient c[r] at X^(r gap):
   * the Cooley-Tukey stages with butterfly distance at least gap on the m = c.length live entries,
   * then each block of gap outputs is a copy of its first entry.
   */
  private static long[] sparseForward(Ntt ntt, double[] c, int gap) {
    Modulus mod = ntt.modulus;
    int n = ntt.n;
    int m = c.length;
    long[] tw = twiddles(ntt, m);
    long[] a = new long[n];
    for (int r = 0; r < m; r++) {
      a[r * gap] = c[r] == 0 ? 0 : mod.reduceDouble(c[r]);
    }
    for (int stage = 1; stage < m; stage <<= 1) {
      int t = n / (2 * stage);
      for (int i = 0; i < stage; i++) {
        int j1 = 2 * i * t;
        long w = tw[stage + i];
        for (int j = j1; j < j1 + t; j += gap) {
          long x = a[j];
          long y = mod.mul(a[j + t], w);
          a[j] = mod.add(x, y);
          a[j + t] = mod.sub(x, y);
        }
      }
    }
    for (int j = 0; j < n; j += gap) {
      long v = a[j];
      for (int k = 1; k < gap; k++) {
        a[j + k] = v;
      }
    }
    return a;
  }

  /** psi^brv_logN(k) for k &lt; m: the twiddles of the first log2(m) stages of {@link Ntt#forward}. */
  private static long[] twiddles(Ntt ntt, int m) {
    return TWIDDLES.computeIfAbsent(new TwiddleKey(ntt.modulus.q, ntt.logN, m), k -> {
      long[] t = new long[m];
      for (int i = 0; i < m; i++) {
        int r = ntt.logN == 0 ? 0 : Integer.reverse(i) >>> (32 - ntt.logN);
        t[i] = ntt.modulus.pow(ntt.psi, r);
      }
      return t;
    });
  }
}
