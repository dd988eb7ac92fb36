package io.heformer.ckks.ring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Negacyclic number-theoretic transform mod one prime: a(X) in Z_q[X]/(X^N + 1) to its values at the
 * 2N-th primitive roots psi^(2 brv(k) + 1), stored at index k (bit-reversed order, as in SEAL and
 * Longa-Naehrig). Forward is Cooley-Tukey, inverse Gentleman-Sande, both with Harvey's lazy
 * butterflies: values stay in [0, 4q) (forward) or [0, 2q) (inverse) and twiddles are Shoup
 * constants, so a butterfly costs one high and two low multiplies and no division.
 *
 * <p>Tables are immutable and shared: {@link #of} caches one per (q, N).
 */
public final class Ntt {
  private static final Map<Key, Ntt> CACHE = new ConcurrentHashMap<>();

  /** Cache key: (q, logN) exactly (q * 64 + logN overflowed and collided for primes 2^58 k apart). */
  private record Key(long q, int logN) {}

  public final Modulus modulus;
  public final int logN;
  public final int n;
  /** psi^brv(k), k &lt; N, and Shoup companions. */
  private final long[] psiBr;
  private final long[] psiBrShoup;
  /** psi^-brv(k) and Shoup companions. */
  private final long[] psiInvBr;
  private final long[] psiInvBrShoup;
  private final long nInv;
  private final long nInvShoup;
  /** psi^-brv(1) / N: the last inverse stage's twiddle with the 1/N scaling folded in. */
  private final long lastInv;
  private final long lastInvShoup;
  /** The primitive 2N-th root. */
  public final long psi;

  private Ntt(Modulus m, int logN) {
    this.modulus = m;
    this.logN = logN;
    this.n = 1 << logN;
    this.psi = Primes.primitiveRoot2N(m, logN);
    long psiInv = m.inv(psi);
    psiBr = new long[n];
    psiBrShoup = new long[n];
    psiInvBr = new long[n];
    psiInvBrShoup = new long[n];
    long pw = 1;
    long pwInv = 1;
    for (int i = 0; i < n; i++) {
      int r = Integer.reverse(i) >>> (32 - logN);
      if (logN == 0) {
        r = 0;
      }
      psiBr[r] = pw;
      psiInvBr[r] = pwInv;
      pw = m.mul(pw, psi);
      pwInv = m.mul(pwInv, psiInv);
    }
    for (int i = 0; i < n; i++) {
      psiBrShoup[i] = m.shoup(psiBr[i]);
      psiInvBrShoup[i] = m.shoup(psiInvBr[i]);
    }
    nInv = m.inv(n);
    nInvShoup = m.shoup(nInv);
    lastInv = n > 1 ? m.mul(psiInvBr[1], nInv) : nInv;
    lastInvShoup = m.shoup(lastInv);
  }

  /** The shared tables for prime q and ring degree 2^logN. */
  public static Ntt of(long q, int logN) {
    return CACHE.computeIfAbsent(new Key(q, logN), k -> new Ntt(new Modulus(q), logN));
  }

  /** The evaluation exponent at index k: slot k of the transform holds a(psi^exponent(k)). */
  public static int exponent(int k, int logN) {
    int r = logN == 0 ? 0 : Integer.reverse(k) >>> (32 - logN);
    return 2 * r + 1;
  }

  /** In place, coefficients in [0, q) to evaluations in [0, q). */
  public void forward(long[] a) {
    final long q = modulus.q;
    final long twoQ = 2 * q;
    int t = n;
    for (int m = 1; m < n >> 1; m <<= 1) {
      t >>= 1;
      for (int i = 0; i < m; i++) {
        final int j1 = 2 * i * t;
        final int j2 = j1 + t;
        final long w = psiBr[m + i];
        final long ws = psiBrShoup[m + i];
        for (int j = j1; j < j2; j++) {
          long x = a[j];
          x = x >= twoQ ? x - twoQ : x;
          long y = a[j + t];
          y = y * w - Math.unsignedMultiplyHigh(y, ws) * q; // in [0, 2q)
          a[j] = x + y; // [0, 4q)
          a[j + t] = x - y + twoQ; // (0, 4q)
        }
      }
    }
    // Last stage (t = 1) fused with the final reduction to [0, q): one pass less over the limb.
    final int half = n >> 1;
    for (int i = 0; i < half; i++) {
      final int j = 2 * i;
      final long w = psiBr[half + i];
      final long ws = psiBrShoup[half + i];
      long x = a[j];
      x = x >= twoQ ? x - twoQ : x;
      long y = a[j + 1];
      y = y * w - Math.unsignedMultiplyHigh(y, ws) * q;
      long u = x + y; // [0, 4q)
      u = u >= twoQ ? u - twoQ : u;
      a[j] = u >= q ? u - q : u;
      long v = x - y + twoQ;
      v = v >= twoQ ? v - twoQ : v;
      a[j + 1] = v >= q ? v - q : v;
    }
  }

  /** In place, evaluations in [0, q) (or lazily [0, 2q)) to coefficients in [0, q). */
  public void inverse(long[] a) {
    final long q = modulus.q;
    final long twoQ = 2 * q;
    int t = 1;
    for (int m = n; m > 2; m >>= 1) {
      int j1 = 0;
      final int h = m >> 1;
      for (int i = 0; i < h; i++) {
        final int j2 = j1 + t;
        final long w = psiInvBr[h + i];
        final long ws = psiInvBrShoup[h + i];
        for (int j = j1; j < j2; j++) {
          long x = a[j];
          long y = a[j + t];
          long s = x + y;
          a[j] = s >= twoQ ? s - twoQ : s; // [0, 2q)
          long d = x - y + twoQ; // (0, 4q)
          a[j + t] = d * w - Math.unsignedMultiplyHigh(d, ws) * q; // [0, 2q)
        }
        j1 += 2 * t;
      }
      t <<= 1;
    }
    // Last stage (one twiddle) fused with the scaling by 1/N: (x + y)/N and (x - y) w/N.
    final int halfN = n >> 1;
    for (int j = 0; j < halfN; j++) {
      long x = a[j];
      long y = a[j + halfN];
      long s = x + y; // [0, 4q)
      long d = x - y + twoQ; // (0, 4q)
      long u = s * nInv - Math.unsignedMultiplyHigh(s, nInvShoup) * q;
      a[j] = u >= q ? u - q : u;
      long v = d * lastInv - Math.unsignedMultiplyHigh(d, lastInvShoup) * q;
      a[j + halfN] = v >= q ? v - q : v;
    }
  }
}
