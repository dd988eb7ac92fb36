package io.heformer.ckks.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RingTest {
  private static final Random RNG = new Random(42);

  @Test
  void modularArithmeticMatchesBigInteger() {
    for (long q : Primes.nttPrimes(60, 12, 3, Set.of())) {
      Modulus m = new Modulus(q);
      BigInteger bq = BigInteger.valueOf(q);
      for (int t = 0; t < 2000; t++) {
        long a = Math.floorMod(RNG.nextLong(), q);
        long b = Math.floorMod(RNG.nextLong(), q);
        long want = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(bq).longValue();
        assertEquals(want, m.mul(a, b));
        assertEquals(want, m.mulShoup(a, b, m.shoup(b)));
        long x = RNG.nextLong();
        assertEquals(BigInteger.valueOf(x).mod(bq).longValue(), m.reduce(x));
        assertEquals(new BigInteger(Long.toUnsignedString(x)).mod(bq).longValue(), m.reduceUnsigned(x));
        long hi = Math.floorMod(RNG.nextLong(), 1L << 62);
        long lo = RNG.nextLong();
        BigInteger v = BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
        assertEquals(v.mod(bq).longValue(), m.reduce128(hi, lo));
      }
      // Doubles of any magnitude reduce exactly: 2^100 * 3 and -(2^70 + 2^30).
      assertEquals(BigInteger.valueOf(3).shiftLeft(100).mod(bq).longValue(), m.reduceDouble(Math.scalb(3.0, 100)));
      BigInteger big = BigInteger.ONE.shiftLeft(70).add(BigInteger.ONE.shiftLeft(30)).negate();
      assertEquals(big.mod(bq).longValue(), m.reduceDouble(-(Math.scalb(1.0, 70) + Math.scalb(1.0, 30))));
      assertEquals(1, m.mul(m.inv(12345), 12345));
    }
  }

  @Test
  void primesAreNttFriendlyDistinctAndNearTheirSize() {
    List<Long> ps = Primes.nttPrimes(50, 16, 20, Set.of());
    assertEquals(20, Set.copyOf(ps).size());
    for (long p : ps) {
      assertTrue(BigInteger.valueOf(p).isProbablePrime(50), p + " prime");
      assertEquals(1, p % (2L << 16));
      assertTrue(Math.abs(Math.log(p) / Math.log(2) - 50) < 0.01, p + " near 2^50");
    }
    assertTrue(!Primes.isPrime(3215031751L) && Primes.isPrime(1000000007L)); // a strong pseudoprime to 2,3,5,7
  }

  @Test
  void forwardNttEvaluatesAtTheDocumentedRoots() {
    for (int logN : new int[] {1, 4, 6}) {
      int n = 1 << logN;
      long q = Primes.nttPrimes(40, logN, 1, Set.of()).get(0);
      Ntt ntt = Ntt.of(q, logN);
      Modulus m = ntt.modulus;
      long[] a = new long[n];
      for (int i = 0; i < n; i++) {
        a[i] = Math.floorMod(RNG.nextLong(), q);
      }
      long[] f = a.clone();
      ntt.forward(f);
      for (int k = 0; k < n; k++) {
        long root = m.pow(ntt.psi, Ntt.exponent(k, logN));
        long acc = 0;
        for (int i = n - 1; i >= 0; i--) {
          acc = m.add(m.mul(acc, root), a[i]);
        }
        assertEquals(acc, f[k], "evaluation at index " + k);
      }
      ntt.inverse(f);
      assertArrayEquals(a, f);
    }
  }

  @Test
  void nttMultipliesNegacyclically() {
    int logN = 10;
    int n = 1 << logN;
    long q = Primes.nttPrimes(59, logN, 1, Set.of()).get(0);
    Ntt ntt = Ntt.of(q, logN);
    Modulus m = ntt.modulus;
    long[] a = new long[n];
    long[] b = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = Math.floorMod(RNG.nextLong(), q);
      b[i] = RNG.nextInt(7) - 3 < 0 ? q - 1 : RNG.nextInt(3);
    }
    long[] want = new long[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        long p = m.mul(a[i], b[j]);
        int k = i + j;
        want[k % n] = k < n ? m.add(want[k], p) : m.sub(want[k - n], p); // X^N = -1
      }
    }
    long[] fa = a.clone();
    long[] fb = b.clone();
    ntt.forward(fa);
    ntt.forward(fb);
    for (int i = 0; i < n; i++) {
      fa[i] = m.mul(fa[i], fb[i]);
    }
    ntt.inverse(fa);
    assertArrayEquals(want, fa);
  }

  @Test
  void fastBaseConversionIsExactUpToASmallMultipleOfTheSourceModulus() {
    List<Long> from = Primes.nttPrimes(50, 4, 3, Set.of());
    List<Long> to = Primes.nttPrimes(55, 4, 2, Set.copyOf(from));
    Modulus[] a = from.stream().map(Modulus::new).toArray(Modulus[]::new);
    Modulus[] b = to.stream().map(Modulus::new).toArray(Modulus[]::new);
    BigInteger bigA = BigInteger.ONE;
    for (long p : from) {
      bigA = bigA.multiply(BigInteger.valueOf(p));
    }
    int n = 16;
    BigInteger[] x = new BigInteger[n];
    long[][] in = new long[3][n];
    for (int c = 0; c < n; c++) {
      x[c] = new BigInteger(bigA.bitLength() - 1, RNG);
      for (int i = 0; i < 3; i++) {
        in[i][c] = x[c].mod(BigInteger.valueOf(from.get(i))).longValue();
      }
    }
    long[][] out = new long[2][n];
    new BaseConverter(a, b).convert(in, out, new long[3][n]);
    for (int c = 0; c < n; c++) {
      for (int j = 0; j < 2; j++) {
        BigInteger bj = BigInteger.valueOf(to.get(j));
        boolean found = false;
        for (int u = 0; u < 3 && !found; u++) { // x + u A for some u in [0, |A|)
          found = x[c].add(bigA.multiply(BigInteger.valueOf(u))).mod(bj).longValue() == out[j][c];
        }
        assertTrue(found, "coefficient " + c + " target " + j);
      }
    }
  }

  @Test
  void prngIsDeterministicPerSeedAndSamplersHaveTheirSupport() {
    byte[] seed = Prng.newSeed();
    Prng p1 = Prng.fromSeed(seed);
    Prng p2 = Prng.fromSeed(seed);
    for (int i = 0; i < 1000; i++) {
      assertEquals(p1.nextLong(), p2.nextLong());
    }
    Prng p = Prng.fresh();
    int[] s = Sampler.sparseTernary(p, 1024, 64);
    int nz = 0;
    for (int v : s) {
      assertTrue(v >= -1 && v <= 1);
      nz += v != 0 ? 1 : 0;
    }
    assertEquals(64, nz);
    int[] e = Sampler.gaussian(p, 1 << 14, 3.2);
    double var = 0;
    for (int v : e) {
      assertTrue(Math.abs(v) <= 20);
      var += (double) v * v;
    }
    var /= e.length;
    assertTrue(Math.abs(Math.sqrt(var) - 3.2) < 0.15, "sigma " + Math.sqrt(var));
  }
}
