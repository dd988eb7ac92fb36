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
      int[] vSmall = Sampler.ternary(prng, n);
      long[][] v = PolyOps.smallToNtt(vSmall, count, params::nttQ);
      long[][] e0 = PolyOps.smallToNtt(Sampler.gaussian(prng, n, params.sigma()), count, params::nttQ);
      long[][] e1 = PolyOps.smallToNtt(Sampler.gaussian(prng, n, params.sigma()), count, params::nttQ);
      Parallel.forEach(count, i -> {
        Modulus m = params.q(i);
        for (int c = 0; c < n; c++) {
          c0[i][c] = m.add(m.add(m.mul(pk.b[i][c], v[i][c]), e0[i][c]), pt.poly[i][c]);
          c1[i][c] = m.add(m.mul(pk.a[i][c], v[i][c]), e1[i][c]);
        }
      });
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
