package io.heformer.ckks;

import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Ntt;
import io.heformer.ckks.ring.Prng;
import io.heformer.ckks.ring.Sampler;

/**
 * Sparse-secret encapsulation (Bossuat, Troncoso-Pastoriza, Hubaux, ACNS 2022): ModRaise adds q_0 I
 * with |I| bounded by about (h + 1)/2 for a secret of Hamming weight h, and EvalMod's cost grows with
 * that bound. Just before ModRaise the level-0 ciphertext is switched from the main secret s to an
 * ephemeral secret s' of small weight h' (32), which makes |I| &lt;= (h' + 1)/2; right after ModRaise
 * it is switched back to s at the top level.
 *
 * <p>Security. The key s -&gt; s' is an RLWE sample under s' with modulus q_0 p_0 only (about 121
 * bits, one special prime), where a weight-32 secret at N = 2^16 is far inside the 128-bit region;
 * the key s' -&gt; s is an ordinary switching key under the main secret over the full Q u P. The level-0
 * switch is therefore done here with its own single special prime, not with the parameters' P.
 *
 * <p>Holds only public keys (server side); {@link #generate} needs the secret key (client side).
 */
public final class SparseSecretEncapsulation {
  final long fingerprint;
  final int ephemeralWeight;
  /** s -&gt; s' over {q_0, p_0}: [b, a][limb 0 = q_0, 1 = p_0][coefficient], NTT domain. */
  private final long[][][] toSparse;
  /** s' -&gt; s over Q u P (full level). */
  final SwitchingKey fromSparse;

  private SparseSecretEncapsulation(CkksParameters params, int h, long[][][] toSparse, SwitchingKey fromSparse) {
    this.fingerprint = params.fingerprint();
    this.ephemeralWeight = h;
    this.toSparse = toSparse;
    this.fromSparse = fromSparse;
  }

  /** Draws an ephemeral secret of weight h and the two switching keys (client side); s' is then discarded. */
  public static SparseSecretEncapsulation generate(CkksParameters params, SecretKey sk, int h, int topLevel) {
    if (sk.fingerprint != params.fingerprint()) {
      throw new HeException.ParameterMismatchException("cannot generate encapsulation keys: secret key of other parameters");
    }
    if (h < 1 || h > params.n()) {
      throw new IllegalArgumentException("ephemeral Hamming weight must be in [1, N]: " + h);
    }
    Prng prng = Prng.fresh();
    int n = params.n();
    int[] sp = Sampler.sparseTernary(prng, n, h);
    long[][] spNtt = PolyOps.smallToNtt(sp, params.fullSize(), params::fullNtt);
    SwitchingKey back = new KeyGenerator(params).genSwitchingKey(sk.ntt, spNtt, 0, topLevel);
    // s -> s' on {q_0, p_0}: b = -a s' + e + p_0 s (the p_0 s term vanishes mod p_0).
    int pIndex = params.maxLevel() + 1;
    int[] limbs = {0, pIndex};
    long[][][] key = new long[2][2][n];
    int[] e = Sampler.gaussian(prng, n, params.sigma());
    for (int l = 0; l < 2; l++) {
      Modulus m = params.fullModulus(limbs[l]);
      Ntt ntt = params.fullNtt(limbs[l]);
      long[] a = key[1][l];
      Sampler.uniform(prng, m, a);
      long[] b = key[0][l];
      for (int c = 0; c < n; c++) {
        b[c] = m.reduce(e[c]);
      }
      ntt.forward(b);
      long p0 = l == 0 ? m.reduce(params.p(0).q) : 0;
      long[] s = sk.ntt[limbs[l]];
      long[] t = spNtt[limbs[l]];
      for (int c = 0; c < n; c++) {
        long v = m.sub(b[c], m.mul(a[c], t[c]));
        b[c] = m.add(v, m.mul(p0, s[c]));
      }
    }
    return new SparseSecretEncapsulation(params, h, key, back);
  }

  /** Rebuilds the public encapsulation keys read from storage. */
  static SparseSecretEncapsulation fromKeys(CkksParameters params, int h, long[][][] toSparse, SwitchingKey fromSparse) {
    return new SparseSecretEncapsulation(params, h, toSparse, fromSparse);
  }

  /** The s -&gt; s' key over {q_0, p_0} (for serialization). */
  long[][][] toSparseKey() {
    return toSparse;
  }

  public int ephemeralWeight() {
    return ephemeralWeight;
  }

  /** Bytes held by both keys. */
  public long sizeBytes() {
    return 8L * 4 * toSparse[0][0].length + fromSparse.sizeBytes();
  }

  /** (c_0, c_1) under s at level 0 to a ciphertext under s' (in place). */
  void toSparse(CkksParameters params, Ciphertext ct) {
    int n = params.n();
    Modulus q0 = params.q(0);
    Modulus p0 = params.p(0);
    Ntt nttQ = params.nttQ(0);
    Ntt nttP = params.nttP(0);
    long[] dq = ct.parts[1][0];
    long[] dp = dq.clone();
    nttQ.inverse(dp);
    for (int c = 0; c < n; c++) {
      long v = dp[c];
      dp[c] = p0.reduce(v > q0.q / 2 ? v - q0.q : v);
    }
    nttP.forward(dp);
    long pInv = q0.inv(q0.reduce(p0.q));
    for (int part = 0; part < 2; part++) {
      long[] kq = toSparse[part][0];
      long[] kp = toSparse[part][1];
      long[] xq = new long[n];
      long[] xp = new long[n];
      for (int c = 0; c < n; c++) {
        xq[c] = q0.mul(dq[c], kq[c]);
        xp[c] = p0.mul(dp[c], kp[c]);
      }
      nttP.inverse(xp); // divide by p_0, rounding: (x_q - [x]_p0) / p_0 mod q_0
      for (int c = 0; c < n; c++) {
        long v = xp[c];
        xp[c] = q0.reduce(v > p0.q / 2 ? v - p0.q : v);
      }
      nttQ.forward(xp);
      for (int c = 0; c < n; c++) {
        xq[c] = q0.mul(q0.sub(xq[c], xp[c]), pInv);
      }
      if (part == 0) {
        long[] c0 = ct.parts[0][0];
        for (int c = 0; c < n; c++) {
          c0[c] = q0.add(c0[c], xq[c]);
        }
      } else {
        ct.parts[1][0] = xq;
      }
    }
    ct.seed = null;
  }

  /** A top-level ciphertext under s' back to s (in place), with the parameters' key switching. */
  void fromSparse(CkksParameters params, Ciphertext ct) {
    int level = ct.level;
    long[][][] ks = new KeySwitcher(params).switchKey(ct.parts[1], fromSparse, null, level);
    PolyOps.add(ct.parts[0], ks[0], ct.parts[0], level + 1, params::q);
    ct.parts[1] = ks[1];
    ct.seed = null;
  }
}
