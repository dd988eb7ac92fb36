package io.heformer.circuits.linear;

import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.HeException.MissingKeyException;
import io.heformer.ckks.HeException.ScaleMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The noise-free reference backend: complex double slot vectors that obey CKKS's rules (levels from a
 * prime chain, scales multiplied and divided exactly as the CKKS backend does, equal scales for
 * additions, relinearised operands for rotations, and rotation keys: amounts outside the allowed set
 * throw {@link MissingKeyException}). Layouts and key declarations are tested here without noise; the
 * same circuits then run under CKKS. Records every rotation amount used. Not thread-safe.
 */
public final class PlainSlotBackend implements SlotBackend<PlainSlots> {
  private final int slots;
  private final long[] primes;
  private final Set<Integer> allowedRotations;
  private final boolean conjugationAllowed;
  private final CostCounter counter = new CostCounter();
  private final TreeSet<Integer> used = new TreeSet<>();

  /**
   * @param slots a power of two
   * @param primes the ciphertext primes q_0..q_L (levels and scales follow them)
   * @param allowedRotations rotation amounts with keys (normalised mod slots), or null for any
   * @param conjugationAllowed whether a conjugation key exists
   */
  public PlainSlotBackend(int slots, long[] primes, Set<Integer> allowedRotations, boolean conjugationAllowed) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.slots = slots;
    this.primes = primes.clone();
    this.allowedRotations = allowedRotations == null ? null : normalise(allowedRotations, slots);
    this.conjugationAllowed = conjugationAllowed;
  }

  static TreeSet<Integer> normalise(Set<Integer> amounts, int slots) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int k : amounts) {
      int r = Math.floorMod(k, slots);
      if (r != 0) {
        s.add(r);
      }
    }
    return s;
  }

  /** A fresh vector (like an encryption) at a level and scale; shorter inputs are zero-padded. */
  public PlainSlots encode(double[] re, double[] im, int level, double scale) {
    if (re.length > slots || (im != null && im.length > slots)) {
      throw new IllegalArgumentException("cannot encode: more values than " + slots + " slots");
    }
    if (level < 0 || level >= primes.length) {
      throw new IllegalArgumentException("cannot encode: level " + level + " outside [0, " + (primes.length - 1) + "]");
    }
    double[] r = new double[slots];
    double[] i = new double[slots];
    System.arraycopy(re, 0, r, 0, re.length);
    if (im != null) {
      System.arraycopy(im, 0, i, 0, im.length);
    }
    return new PlainSlots(r, i, level, scale, 1);
  }

  /** The rotation amounts used so far (normalised to [1, slots)). */
  public Set<Integer> usedRotations() {
    return new TreeSet<>(used);
  }

  @Override
  public int slots() {
    return slots;
  }

  @Override
  public CostCounter counter() {
    return counter;
  }

  @Override
  public int level(PlainSlots v) {
    return v.level;
  }

  @Override
  public double scale(PlainSlots v) {
    return v.scale;
  }

  private static void checkScales(PlainSlots a, PlainSlots b, String op) {
    if (Math.abs(a.scale / b.scale - 1) > 1e-10) {
      throw new ScaleMismatchException(String.format("cannot %s: scales differ (2^%.6f vs 2^%.6f)", op,
          Math.log(a.scale) / Math.log(2), Math.log(b.scale) / Math.log(2)));
    }
  }

  @Override
  public PlainSlots add(PlainSlots a, PlainSlots b) {
    return addSub(a, b, 1, "add");
  }

  @Override
  public PlainSlots sub(PlainSlots a, PlainSlots b) {
    return addSub(a, b, -1, "sub");
  }

  private PlainSlots addSub(PlainSlots a, PlainSlots b, double sign, String op) {
    checkScales(a, b, op);
    double[] r = new double[slots];
    double[] i = new double[slots];
    for (int s = 0; s < slots; s++) {
      r[s] = a.re[s] + sign * b.re[s];
      i[s] = a.im[s] + sign * b.im[s];
    }
    return new PlainSlots(r, i, Math.min(a.level, b.level), a.scale, Math.max(a.degree, b.degree));
  }

  @Override
  public PlainSlots mulPlain(PlainSlots x, SlotMask mask) {
    if (slots % mask.period() != 0) {
      throw new IllegalArgumentException("mask period " + mask.period() + " does not divide " + slots + " slots");
    }
    counter.ptMults++;
    int p = mask.period();
    double[] mr = mask.re();
    double[] mi = mask.im();
    double[] r = new double[slots];
    double[] i = new double[slots];
    for (int s = 0; s < slots; s++) {
      double ar = mr[s & (p - 1)];
      double ai = mi == null ? 0 : mi[s & (p - 1)];
      r[s] = x.re[s] * ar - x.im[s] * ai;
      i[s] = x.re[s] * ai + x.im[s] * ar;
    }
    return new PlainSlots(r, i, x.level, x.scale * primes[x.level], x.degree);
  }

  @Override
  public PlainSlots mulPlainAccumulate(PlainSlots acc, PlainSlots x, SlotMask mask) {
    PlainSlots t = mulPlain(x, mask);
    return acc == null ? t : add(acc, t);
  }

  @Override
  public PlainSlots accumulate(PlainSlots acc, PlainSlots term) {
    return acc == null ? term : add(acc, term);
  }

  @Override
  public PlainSlots mulConst(PlainSlots x, double c) {
    double[] r = new double[slots];
    double[] i = new double[slots];
    for (int s = 0; s < slots; s++) {
      r[s] = x.re[s] * c;
      i[s] = x.im[s] * c;
    }
    return new PlainSlots(r, i, x.level, x.scale * primes[x.level], x.degree);
  }

  @Override
  public PlainSlots mulByI(PlainSlots x) {
    double[] r = new double[slots];
    double[] i = new double[slots];
    for (int s = 0; s < slots; s++) {
      r[s] = -x.im[s];
      i[s] = x.re[s];
    }
    return new PlainSlots(r, i, x.level, x.scale, x.degree);
  }

  @Override
  public PlainSlots halve(PlainSlots x) {
    double[] r = new double[slots];
    double[] i = new double[slots];
    for (int s = 0; s < slots; s++) {
      r[s] = 0.5 * x.re[s];
      i[s] = 0.5 * x.im[s];
    }
    return new PlainSlots(r, i, x.level, x.scale * 2, x.degree);
  }

  @Override
  public PlainSlots mul(PlainSlots a, PlainSlots b) {
    if (a.degree != 1 || b.degree != 1) {
      throw new IllegalArgumentException("cannot multiply: operands must be relinearised (degree 1)");
    }
    counter.ctMults++;
    double[] r = new double[slots];
    double[] i = new double[slots];
    for (int s = 0; s < slots; s++) {
      r[s] = a.re[s] * b.re[s] - a.im[s] * b.im[s];
      i[s] = a.re[s] * b.im[s] + a.im[s] * b.re[s];
    }
    return new PlainSlots(r, i, Math.min(a.level, b.level), a.scale * b.scale, 2);
  }

  @Override
  public PlainSlots relinearize(PlainSlots a) {
    if (a.degree == 1) {
      return a;
    }
    counter.relinearizations++;
    return new PlainSlots(a.re, a.im, a.level, a.scale, 1);
  }

  @Override
  public PlainSlots rescale(PlainSlots a) {
    if (a.level == 0) {
      throw new LevelException("cannot rescale: vector is at level 0");
    }
    counter.rescales++;
    return new PlainSlots(a.re, a.im, a.level - 1, a.scale / primes[a.level], a.degree);
  }

  @Override
  public PlainSlots dropLevel(PlainSlots a, int level) {
    if (level < 0 || level > a.level) {
      throw new LevelException("cannot drop levels: target level " + level + " not in [0, " + a.level + "]");
    }
    return new PlainSlots(a.re, a.im, level, a.scale, a.degree);
  }

  private void checkKey(int r, String op) {
    if (allowedRotations != null && !allowedRotations.contains(r)) {
      throw new MissingKeyException("cannot " + op + ": no key for rotation by " + r);
    }
    used.add(r);
  }

  private PlainSlots rotateUncounted(PlainSlots x, int r) {
    double[] re = new double[slots];
    double[] im = new double[slots];
    for (int s = 0; s < slots; s++) {
      int src = (s + r) & (slots - 1);
      re[s] = x.re[src];
      im[s] = x.im[src];
    }
    return new PlainSlots(re, im, x.level, x.scale, x.degree);
  }

  @Override
  public PlainSlots rotate(PlainSlots x, int k) {
    int r = Math.floorMod(k, slots);
    if (r == 0) {
      return x;
    }
    if (x.degree != 1) {
      throw new IllegalArgumentException("cannot rotate: vector must be relinearised (degree 1)");
    }
    checkKey(r, "rotate");
    counter.rotations++;
    return rotateUncounted(x, r);
  }

  @Override
  public List<PlainSlots> rotateHoisted(PlainSlots x, int[] amounts) {
    if (x.degree != 1) {
      throw new IllegalArgumentException("cannot rotate: vector must be relinearised (degree 1)");
    }
    List<PlainSlots> out = new ArrayList<>();
    boolean any = false;
    for (int k : amounts) {
      int r = Math.floorMod(k, slots);
      if (r == 0) {
        out.add(x);
      } else {
        checkKey(r, "rotate (hoisted)");
        counter.rotations++;
        any = true;
        out.add(rotateUncounted(x, r));
      }
    }
    if (any) {
      counter.hoistedDecompositions++;
    }
    return out;
  }

  @Override
  public PlainSlots conjugate(PlainSlots x) {
    if (!conjugationAllowed) {
      throw new MissingKeyException("cannot conjugate: no conjugation key");
    }
    counter.conjugations++;
    double[] im = new double[slots];
    for (int s = 0; s < slots; s++) {
      im[s] = -x.im[s];
    }
    return new PlainSlots(x.re, im, x.level, x.scale, x.degree);
  }
}
