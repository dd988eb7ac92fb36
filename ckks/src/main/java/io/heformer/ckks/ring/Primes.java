package io.heformer.ckks.ring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Generation of NTT-friendly primes q = 1 (mod 2N) near a power of two. */
public final class Primes {
  private Primes() {}

  /** Deterministic Miller-Rabin for 64-bit integers (the first 12 primes as bases suffice). */
  public static boolean isPrime(long n) {
    if (n < 2) {
      return false;
    }
    long[] small = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    for (long p : small) {
      if (n % p == 0) {
        return n == p;
      }
    }
    BigInteger bn = BigInteger.valueOf(n);
    BigInteger nm1 = bn.subtract(BigInteger.ONE);
    int s = nm1.getLowestSetBit();
    BigInteger d = nm1.shiftRight(s);
    outer:
    for (long a : small) {
      BigInteger x = BigInteger.valueOf(a).modPow(d, bn);
      if (x.equals(BigInteger.ONE) || x.equals(nm1)) {
        continue;
      }
      for (int r = 1; r < s; r++) {
        x = x.multiply(x).mod(bn);
        if (x.equals(nm1)) {
          continue outer;
        }
      }
      return false;
    }
    return true;
  }

  /**
   * {@code count} distinct primes q = 1 (mod 2N) closest to 2^bits, alternating above and below 2^bits
   * so that rescaling by them keeps the scale near 2^bits (their product drifts least). All stay
   * below 2^61. Primes in {@code exclude} are skipped.
   */
  public static List<Long> nttPrimes(int bits, int logN, int count, Set<Long> exclude) {
    if (bits < logN + 2 || bits > 61) {
      throw new IllegalArgumentException(
          "prime size must be in [logN+2, 61] bits for N=2^" + logN + ": " + bits);
    }
    long step = 2L << logN;
    long limit = 1L << 61;
    long floor = 1L << (bits - 1);
    long up = bits == 61 ? limit : (1L << bits) + 1;
    long down = (1L << bits) - step + 1;
    List<Long> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>(exclude);
    boolean takeUp = true;
    while (out.size() < count) {
      boolean upOk = up < limit;
      boolean downOk = down > floor;
      if (!upOk && !downOk) {
        throw new IllegalArgumentException(
            "not enough NTT primes near 2^" + bits + " for N=2^" + logN + " (wanted " + count + ")");
      }
      long cand;
      boolean wentUp = (takeUp && upOk) || !downOk;
      if (wentUp) {
        cand = up;
        up += step;
      } else {
        cand = down;
        down -= step;
      }
      if (isPrime(cand) && seen.add(cand)) {
        out.add(cand);
        takeUp = !wentUp;
      }
    }
    return out;
  }

  /** A generator of the multiplicative group mod q's subgroup of order 2N: a primitive 2N-th root. */
  public static long primitiveRoot2N(Modulus m, int logN) {
    long order = 2L << logN;
    if ((m.q - 1) % order != 0) {
      throw new IllegalArgumentException(m.q + " is not 1 mod 2N for N=2^" + logN);
    }
    long cofactor = (m.q - 1) / order;
    for (long g = 2; g < 1_000_000; g++) {
      long psi = m.pow(g, cofactor);
      if (m.pow(psi, order / 2) == m.q - 1) {
        return psi; // psi^N = -1, so psi has order exactly 2N
      }
    }
    throw new IllegalStateException("no primitive 2N-th root found mod " + m.q);
  }
}
