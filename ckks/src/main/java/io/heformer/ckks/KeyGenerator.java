package io.heformer.ckks;

import io.heformer.ckks.HeException.ParameterMismatchException;
import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Parallel;
import io.heformer.ckks.ring.Prng;
import io.heformer.ckks.ring.Sampler;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Generates the secret key (client side) and, from it, the public key and the evaluation keys that
 * go to the server. Randomness comes from AES-CTR streams seeded by {@link java.security.SecureRandom}.
 */
public final class KeyGenerator {
  private final CkksParameters params;
  private final Prng prng;

  public KeyGenerator(CkksParameters params) {
    this.params = params;
    this.prng = Prng.fresh();
  }

  /** A new secret key of the parameters' distribution (dense or sparse ternary). */
  public SecretKey genSecretKey() {
    int n = params.n();
    int h = params.secret().hammingWeight();
    int[] s = h == 0 ? Sampler.ternary(prng, n) : Sampler.sparseTernary(prng, n, h);
    return new SecretKey(params, s, PolyOps.smallToNtt(s, params.fullSize(), params::fullNtt));
  }

  /**
   * The public key (-a s + e, a) over the full basis Q u P: encryption works in Q u P and divides by P
   * at the end, so the public-key noise shrinks to rounding noise (as Lattigo does).
   */
  public synchronized PublicKey genPublicKey(SecretKey sk) {
    check(sk);
    int count = params.fullSize();
    long[][] a = new long[count][params.n()];
    for (int i = 0; i < count; i++) {
      Sampler.uniform(prng, params.fullModulus(i), a[i]);
    }
    long[][] b = PolyOps.smallToNtt(Sampler.gaussian(prng, params.n(), params.sigma()), count, params::fullNtt);
    // b = e - a s
    Parallel.forEach(count, i -> {
      Modulus m = params.fullModulus(i);
      long[] bi = b[i];
      long[] ai = a[i];
      long[] si = sk.ntt[i];
      for (int c = 0; c < bi.length; c++) {
        bi[c] = m.sub(bi[c], m.mul(ai[c], si[c]));
      }
    });
    return new PublicKey(params, b, a);
  }

  /** The relinearisation key, switching s^2 to s. */
  public SwitchingKey genRelinearizationKey(SecretKey sk) {
    check(sk);
    long[][] s2 = new long[params.fullSize()][params.n()];
    PolyOps.mul(sk.ntt, sk.ntt, s2, params.fullSize(), params::fullModulus);
    return genSwitchingKey(sk.ntt, s2, 0);
  }

  /** The relinearisation key truncated to levels 0..maxLevel (see {@link #genSwitchingKey(long[][], long[][], int, int)}). */
  SwitchingKey genRelinearizationKey(SecretKey sk, int maxLevel) {
    check(sk);
    long[][] s2 = new long[params.fullSize()][params.n()];
    PolyOps.mul(sk.ntt, sk.ntt, s2, params.fullSize(), params::fullModulus);
    return genSwitchingKey(sk.ntt, s2, 0, maxLevel);
  }

  /**
   * The Galois key for X -> X^g. It is stored in the form the evaluator uses: a key switching s to
   * sigma_g^-1(s), so that a rotation key-switches c_1 first and applies sigma_g to the two output
   * polynomials only (a sequential permutation), instead of gathering every digit through sigma_g.
   */
  public SwitchingKey genGaloisKey(SecretKey sk, int g) {
    return genGaloisKey(sk, g, params.maxLevel());
  }

  /** The Galois key for X -> X^g, usable on ciphertexts up to {@code maxLevel} only (smaller). */
  SwitchingKey genGaloisKey(SecretKey sk, int g, int maxLevel) {
    check(sk);
    if ((g & 1) == 0 || g <= 0 || g >= 2 * params.n()) {
      throw new IllegalArgumentException("Galois element must be odd and in (0, 2N): " + g);
    }
    int gInv = inverseMod2N(g);
    int[] perm = Galois.nttPermutation(gInv, params.logN());
    long[][] target = new long[params.fullSize()][params.n()];
    for (int u = 0; u < params.fullSize(); u++) {
      Galois.apply(sk.ntt[u], target[u], perm);
    }
    return genSwitchingKey(target, sk.ntt, g, maxLevel);
  }

  private int inverseMod2N(int g) {
    int m = 2 * params.n();
    for (long k = 1, p = g; k < m; k++, p = p * g % m) {
      if (p * g % m == 1) {
        return (int) p;
      }
    }
    throw new IllegalStateException("no inverse of " + g + " mod 2N");
  }

  /**
   * Evaluation keys for relinearisation, the given left-rotation amounts and (optionally) conjugation.
   * Rotation amounts are taken modulo N/2; duplicates and 0 are dropped.
   */
  public EvaluationKeys genEvaluationKeys(SecretKey sk, Collection<Integer> rotations, boolean conjugation) {
    TreeSet<Integer> elements = new TreeSet<>();
    for (int k : rotations) {
      if (Math.floorMod(k, params.n() / 2) != 0) {
        elements.add(Galois.rotationElement(k, params.logN()));
      }
    }
    if (conjugation) {
      elements.add(Galois.conjugationElement(params.logN()));
    }
    Map<Integer, SwitchingKey> galois = new LinkedHashMap<>();
    for (int g : elements) {
      galois.put(g, genGaloisKey(sk, g));
    }
    return new EvaluationKeys(params, genRelinearizationKey(sk), galois);
  }

  /**
   * The hybrid key-switching key from s' to the target secret t (both NTT domain over Q u P): digit j
   * is (-a_j t + e_j + [P]_{q_i} s' on digit j's primes q_i, a_j).
   */
  private SwitchingKey genSwitchingKey(long[][] target, long[][] sPrime, int galoisElement) {
    return genSwitchingKey(target, sPrime, galoisElement, params.maxLevel());
  }

  /**
   * Like the full key, but only for ciphertexts at levels 0..maxLevel: the limbs of q_(maxLevel+1)..q_L
   * are left null and only the digits covering q_0..q_maxLevel are made, so a key used only low in
   * the chain (bootstrapping's SlotToCoeff) costs a fraction of the memory. Also switches between
   * arbitrary secrets (sparse-secret encapsulation).
   */
  synchronized SwitchingKey genSwitchingKey(long[][] target, long[][] sPrime, int galoisElement, int maxLevel) {
    if (maxLevel < 0 || maxLevel > params.maxLevel()) {
      throw new IllegalArgumentException("key level " + maxLevel + " outside [0, " + params.maxLevel() + "]");
    }
    int digits = params.digitsAt(maxLevel);
    int full = params.fullSize();
    int n = params.n();
    int alpha = params.alpha();
    int qCount = params.maxLevel() + 1;
    java.util.function.IntPredicate used = u -> u <= maxLevel || u >= qCount;
    long[][][] b = new long[digits][][];
    long[][][] a = new long[digits][full][];
    for (int j = 0; j < digits; j++) {
      for (int u = 0; u < full; u++) {
        if (used.test(u)) {
          a[j][u] = new long[n];
          Sampler.uniform(prng, params.fullModulus(u), a[j][u]);
        }
      }
      b[j] = PolyOps.smallToNtt(Sampler.gaussian(prng, n, params.sigma()), full, params::fullNtt);
      final long[][] bj = b[j];
      final long[][] aj = a[j];
      final int lo = j * alpha;
      final int hi = Math.min((j + 1) * alpha, qCount);
      Parallel.forEach(full, u -> {
        if (!used.test(u)) {
          bj[u] = null;
          return;
        }
        Modulus m = params.fullModulus(u);
        long[] bu = bj[u];
        long[] au = aj[u];
        long[] su = target[u];
        boolean inDigit = u >= lo && u < hi;
        long g = inDigit ? params.pModQ(u) : 0;
        long gs = inDigit ? m.shoup(g) : 0;
        long[] spu = sPrime[u];
        for (int c = 0; c < n; c++) {
          long v = m.sub(bu[c], m.mul(au[c], su[c]));
          if (inDigit) {
            v = m.add(v, m.mulShoup(spu[c], g, gs));
          }
          bu[c] = v;
        }
      });
    }
    return new SwitchingKey(params, galoisElement, b, a);
  }

  private void check(SecretKey sk) {
    if (sk.fingerprint != params.fingerprint()) {
      throw new ParameterMismatchException("cannot generate keys: secret key belongs to other parameters");
    }
  }
}
