package io.heformer.ckks;

import io.heformer.ckks.HeException.ParameterMismatchException;
import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Parallel;
import io.heformer.ckks.ring.Prng;
import io.heformer.ckks.ring.Sampler;

/**
 * Encrypts plaintexts under the public key (anyone) or the secret key (the client; the uniform half
 * of the ciphertext is then expanded from a 32-byte seed and serialises as that seed).
 */
public final class Encryptor {
  private final CkksParameters params;
  private final PublicKey pk;
  private final SecretKey sk;
  private final Prng prng = Prng.fresh();

  private Encryptor(CkksParameters params, PublicKey pk, SecretKey sk) {
    this.params = params;
    this.pk = pk;
    this.sk = sk;
    long fp = pk != null ? pk.fingerprint : sk.fingerprint;
    if (fp != params.fingerprint()) {
      throw new ParameterMismatchException("cannot create encryptor: key belongs to other parameters");
    }
  }

  public static Encryptor withPublicKey(CkksParameters params, PublicKey pk) {
    return new Encryptor(params, pk, null);
  }

  public static Encryptor withSecretKey(CkksParameters params, SecretKey sk) {
    return new Encryptor(params, null, sk);
  }

  /** Encrypts a plaintext at its level and scale. */
  public synchronized Ciphertext encrypt(Plaintext pt) {
    if (pt.fingerprint != params.fingerprint()) {
      throw new ParameterMismatchException("cannot encrypt: plaintext encoded under other parameters");
    }
    int count = pt.level + 1;
    int n = params.n();
    Ciphertext ct = Ciphertext.allocate(params, 1, pt.level, pt.scale, pt.slots);
    long[][] c0 = ct.parts[0];
    long[][] c1 = ct.parts[1];
    if (sk != null) {
      byte[] seed = Prng.newSeed();
      expandUniform(params, seed, c1, pt.level);
      long[][] e = PolyOps.smallToNtt(Sampler.gaussian(prng, n, params.sigma()), count, params::nttQ);
      Parallel.forEach(count, i -> {
        Modulus m = params.q(i);
        for (int c = 0; c < n; c++) {
          c0[i][c] = m.add(m.sub(e[i][c], m.mul(c1[i][c], sk.ntt[i][c])), pt.poly[i][c]);
        }
      });
      ct.seed = seed;
    } else {
      // (v b + e0, v a + e1) over Q_level u P, divided by P: the noise v e + e1 s shrinks by P.
      final int level = pt.level;
      int ext = level + 1 + params.pCount();
      java.util.function.IntFunction<io.heformer.ckks.ring.Ntt> ntt = t -> params.extNtt(level, t);
      long[][] v = PolyOps.smallToNtt(Sampler.ternary(prng, n), ext, ntt);
      long[][] u0 = PolyOps.smallToNtt(Sampler.gaussian(prng, n, params.sigma()), ext, ntt);
      long[][] u1 = PolyOps.smallToNtt(Sampler.gaussian(prng, n, params.sigma()), ext, ntt);
      Parallel.forEach(ext, t -> {
        Modulus m = params.extModulus(level, t);
        int u = params.keyIndex(level, t);
        long[] b = pk.b[u];
        long[] a = pk.a[u];
        long[] vt = v[t];
        for (int c = 0; c < n; c++) {
          u0[t][c] = m.add(m.mul(b[c], vt[c]), u0[t][c]);
          u1[t][c] = m.add(m.mul(a[c], vt[c]), u1[t][c]);
        }
      });
      KeySwitcher ks = new KeySwitcher(params);
      ks.modDown(u0, level, c0);
      ks.modDown(u1, level, c1);
      PolyOps.add(c0, pt.poly, c0, count, params::q);
    }
    return ct;
  }

  /** The uniform polynomial of a seeded secret-key ciphertext, limb by limb from the seed's stream. */
  static void expandUniform(CkksParameters params, byte[] seed, long[][] out, int level) {
    Prng stream = Prng.fromSeed(seed);
    for (int i = 0; i <= level; i++) {
      Sampler.uniform(stream, params.q(i), out[i]);
    }
  }
}
