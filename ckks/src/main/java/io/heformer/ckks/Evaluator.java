package io.heformer.ckks;

import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.HeException.MissingKeyException;
import io.heformer.ckks.HeException.ParameterMismatchException;
import io.heformer.ckks.HeException.ScaleMismatchException;
import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Parallel;

/**
 * Homomorphic operations on ciphertexts, holding only public evaluation keys (server side).
 *
 * <p>Conventions (Lattigo's): every operation has an out-parameter form {@code op(..., out)}, where
 * {@code out} may alias an input, and an allocating {@code opNew(...)}. Binary operations work at the
 * lower of the two levels (the higher operand's extra primes are ignored, which is exact). Additions
 * require equal scales (relative difference below 1e-10) and throw {@link ScaleMismatchException}
 * otherwise; multiplications multiply scales; {@link #rescale} divides by the top prime. Thread-safe.
 */
public final class Evaluator {
  /** Relative tolerance under which two scales count as equal. */
  public static final double SCALE_TOLERANCE = 1e-10;

  private final CkksParameters params;
  private final EvaluationKeys keys;
  private final KeySwitcher switcher;

  /**
   * @param keys evaluation keys, or null for an evaluator that only adds, multiplies by plaintexts
   *     and constants, and rescales
   */
  public Evaluator(CkksParameters params, EvaluationKeys keys) {
    if (keys != null && keys.fingerprint != params.fingerprint()) {
      throw new ParameterMismatchException("cannot create evaluator: evaluation keys belong to other parameters");
    }
    this.params = params;
    this.keys = keys;
    this.switcher = new KeySwitcher(params);
  }

  public CkksParameters params() {
    return params;
  }

  public EvaluationKeys keys() {
    return keys;
  }

  // ---------------------------------------------------------------- checks and output shaping

  private void check(Ciphertext c, String op) {
    if (c.fingerprint != params.fingerprint()) {
      throw new ParameterMismatchException("cannot " + op + ": ciphertext made under other parameters");
    }
  }

  private void check(Plaintext p, String op) {
    if (p.fingerprint != params.fingerprint()) {
      throw new ParameterMismatchException("cannot " + op + ": plaintext made under other parameters");
    }
  }

  private static void checkScales(double s1, double s2, String op) {
    if (Math.abs(s1 / s2 - 1) > SCALE_TOLERANCE) {
      throw new ScaleMismatchException(String.format(
          "cannot %s: scales differ (2^%.6f vs 2^%.6f)", op, Math.log(s1) / Math.log(2), Math.log(s2) / Math.log(2)));
    }
  }

  private static void checkSlots(int a, int b, String op) {
    if (a != b) {
      throw new IllegalArgumentException("cannot " + op + ": slot counts differ (" + a + " vs " + b + ")");
    }
  }

  private void checkKeys(String op) {
    if (keys == null) {
      throw new MissingKeyException("cannot " + op + ": this evaluator holds no evaluation keys");
    }
  }

  /** Shapes out to degree+1 parts of level+1 limbs, reusing its arrays where possible. */
  private void shape(Ciphertext out, int degree, int level, double scale, int slots) {
    int n = params.n();
    long[][][] parts = out.parts.length == degree + 1 ? out.parts : new long[degree + 1][][];
    for (int k = 0; k <= degree; k++) {
      long[][] old = k < out.parts.length ? out.parts[k] : null;
      long[][] limbs = new long[level + 1][];
      for (int i = 0; i <= level; i++) {
        limbs[i] = old != null && i < old.length ? old[i] : new long[n];
      }
      parts[k] = limbs;
    }
    out.parts = parts;
    out.level = level;
    out.scale = scale;
    out.slots = slots;
    out.seed = null;
  }

  private Ciphertext blank() {
    return Ciphertext.allocate(params, 1, 0, 1, 1);
  }

  /** An empty ciphertext to pass as an out-parameter (shaped by the operation that writes it). */
  public Ciphertext blankLike(Ciphertext a) {
    check(a, "allocate");
    return blank();
  }

  // ---------------------------------------------------------------- addition family

  public void add(Ciphertext a, Ciphertext b, Ciphertext out) {
    addOrSub(a, b, out, false, "add");
  }

  public Ciphertext addNew(Ciphertext a, Ciphertext b) {
    Ciphertext out = blank();
    add(a, b, out);
    return out;
  }

  public void sub(Ciphertext a, Ciphertext b, Ciphertext out) {
    addOrSub(a, b, out, true, "sub");
  }

  public Ciphertext subNew(Ciphertext a, Ciphertext b) {
    Ciphertext out = blank();
    sub(a, b, out);
    return out;
  }

  private void addOrSub(Ciphertext a, Ciphertext b, Ciphertext out, boolean subtract, String op) {
    check(a, op);
    check(b, op);
    checkScales(a.scale, b.scale, op);
    checkSlots(a.slots, b.slots, op);
    int level = Math.min(a.level, b.level);
    int degree = Math.max(a.degree(), b.degree());
    long[][][] pa = a.parts;
    long[][][] pb = b.parts;
    shape(out, degree, level, a.scale, a.slots);
    for (int k = 0; k <= degree; k++) {
      if (k < pa.length && k < pb.length) {
        if (subtract) {
          PolyOps.sub(pa[k], pb[k], out.parts[k], level + 1, params::q);
        } else {
          PolyOps.add(pa[k], pb[k], out.parts[k], level + 1, params::q);
        }
      } else if (k < pa.length) {
        copyInto(pa[k], out.parts[k], level);
      } else if (subtract) {
        PolyOps.neg(pb[k], out.parts[k], level + 1, params::q);
      } else {
        copyInto(pb[k], out.parts[k], level);
      }
    }
  }

  private static void copyInto(long[][] src, long[][] dst, int level) {
    for (int i = 0; i <= level; i++) {
      if (src[i] != dst[i]) {
        System.arraycopy(src[i], 0, dst[i], 0, src[i].length);
      }
    }
  }

  public void negate(Ciphertext a, Ciphertext out) {
    check(a, "negate");
    long[][][] pa = a.parts;
    shape(out, a.degree(), a.level, a.scale, a.slots);
    for (int k = 0; k < pa.length; k++) {
      PolyOps.neg(pa[k], out.parts[k], a.level + 1, params::q);
    }
  }

  public Ciphertext negateNew(Ciphertext a) {
    Ciphertext out = blank();
    negate(a, out);
    return out;
  }

  /** ct + pt; the plaintext's scale must equal the ciphertext's. */
  public void addPlain(Ciphertext a, Plaintext p, Ciphertext out) {
    plainAddSub(a, p, out, false, "add a plaintext");
  }

  public void subPlain(Ciphertext a, Plaintext p, Ciphertext out) {
    plainAddSub(a, p, out, true, "subtract a plaintext");
  }

  public Ciphertext addPlainNew(Ciphertext a, Plaintext p) {
    Ciphertext out = blank();
    addPlain(a, p, out);
    return out;
  }

  private void plainAddSub(Ciphertext a, Plaintext p, Ciphertext out, boolean subtract, String op) {
    check(a, op);
    check(p, op);
    checkScales(a.scale, p.scale, op);
    checkSlots(a.slots, p.slots, op);
    int level = Math.min(a.level, p.level);
    long[][][] pa = a.parts;
    shape(out, a.degree(), level, a.scale, a.slots);
    if (subtract) {
      PolyOps.sub(pa[0], p.poly, out.parts[0], level + 1, params::q);
    } else {
      PolyOps.add(pa[0], p.poly, out.parts[0], level + 1, params::q);
    }
    for (int k = 1; k < pa.length; k++) {
      copyInto(pa[k], out.parts[k], level);
    }
  }

  /** ct + (re + i im) in every slot, encoded at the ciphertext's scale (no level used). */
  public void addConst(Ciphertext a, double re, double im, Ciphertext out) {
    check(a, "add a constant");
    long[][][] pa = a.parts;
    int level = a.level;
    shape(out, a.degree(), level, a.scale, a.slots);
    double vr = re * a.scale;
    double vi = im * a.scale;
    int half = params.n() / 2;
    Parallel.forEach(level + 1, i -> {
      Modulus m = params.q(i);
      long[] pm = constantAtRoots(i, vr, vi);
      long plus = pm[0];
      long minus = pm[1];
      long[] x = pa[0][i];
      long[] o = out.parts[0][i];
      for (int c = 0; c < x.length; c++) {
        o[c] = m.add(x[c], c < half ? plus : minus);
      }
    });
    for (int k = 1; k < pa.length; k++) {
      copyInto(pa[k], out.parts[k], level);
    }
  }

  public Ciphertext addConstNew(Ciphertext a, double c) {
    Ciphertext out = blank();
    addConst(a, c, 0, out);
    return out;
  }

  /**
   * The NTT-domain values mod q_i of the polynomial vr + vi X^(N/2), which encodes the constant
   * (vr + i vi) / scale in every slot: {value at indices c &lt; N/2, value at c &gt;= N/2}.
   */
  private long[] constantAtRoots(int i, double vr, double vi) {
    Modulus m = params.q(i);
    long r = m.reduceDouble(vr);
    long w = m.mul(m.reduceDouble(vi), imaginaryUnit(i));
    return new long[] {m.add(r, w), m.sub(r, w)};
  }

  /** psi_i^(N/2): a square root of -1 mod q_i. X^(N/2) evaluates to +-it at NTT index c (+ for c &lt; N/2). */
  private long imaginaryUnit(int i) {
    Modulus m = params.q(i);
    return m.pow(params.nttQ(i).psi, params.n() / 2);
  }

  // ---------------------------------------------------------------- multiplications

  /** ct * pt: scales multiply, no level is consumed until {@link #rescale}. */
  public void mulPlain(Ciphertext a, Plaintext p, Ciphertext out) {
    check(a, "multiply by a plaintext");
    check(p, "multiply by a plaintext");
    checkSlots(a.slots, p.slots, "multiply by a plaintext");
    int level = Math.min(a.level, p.level);
    long[][][] pa = a.parts;
    double scale = a.scale * p.scale;
    shape(out, a.degree(), level, scale, a.slots);
    for (int k = 0; k < pa.length; k++) {
      PolyOps.mul(pa[k], p.poly, out.parts[k], level + 1, params::q);
    }
  }

  public Ciphertext mulPlainNew(Ciphertext a, Plaintext p) {
    Ciphertext out = blank();
    mulPlain(a, p, out);
    return out;
  }

  /** ct * k for an integer k: exact, no scale change, no level. */
  public void mulInteger(Ciphertext a, long k, Ciphertext out) {
    check(a, "multiply by an integer");
    long[][][] pa = a.parts;
    int level = a.level;
    shape(out, a.degree(), level, a.scale, a.slots);
    long[] kk = new long[level + 1];
    for (int i = 0; i <= level; i++) {
      kk[i] = params.q(i).reduce(k);
    }
    for (int p = 0; p < pa.length; p++) {
      PolyOps.mulScalar(pa[p], kk, out.parts[p], level + 1, params::q);
    }
  }

  /**
   * ct * (re + i im). Integers (im = 0, |re| &lt; 2^62) multiply exactly without changing the scale;
   * any other constant is encoded at the scale of the top prime q_level, so that a following
   * {@link #rescale} returns to the input's scale.
   */
  public void mulConst(Ciphertext a, double re, double im, Ciphertext out) {
    if (im == 0 && re == Math.rint(re) && Math.abs(re) < 0x1p62) {
      mulInteger(a, (long) re, out);
      return;
    }
    mulConst(a, re, im, (double) params.q(a.level).q, out);
  }

  /** ct * (re + i im) with the constant encoded at {@code constScale}: the output scale is scale * constScale. */
  public void mulConst(Ciphertext a, double re, double im, double constScale, Ciphertext out) {
    check(a, "multiply by a constant");
    long[][][] pa = a.parts;
    int level = a.level;
    double vr = re * constScale;
    double vi = im * constScale;
    shape(out, a.degree(), level, a.scale * constScale, a.slots);
    int half = params.n() / 2;
    for (int p = 0; p < pa.length; p++) {
      final long[][] src = pa[p];
      final long[][] dst = out.parts[p];
      Parallel.forEach(level + 1, i -> {
        Modulus m = params.q(i);
        long[] pm = constantAtRoots(i, vr, vi);
        long plus = pm[0];
        long minus = pm[1];
        long plusS = m.shoup(plus);
        long minusS = m.shoup(minus);
        long[] x = src[i];
        long[] o = dst[i];
        for (int c = 0; c < half; c++) {
          o[c] = m.mulShoup(x[c], plus, plusS);
        }
        for (int c = half; c < x.length; c++) {
          o[c] = m.mulShoup(x[c], minus, minusS);
        }
      });
    }
  }

  public Ciphertext mulConstNew(Ciphertext a, double c) {
    Ciphertext out = blank();
    mulConst(a, c, 0, out);
    return out;
  }

  /** The tensor product (degree 2, scales multiply); relinearise afterwards. */
  public void mul(Ciphertext a, Ciphertext b, Ciphertext out) {
    check(a, "multiply");
    check(b, "multiply");
    checkSlots(a.slots, b.slots, "multiply");
    if (a.degree() != 1 || b.degree() != 1) {
      throw new IllegalArgumentException("cannot multiply: operands must be relinearised (degree 1)");
    }
    int level = Math.min(a.level, b.level);
    int n = params.n();
    long[][] d0 = new long[level + 1][n];
    long[][] d1 = new long[level + 1][n];
    long[][] d2 = new long[level + 1][n];
    long[][] a0 = a.parts[0];
    long[][] a1 = a.parts[1];
    long[][] b0 = b.parts[0];
    long[][] b1 = b.parts[1];
    boolean square = a == b;
    Parallel.forEach(level + 1, i -> {
      Modulus m = params.q(i);
      long[] x0 = a0[i];
      long[] x1 = a1[i];
      long[] y0 = b0[i];
      long[] y1 = b1[i];
      for (int c = 0; c < n; c++) {
        d0[i][c] = m.mul(x0[c], y0[c]);
        long cross = m.mul(x0[c], y1[c]);
        d1[i][c] = m.add(cross, square ? cross : m.mul(x1[c], y0[c])); // squaring: 2 x0 x1, one product
        d2[i][c] = m.mul(x1[c], y1[c]);
      }
    });
    double scale = a.scale * b.scale;
    int slots = a.slots;
    out.parts = new long[][][] {d0, d1, d2};
    out.level = level;
    out.scale = scale;
    out.slots = slots;
    out.seed = null;
  }

  public Ciphertext mulNew(Ciphertext a, Ciphertext b) {
    Ciphertext out = blank();
    mul(a, b, out);
    return out;
  }

  /** Degree 2 to degree 1 with the relinearisation key. */
  public void relinearize(Ciphertext a, Ciphertext out) {
    check(a, "relinearize");
    if (a.degree() == 1) {
      if (a != out) {
        shape(out, 1, a.level, a.scale, a.slots);
        copyInto(a.parts[0], out.parts[0], a.level);
        copyInto(a.parts[1], out.parts[1], a.level);
      }
      return;
    }
    if (a.degree() != 2) {
      throw new IllegalArgumentException("cannot relinearize: degree " + a.degree() + " (only 2 is supported)");
    }
    checkKeys("relinearize");
    SwitchingKey rk = keys.relinearizationKey("relinearize");
    int level = a.level;
    long[][][] ks = switcher.switchKey(a.parts[2], rk, null, level);
    long[][] c0 = a.parts[0];
    long[][] c1 = a.parts[1];
    shape(out, 1, level, a.scale, a.slots);
    PolyOps.add(c0, ks[0], out.parts[0], level + 1, params::q);
    PolyOps.add(c1, ks[1], out.parts[1], level + 1, params::q);
  }

  /** Multiply and relinearise. */
  public void mulRelin(Ciphertext a, Ciphertext b, Ciphertext out) {
    mul(a, b, out);
    relinearize(out, out);
  }

  public Ciphertext mulRelinNew(Ciphertext a, Ciphertext b) {
    Ciphertext out = blank();
    mulRelin(a, b, out);
    return out;
  }

  // ---------------------------------------------------------------- levels

  /**
   * Divides by the top prime q_level and drops it: level - 1, scale / q_level.
   *
   * @throws LevelException at level 0
   */
  public void rescale(Ciphertext a, Ciphertext out) {
    check(a, "rescale");
    int level = a.level;
    if (level == 0) {
      throw new LevelException("cannot rescale: ciphertext is at level 0 (scale 2^"
          + String.format("%.1f", Math.log(a.scale) / Math.log(2)) + ")");
    }
    int n = params.n();
    Modulus top = params.q(level);
    long halfTop = top.q >>> 1;
    long[][][] pa = a.parts;
    long[][][] res = new long[pa.length][level][];
    for (int p = 0; p < pa.length; p++) {
      final long[] last = pa[p][level].clone();
      params.nttQ(level).inverse(last);
      final long[][] src = pa[p];
      final long[][] dst = res[p];
      Parallel.forEach(level, i -> {
        Modulus m = params.q(i);
        long inv = m.inv(m.reduce(top.q));
        long invS = m.shoup(inv);
        long[] t = new long[n];
        for (int c = 0; c < n; c++) {
          long v = last[c];
          t[c] = m.reduce(v > halfTop ? v - top.q : v); // centred: rounds instead of flooring
        }
        params.nttQ(i).forward(t);
        long[] x = src[i];
        for (int c = 0; c < n; c++) {
          t[c] = m.mulShoup(m.sub(x[c], t[c]), inv, invS);
        }
        dst[i] = t;
      });
    }
    double scale = a.scale / top.q;
    int slots = a.slots;
    out.parts = res;
    out.level = level - 1;
    out.scale = scale;
    out.slots = slots;
    out.seed = null;
  }

  public Ciphertext rescaleNew(Ciphertext a) {
    Ciphertext out = blank();
    rescale(a, out);
    return out;
  }

  /** Drops primes down to {@code level} without changing the scale (exact). */
  public void dropLevel(Ciphertext a, int level, Ciphertext out) {
    check(a, "drop levels");
    if (level < 0 || level > a.level) {
      throw new LevelException("cannot drop levels: target level " + level + " not in [0, " + a.level + "]");
    }
    long[][][] pa = a.parts;
    shape(out, a.degree(), level, a.scale, a.slots);
    for (int k = 0; k < pa.length; k++) {
      copyInto(pa[k], out.parts[k], level);
    }
  }

  public Ciphertext dropLevelNew(Ciphertext a, int level) {
    Ciphertext out = blank();
    dropLevel(a, level, out);
    return out;
  }

  // ---------------------------------------------------------------- automorphisms

  /** Rotates the slots left by k (slot i receives slot i + k). */
  public void rotate(Ciphertext a, int k, Ciphertext out) {
    if (Math.floorMod(k, a.slots) == 0) {
      copyOrAlias(a, out);
      return;
    }
    int g = Galois.rotationElement(k, params.logN());
    automorphism(a, g, out, "rotate by " + k);
  }

  public Ciphertext rotateNew(Ciphertext a, int k) {
    Ciphertext out = blank();
    rotate(a, k, out);
    return out;
  }

  /** Complex conjugation of every slot. */
  public void conjugate(Ciphertext a, Ciphertext out) {
    automorphism(a, Galois.conjugationElement(params.logN()), out, "conjugate");
  }

  public Ciphertext conjugateNew(Ciphertext a) {
    Ciphertext out = blank();
    conjugate(a, out);
    return out;
  }

  private void copyOrAlias(Ciphertext a, Ciphertext out) {
    if (a != out) {
      shape(out, a.degree(), a.level, a.scale, a.slots);
      for (int k = 0; k < a.parts.length; k++) {
        copyInto(a.parts[k], out.parts[k], a.level);
      }
    }
  }

  private void automorphism(Ciphertext a, int g, Ciphertext out, String what) {
    String op = what;
    check(a, op);
    if (a.degree() != 1) {
      throw new IllegalArgumentException("cannot " + op + ": ciphertext must be relinearised (degree 1)");
    }
    checkKeys(op);
    SwitchingKey key = keys.galoisKey(g, op, what);
    long[][][] digits = switcher.decompose(a.parts[1], a.level);
    finishAutomorphism(a, digits, g, key, out);
  }

  /**
   * sigma_g of (c_0 + KS0(c_1), KS1(c_1)), where the Galois key switches s to sigma_g^-1(s): the
   * key switch runs sequentially on c_1's digits, and only the two results are permuted.
   */
  private void finishAutomorphism(Ciphertext a, long[][][] digits, int g, SwitchingKey key, Ciphertext out) {
    int level = a.level;
    int[] perm = Galois.nttPermutation(g, params.logN());
    long[][][] ks = switcher.switchDecomposed(digits, key, null, level);
    long[][] c0 = a.parts[0];
    long[][] r0 = new long[level + 1][params.n()];
    long[][] r1 = new long[level + 1][params.n()];
    Parallel.forEach(level + 1, i -> {
      Modulus m = params.q(i);
      long[] x = c0[i];
      long[] k0 = ks[0][i];
      long[] k1 = ks[1][i];
      long[] o0 = r0[i];
      long[] o1 = r1[i];
      for (int c = 0; c < o0.length; c++) {
        int src = perm[c];
        o0[c] = m.add(x[src], k0[src]);
        o1[c] = k1[src];
      }
    });
    double scale = a.scale;
    int slots = a.slots;
    out.parts = new long[][][] {r0, r1};
    out.level = level;
    out.scale = scale;
    out.slots = slots;
    out.seed = null;
  }

  /**
   * Rotations of one ciphertext by several amounts sharing one decomposition (hoisting): the inverse
   * NTT and ModUp of c_1 are paid once; each rotation costs an inner product and a ModDown.
   *
   * @return one ciphertext per amount, in order (amount 0 gives a copy)
   */
  public Ciphertext[] rotateHoisted(Ciphertext a, int[] amounts) {
    check(a, "rotate (hoisted)");
    if (a.degree() != 1) {
      throw new IllegalArgumentException("cannot rotate (hoisted): ciphertext must be relinearised (degree 1)");
    }
    checkKeys("rotate (hoisted)");
    SwitchingKey[] ks = new SwitchingKey[amounts.length];
    int[] gs = new int[amounts.length];
    for (int r = 0; r < amounts.length; r++) {
      if (Math.floorMod(amounts[r], a.slots) != 0) {
        gs[r] = Galois.rotationElement(amounts[r], params.logN());
        ks[r] = keys.galoisKey(gs[r], "rotate (hoisted) by " + amounts[r], "rotation by " + amounts[r]);
      }
    }
    long[][][] digits = switcher.decompose(a.parts[1], a.level);
    Ciphertext[] out = new Ciphertext[amounts.length];
    for (int r = 0; r < amounts.length; r++) {
      out[r] = blank();
      if (ks[r] == null) {
        copyOrAlias(a, out[r]);
      } else {
        finishAutomorphism(a, digits, gs[r], ks[r], out[r]);
      }
    }
    return out;
  }
}
