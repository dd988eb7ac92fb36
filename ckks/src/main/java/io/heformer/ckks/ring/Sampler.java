package io.heformer.ckks.ring;

/** Samplers of the small and uniform polynomials of RLWE, all drawing from a {@link Prng}. */
public final class Sampler {
  /** Gaussian tails are cut at this many standard deviations (as SEAL and OpenFHE do). */
  public static final double TAIL_CUT = 6.0;

  private Sampler() {}

  /** Uniform ternary coefficients in {-1, 0, 1}. */
  public static int[] ternary(Prng prng, int n) {
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = (int) prng.nextBelow(3) - 1;
    }
    return s;
  }

  /** Ternary coefficients with exactly h non-zero entries, each +-1, at uniformly random positions. */
  public static int[] sparseTernary(Prng prng, int n, int h) {
    if (h < 1 || h > n) {
      throw new IllegalArgumentException("Hamming weight must be in [1, N]: " + h);
    }
    int[] s = new int[n];
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < h; i++) { // partial Fisher-Yates shuffle
      int j = i + (int) prng.nextBelow(n - i);
      int tmp = idx[i];
      idx[i] = idx[j];
      idx[j] = tmp;
      s[idx[i]] = (prng.nextLong() & 1) == 0 ? 1 : -1;
    }
    return s;
  }

  /** Rounded Gaussian coefficients of standard deviation sigma, cut at {@link #TAIL_CUT} sigma. */
  public static int[] gaussian(Prng prng, int n, double sigma) {
    int[] e = new int[n];
    double bound = TAIL_CUT * sigma;
    for (int i = 0; i < n; i += 2) {
      double g0;
      double g1;
      do { // Box-Muller: two independent normals per draw
        double u1 = 1.0 - prng.nextDouble();
        double u2 = prng.nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1)) * sigma;
        g0 = r * Math.cos(2 * Math.PI * u2);
        g1 = r * Math.sin(2 * Math.PI * u2);
      } while (Math.abs(g0) > bound || Math.abs(g1) > bound);
      e[i] = (int) Math.round(g0);
      if (i + 1 < n) {
        e[i + 1] = (int) Math.round(g1);
      }
    }
    return e;
  }

  /** A uniform polynomial mod q (in any domain: the NTT is a bijection). */
  public static void uniform(Prng prng, Modulus m, long[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = prng.nextBelow(m.q);
    }
  }
}
