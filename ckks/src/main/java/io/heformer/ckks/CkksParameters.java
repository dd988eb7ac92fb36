package io.heformer.ckks;

import io.heformer.ckks.HeException.InsecureParametersException;
import io.heformer.ckks.HeException.InvalidParametersException;
import io.heformer.ckks.ring.BaseConverter;
import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Ntt;
import io.heformer.ckks.ring.Primes;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validated, immutable CKKS parameters: the ring, the prime chain Q = q_0..q_L, the special primes P
 * of hybrid key switching and its digit partition, the default scale, the secret distribution, and
 * the security verdict. Precomputed RNS tables (base converters, inverses) hang off it and are built
 * lazily, once, and shared by every object made under these parameters.
 *
 * <p>Extended basis at level l: index t &lt;= l is q_t, index t &gt; l is p_(t-l-1). Keys live over the
 * full basis Q u P (indices 0..L then L+1..L+|P|).
 */
public final class CkksParameters {
  private final CkksParametersSpec spec;
  private final int logN;
  private final int n;
  private final Modulus[] q;
  private final Modulus[] p;
  private final Ntt[] nttQ;
  private final Ntt[] nttP;
  private final int alpha;
  private final int dnum;
  private final double logQP;
  private final long fingerprint;
  /** [P]_{q_i}: the gadget factor of hybrid key switching. */
  private final long[] pModQ;
  /** [P^-1]_{q_i} and Shoup companions, for ModDown. */
  private final long[] pInvModQ;
  private final long[] pInvModQShoup;
  private final Map<Integer, BaseConverter> modDown = new ConcurrentHashMap<>();
  private final Map<Integer, BaseConverter> modUp = new ConcurrentHashMap<>();

  private CkksParameters(CkksParametersSpec spec, long[] qPrimes, long[] pPrimes) {
    this.spec = spec;
    this.logN = spec.logN();
    this.n = 1 << logN;
    this.q = new Modulus[qPrimes.length];
    this.nttQ = new Ntt[qPrimes.length];
    for (int i = 0; i < qPrimes.length; i++) {
      nttQ[i] = Ntt.of(qPrimes[i], logN);
      q[i] = nttQ[i].modulus;
    }
    this.p = new Modulus[pPrimes.length];
    this.nttP = new Ntt[pPrimes.length];
    for (int i = 0; i < pPrimes.length; i++) {
      nttP[i] = Ntt.of(pPrimes[i], logN);
      p[i] = nttP[i].modulus;
    }
    this.dnum = spec.dnum();
    this.alpha = (q.length + dnum - 1) / dnum;
    double lqp = 0;
    for (long x : qPrimes) {
      lqp += Math.log(x) / Math.log(2);
    }
    for (long x : pPrimes) {
      lqp += Math.log(x) / Math.log(2);
    }
    this.logQP = lqp;
    pModQ = new long[q.length];
    pInvModQ = new long[q.length];
    pInvModQShoup = new long[q.length];
    for (int i = 0; i < q.length; i++) {
      long prod = 1;
      for (Modulus pj : p) {
        prod = q[i].mul(prod, q[i].reduce(pj.q));
      }
      pModQ[i] = prod;
      pInvModQ[i] = q[i].inv(prod);
      pInvModQShoup[i] = q[i].shoup(pInvModQ[i]);
    }
    this.fingerprint = computeFingerprint(qPrimes, pPrimes);
  }

  /**
   * Validates a spec, generates its primes and checks its security.
   *
   * @throws InvalidParametersException if the spec cannot be built, naming the field
   * @throws InsecureParametersException if below 128-bit security and not declared test-only
   */
  public static CkksParameters of(CkksParametersSpec spec) {
    int logN = spec.logN();
    if (logN < 4 || logN > 17) {
      throw new InvalidParametersException("cannot build parameters: logN must be in [4, 17], got " + logN);
    }
    if (spec.logSlots() < 0 || spec.logSlots() > logN - 1) {
      throw new InvalidParametersException(
          "cannot build parameters: logSlots must be in [0, logN-1=" + (logN - 1) + "], got " + spec.logSlots());
    }
    int[] logQ = spec.logQ();
    int[] logP = spec.logP();
    if (logQ.length == 0) {
      throw new InvalidParametersException("cannot build parameters: logQ is empty");
    }
    if (logP.length == 0) {
      throw new InvalidParametersException("cannot build parameters: logP is empty (key switching needs P)");
    }
    if (spec.dnum() < 1 || spec.dnum() > logQ.length) {
      throw new InvalidParametersException(
          "cannot build parameters: dnum must be in [1, " + logQ.length + "], got " + spec.dnum());
    }
    if (spec.logDefaultScale() < 10 || spec.logDefaultScale() > 60) {
      throw new InvalidParametersException(
          "cannot build parameters: logDefaultScale must be in [10, 60], got " + spec.logDefaultScale());
    }
    if (!(spec.sigma() > 0 && spec.sigma() < 100)) {
      throw new InvalidParametersException("cannot build parameters: sigma must be in (0, 100), got " + spec.sigma());
    }
    if (spec.secret().hammingWeight() > (1 << logN)) {
      throw new InvalidParametersException(
          "cannot build parameters: Hamming weight " + spec.secret().hammingWeight() + " exceeds N=" + (1 << logN));
    }
    boolean saysInsecure = spec.name().toUpperCase(java.util.Locale.ROOT).contains("INSECURE");
    if (spec.testOnly() && !saysInsecure) {
      throw new InvalidParametersException(
          "cannot build parameters: test-only set '" + spec.name() + "' must say INSECURE in its name");
    }
    Set<Long> used = new HashSet<>();
    long[] qPrimes = generate(logQ, logN, used, "logQ");
    long[] pPrimes = generate(logP, logN, used, "logP");
    CkksParameters params = new CkksParameters(spec, qPrimes, pPrimes);
    // P must cover the largest digit, or key-switching noise grows with the digit modulus.
    double maxDigitBits = 0;
    for (int d = 0; d < params.dnum; d++) {
      double bits = 0;
      for (int i = d * params.alpha; i < Math.min((d + 1) * params.alpha, qPrimes.length); i++) {
        bits += Math.log(params.q[i].q) / Math.log(2);
      }
      maxDigitBits = Math.max(maxDigitBits, bits);
    }
    double pBits = 0;
    for (Modulus m : params.p) {
      pBits += Math.log(m.q) / Math.log(2);
    }
    if (pBits + 1 < maxDigitBits) { // a bit of slack: primes alternate around their nominal size
      throw new InvalidParametersException(String.format(
          "cannot build parameters: log P = %.0f bits is below the largest key-switching digit (%.0f bits);"
              + " add special primes or raise dnum", pBits, maxDigitBits));
    }
    boolean secure = SecurityStandard.isSecure(logN, params.logQP, spec.secret());
    if (!secure && !spec.testOnly()) {
      throw new InsecureParametersException(
          "cannot build parameters '" + spec.name() + "': "
              + SecurityStandard.describe(logN, params.logQP, spec.secret())
              + "; lower log QP or declare the set test-only (name containing INSECURE)");
    }
    return params;
  }

  private static long[] generate(int[] bits, int logN, Set<Long> used, String field) {
    long[] out = new long[bits.length];
    // Primes of equal size are generated together so that they alternate around 2^bits.
    Map<Integer, List<Integer>> bySize = new java.util.TreeMap<>();
    for (int i = 0; i < bits.length; i++) {
      bySize.computeIfAbsent(bits[i], k -> new ArrayList<>()).add(i);
    }
    for (var e : bySize.entrySet()) {
      List<Long> primes;
      try {
        primes = Primes.nttPrimes(e.getKey(), logN, e.getValue().size(), used);
      } catch (IllegalArgumentException ex) {
        throw new InvalidParametersException("cannot build parameters: " + field + ": " + ex.getMessage());
      }
      for (int k = 0; k < primes.size(); k++) {
        out[e.getValue().get(k)] = primes.get(k);
        used.add(primes.get(k));
      }
    }
    return out;
  }

  private long computeFingerprint(long[] qPrimes, long[] pPrimes) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer b = ByteBuffer.allocate(8 * (qPrimes.length + pPrimes.length + 4));
      b.putLong(logN).putLong(dnum).putLong(spec.secret().hammingWeight()).putLong(Double.doubleToLongBits(spec.sigma()));
      for (long x : qPrimes) {
        b.putLong(x);
      }
      for (long x : pPrimes) {
        b.putLong(x);
      }
      return ByteBuffer.wrap(md.digest(b.array())).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public CkksParametersSpec spec() {
    return spec;
  }

  public String name() {
    return spec.name();
  }

  public int logN() {
    return logN;
  }

  /** Ring degree N. */
  public int n() {
    return n;
  }

  /** Default number of slots. */
  public int slots() {
    return 1 << spec.logSlots();
  }

  /** Highest level L (the number of ciphertext primes minus one). */
  public int maxLevel() {
    return q.length - 1;
  }

  public int dnum() {
    return dnum;
  }

  /** Primes per key-switching digit. */
  public int alpha() {
    return alpha;
  }

  /** Number of special primes. */
  public int pCount() {
    return p.length;
  }

  public double defaultScale() {
    return Math.scalb(1.0, spec.logDefaultScale());
  }

  public double logQP() {
    return logQP;
  }

  public SecretDistribution secret() {
    return spec.secret();
  }

  public double sigma() {
    return spec.sigma();
  }

  public boolean isTestOnly() {
    return spec.testOnly();
  }

  /** A hash of everything that must agree for two objects to be combined. */
  public long fingerprint() {
    return fingerprint;
  }

  public Modulus q(int i) {
    return q[i];
  }

  public Modulus p(int j) {
    return p[j];
  }

  public Ntt nttQ(int i) {
    return nttQ[i];
  }

  public Ntt nttP(int j) {
    return nttP[j];
  }

  /** log2 of q_0 q_1 ... q_level. */
  public double logQ(int level) {
    double s = 0;
    for (int i = 0; i <= level; i++) {
      s += Math.log(q[i].q) / Math.log(2);
    }
    return s;
  }

  /** The primes of the chain, q_0 first. */
  public long[] qPrimes() {
    long[] r = new long[q.length];
    for (int i = 0; i < q.length; i++) {
      r[i] = q[i].q;
    }
    return r;
  }

  public long[] pPrimes() {
    long[] r = new long[p.length];
    for (int i = 0; i < p.length; i++) {
      r[i] = p[i].q;
    }
    return r;
  }

  /** The modulus at index t of the extended basis Q_level u P. */
  public Modulus extModulus(int level, int t) {
    return t <= level ? q[t] : p[t - level - 1];
  }

  public Ntt extNtt(int level, int t) {
    return t <= level ? nttQ[t] : nttP[t - level - 1];
  }

  /** Index of extended-basis limb t (at this level) in a key stored over the full Q u P. */
  public int keyIndex(int level, int t) {
    return t <= level ? t : t - level - 1 + q.length;
  }

  /** The modulus at index u of the full basis Q u P (keys). */
  public Modulus fullModulus(int u) {
    return u < q.length ? q[u] : p[u - q.length];
  }

  public Ntt fullNtt(int u) {
    return u < q.length ? nttQ[u] : nttP[u - q.length];
  }

  /** Number of limbs of the full basis Q u P. */
  public int fullSize() {
    return q.length + p.length;
  }

  /** Number of digits that cover the primes q_0..q_level. */
  public int digitsAt(int level) {
    return (level + 1 + alpha - 1) / alpha;
  }

  long pModQ(int i) {
    return pModQ[i];
  }

  long pInvModQ(int i) {
    return pInvModQ[i];
  }

  long pInvModQShoup(int i) {
    return pInvModQShoup[i];
  }

  /** Converter from P to Q_level (ModDown). */
  BaseConverter modDownConverter(int level) {
    return modDown.computeIfAbsent(level, l -> {
      Modulus[] to = new Modulus[l + 1];
      System.arraycopy(q, 0, to, 0, l + 1);
      return new BaseConverter(p, to);
    });
  }

  /** Converter from digit d's primes (within Q_level) to the rest of Q_level u P (ModUp). */
  BaseConverter modUpConverter(int level, int digit) {
    return modUp.computeIfAbsent(level * 1024 + digit, k -> {
      int lo = digit * alpha;
      int hi = Math.min((digit + 1) * alpha, level + 1);
      Modulus[] from = new Modulus[hi - lo];
      System.arraycopy(q, lo, from, 0, hi - lo);
      Modulus[] to = new Modulus[level + 1 - (hi - lo) + p.length];
      int k2 = 0;
      for (int t = 0; t <= level; t++) {
        if (t < lo || t >= hi) {
          to[k2++] = q[t];
        }
      }
      for (Modulus pj : p) {
        to[k2++] = pj;
      }
      return new BaseConverter(from, to);
    });
  }

  @Override
  public String toString() {
    return spec.toString() + String.format(" [log QP = %.1f, %s]", logQP,
        SecurityStandard.describe(logN, logQP, spec.secret()));
  }
}
