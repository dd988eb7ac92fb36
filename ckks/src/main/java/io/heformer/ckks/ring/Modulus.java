package io.heformer.ckks.ring;

import java.math.BigInteger;

/**
 * One word-size prime modulus q &lt; 2^61 with the constants of its fast reductions.
 *
 * <p>Three reductions are used, each where it is cheapest:
 *
 * <ul>
 *   <li>Shoup multiplication by a fixed operand w with w' = floor(w 2^64 / q): two multiplies, result
 *       in [0, 2q) ({@link #mulShoupLazy}); the NTT twiddles and every constant use it.
 *   <li>Montgomery reduction of a 128-bit value hi:lo with hi &lt; q: returns hi:lo 2^-64 mod q; lazy
 *       inner products accumulate 128-bit sums and reduce once.
 *   <li>Barrett reduction of one 64-bit word with mu = floor(2^64 / q).
 * </ul>
 *
 * <p>q &lt; 2^61 keeps every lazy value (at most 4q) a non-negative signed long.
 */
public final class Modulus {
  /** The prime. */
  public final long q;
  /** Bit length of q. */
  public final int bits;
  /** q^-1 mod 2^64, for Montgomery reduction. */
  final long qInv;
  /** floor(2^64 / q) for Barrett reduction of one word. */
  final long barrett;
  /** 2^64 mod q and its Shoup companion: turns a Montgomery-reduced value back into a plain one. */
  final long rModQ;
  final long rModQShoup;

  public Modulus(long q) {
    if (q < 3 || q >= (1L << 61) || (q & 1) == 0) {
      throw new IllegalArgumentException("modulus must be odd and in [3, 2^61): " + q);
    }
    this.q = q;
    this.bits = 64 - Long.numberOfLeadingZeros(q);
    long inv = q; // Newton iteration for the inverse modulo 2^64: each step doubles the correct bits.
    for (int i = 0; i < 6; i++) {
      inv *= 2 - q * inv;
    }
    this.qInv = inv;
    BigInteger bq = BigInteger.valueOf(q);
    this.barrett = BigInteger.ONE.shiftLeft(64).divide(bq).longValue();
    this.rModQ = BigInteger.ONE.shiftLeft(64).mod(bq).longValue();
    this.rModQShoup = shoup(rModQ);
  }

  /** (a + b) mod q for a, b in [0, q). */
  public long add(long a, long b) {
    long s = a + b;
    return s >= q ? s - q : s;
  }

  /** (a - b) mod q for a, b in [0, q). */
  public long sub(long a, long b) {
    long d = a - b;
    return d < 0 ? d + q : d;
  }

  /** -a mod q for a in [0, q). */
  public long neg(long a) {
    return a == 0 ? 0 : q - a;
  }

  /** Any signed long reduced into [0, q). */
  public long reduce(long x) {
    if (x >= 0) {
      return reduceUnsigned(x);
    }
    long r = reduceUnsigned(-x); // -x is fine: |Long.MIN_VALUE| is handled as unsigned 2^63
    return r == 0 ? 0 : q - r;
  }

  /** An unsigned 64-bit word reduced into [0, q) by Barrett. */
  public long reduceUnsigned(long x) {
    long qhat = Math.unsignedMultiplyHigh(x, barrett);
    long r = x - qhat * q; // the quotient estimate is short by at most 2: r in [0, 3q)
    r = r >= q ? r - q : r; // r < 3q < 2^63, so signed comparisons are exact
    return r >= q ? r - q : r;
  }

  /** The 128-bit value hi:lo times 2^-64 mod q, for hi in [0, q); result in [0, q). */
  public long montgomeryReduce(long hi, long lo) {
    long m = lo * qInv;
    long t = hi - Math.unsignedMultiplyHigh(m, q);
    return t < 0 ? t + q : t;
  }

  /** a b mod q for a, b in [0, q). Not for the hottest loops: two Montgomery reductions. */
  public long mul(long a, long b) {
    return fromMontgomery(montgomeryReduce(Math.unsignedMultiplyHigh(a, b), a * b));
  }

  /** x 2^64 mod q for x in [0, q): undoes the 2^-64 of a Montgomery reduction. */
  public long fromMontgomery(long x) {
    long r = x * rModQ - Math.unsignedMultiplyHigh(x, rModQShoup) * q;
    return r >= q ? r - q : r;
  }

  /**
   * A 128-bit sum hi:lo of products reduced mod q: the lazy inner products of key switching and base
   * conversion accumulate exactly and reduce once here.
   */
  public long reduce128(long hi, long lo) {
    return fromMontgomery(montgomeryReduce(reduceUnsigned(hi), lo));
  }

  /**
   * Like {@link #reduce128} for sums whose high word is already below q: a sum of up to 8 products
   * of values below q &lt; 2^61 (each below q^2 &lt; q 2^61, so its high word is below q/8).
   */
  public long reduce128Small(long hi, long lo) {
    return fromMontgomery(montgomeryReduce(hi, lo));
  }

  /** The Shoup companion floor(w 2^64 / q) of a fixed multiplicand w in [0, q). */
  public long shoup(long w) {
    return BigInteger.valueOf(w).shiftLeft(64).divide(BigInteger.valueOf(q)).longValue();
  }

  /** a w mod q, lazily in [0, 2q), for any a in [0, 2^63) and w' = shoup(w). */
  public long mulShoupLazy(long a, long w, long wShoup) {
    return a * w - Math.unsignedMultiplyHigh(a, wShoup) * q;
  }

  /** a w mod q in [0, q), for any a in [0, 2^63) and w' = shoup(w). */
  public long mulShoup(long a, long w, long wShoup) {
    long r = a * w - Math.unsignedMultiplyHigh(a, wShoup) * q;
    return r >= q ? r - q : r;
  }

  /** base^e mod q. */
  public long pow(long base, long e) {
    long r = 1 % q;
    long b = reduce(base);
    while (e > 0) {
      if ((e & 1) != 0) {
        r = mul(r, b);
      }
      b = mul(b, b);
      e >>>= 1;
    }
    return r;
  }

  /** a^-1 mod q (q prime), for a not divisible by q. */
  public long inv(long a) {
    long r = reduce(a);
    if (r == 0) {
      throw new ArithmeticException("no inverse of 0 mod " + q);
    }
    return pow(r, q - 2);
  }

  /** floor(2^64/q): the Barrett constant. */
  public long barrettConstant() {
    return barrett;
  }

  /**
   * A double reduced exactly mod q: the double must hold an integer (it is rounded first). Values of
   * any magnitude are handled through their binary expansion m 2^e, so scaled values far beyond 2^63
   * (a constant times a 60-bit scale) keep all their bits.
   */
  public long reduceDouble(double x) {
    double r = Math.rint(x);
    if (Math.abs(r) < 0x1p62) {
      return reduce((long) r);
    }
    if (Double.isNaN(r) || Double.isInfinite(r)) {
      throw new ArithmeticException("cannot reduce a non-finite value mod q: " + x);
    }
    int exp = Math.getExponent(r) - 52;
    long mantissa = (long) Math.scalb(r, -exp); // exact: |mantissa| < 2^53
    return mul(reduce(mantissa), pow(2, exp));
  }

  @Override
  public String toString() {
    return "q=" + q + " (" + bits + " bits)";
  }
}
