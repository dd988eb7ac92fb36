package io.heformer.circuits.linear;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The diagonal linear transform y = sum_{k = kMin..kMax} rot_{k step}(x) * d_k, evaluated by baby-step
 * giant-step: with k = g b + j (0 &lt;= j &lt; b),
 * y = sum_g rot_{g b step}( sum_j rot_{j step}(x) * rot_{-g b step}(d_k) ),
 * so the b - 1 baby rotations of x are hoisted (one decomposition) and shared by every giant step
 * and by every transform applied to the same x, and each non-zero giant step costs one rotation of
 * an accumulator. Plaintext diagonals are pre-rotated in the clear.
 *
 * <p>Costs (dense diagonals): b - 1 hoisted rotations per input, one rotation per non-zero giant
 * step per output, one plaintext product per diagonal, one rescale. Depth 1. Rotation keys:
 * {j step : 0 &lt; j &lt; b} and {g b step : g != 0} (mod slots).
 *
 * <p>Immutable apart from a lazily filled, synchronised cache of pre-rotated reusable diagonals;
 * thread-safe for evaluation if the backend is (the backends of this package are not: one per thread).
 */
public final class LinearTransform implements Circuit {
  /** Supplies diagonal k (the factor of rot_{k step}(x)); null or all-zero for an absent diagonal. */
  @FunctionalInterface
  public interface Diagonals {
    SlotMask diagonal(int k);
  }

  private final int slots;
  private final int step;
  private final int kMin;
  private final int kMax;
  private final int baby;
  private final Diagonals diagonals;
  private final boolean cacheDiagonals;
  private final SlotMask[] rotated;
  private final boolean[] known;

  /**
   * @param slots slot count of the vectors
   * @param step rotation unit
   * @param kMin smallest diagonal index (may be negative)
   * @param kMax largest diagonal index
   * @param baby baby-step count b &gt;= 1
   * @param diagonals diagonal supplier; called once per diagonal per evaluation, or once in all if
   *     {@code cacheDiagonals} (structural transforms reused many times)
   */
  public LinearTransform(int slots, int step, int kMin, int kMax, int baby, Diagonals diagonals, boolean cacheDiagonals) {
    if (kMax < kMin || baby < 1) {
      throw new IllegalArgumentException("bad transform: k in [" + kMin + ", " + kMax + "], baby steps " + baby);
    }
    this.slots = slots;
    this.step = step;
    this.kMin = kMin;
    this.kMax = kMax;
    this.baby = baby;
    this.diagonals = diagonals;
    this.cacheDiagonals = cacheDiagonals;
    this.rotated = cacheDiagonals ? new SlotMask[kMax - kMin + 1] : null;
    this.known = cacheDiagonals ? new boolean[kMax - kMin + 1] : null;
  }

  /** A baby-step count near sqrt of the number of diagonals, as a power of two. */
  public static int balancedBabySteps(int diagonalCount) {
    int b = 1;
    while (b * b < diagonalCount) {
      b <<= 1;
    }
    return b;
  }

  public int step() {
    return step;
  }

  public int babySteps() {
    return baby;
  }

  /** The baby rotation amounts j step, j = 0..b-1 (index j of {@link #babySteps(SlotBackend, Object)}'s result). */
  public int[] babyAmounts() {
    int[] a = new int[baby];
    for (int j = 0; j < baby; j++) {
      a[j] = j * step;
    }
    return a;
  }

  /** The giant rotation amounts g b step for every giant step g != 0 in range. */
  public List<Integer> giantAmounts() {
    List<Integer> a = new ArrayList<>();
    for (int g = Math.floorDiv(kMin, baby); g <= Math.floorDiv(kMax, baby); g++) {
      if (Math.floorMod(g * baby * step, slots) != 0) {
        a.add(g * baby * step);
      }
    }
    return a;
  }

  @Override
  public int depth() {
    return 1;
  }

  @Override
  public Set<Integer> rotations() {
    TreeSet<Integer> s = new TreeSet<>();
    s.addAll(babyRotations());
    s.addAll(giantRotations());
    return s;
  }

  /** True if some diagonal index k in range has k = j mod b. */
  private boolean babyUsed(int j) {
    return kMin + Math.floorMod(j - kMin, baby) <= kMax;
  }

  /** The rotations of the baby steps only (shared by transforms applied to one input). */
  public Set<Integer> babyRotations() {
    TreeSet<Integer> s = new TreeSet<>();
    for (int j = 1; j < baby; j++) {
      if (babyUsed(j)) {
        add(s, j * step);
      }
    }
    return s;
  }

  /** The rotations of the giant steps only (paid per output). */
  public Set<Integer> giantRotations() {
    TreeSet<Integer> s = new TreeSet<>();
    for (int g : giantAmounts()) {
      add(s, g);
    }
    return s;
  }

  private void add(Set<Integer> s, int k) {
    int r = Math.floorMod(k, slots);
    if (r != 0) {
      s.add(r);
    }
  }

  /** rot_{j step}(x) for j = 0..b-1, hoisted (null where no diagonal uses j). */
  public <V> List<V> babySteps(SlotBackend<V> be, V x) {
    List<Integer> js = new ArrayList<>();
    for (int j = 0; j < baby; j++) {
      if (babyUsed(j)) {
        js.add(j);
      }
    }
    int[] a = new int[js.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = js.get(i) * step;
    }
    List<V> rotatedX = be.rotateHoisted(x, a);
    List<V> r = new ArrayList<>();
    for (int j = 0; j < baby; j++) {
      r.add(null);
    }
    for (int i = 0; i < a.length; i++) {
      r.set(js.get(i), rotatedX.get(i));
    }
    return r;
  }

  /** T(x), rescaled: one level. */
  public <V> V apply(SlotBackend<V> be, V x) {
    return be.rescale(applySum(be, List.of(this), List.of(babySteps(be, x))));
  }

  /** Diagonal k pre-rotated for giant step g, or null if absent. */
  private SlotMask preRotated(int k) {
    if (cacheDiagonals) {
      synchronized (this) { // shared structural transforms may be evaluated from several threads
        int idx = k - kMin;
        if (!known[idx]) {
          rotated[idx] = prepare(k);
          known[idx] = true;
        }
        return rotated[idx];
      }
    }
    return prepare(k);
  }

  private SlotMask prepare(int k) {
    SlotMask d = diagonals.diagonal(k);
    if (d == null || d.isZero()) {
      return null;
    }
    return d.rotatedRight(Math.floorDiv(k, baby) * baby * step);
  }

  /**
   * sum_i T_i(x_i) without the final rescale (scale of x times q_level, degree 1): the transforms must
   * share step and baby-step count; babies.get(i) are x_i's baby steps. Giant-step accumulators are
   * summed over all inputs before their one rotation.
   */
  public static <V> V applySum(SlotBackend<V> be, List<LinearTransform> ts, List<List<V>> babies) {
    return applySumLanes(be, ts, List.of(babies)).get(0);
  }

  /**
   * {@link #applySum} for several independent lanes (e.g. row tiles of one matrix) that use the same
   * transforms: each diagonal is prepared once and multiplied into every lane.
   *
   * @param babies babies.get(lane).get(i) = baby steps of lane's input i
   * @return one un-rescaled result per lane
   */
  public static <V> List<V> applySumLanes(SlotBackend<V> be, List<LinearTransform> ts, List<List<List<V>>> babies) {
    if (ts.isEmpty()) {
      throw new IllegalArgumentException("no transforms to apply");
    }
    int step = ts.get(0).step;
    int b = ts.get(0).baby;
    int gMin = Integer.MAX_VALUE;
    int gMax = Integer.MIN_VALUE;
    for (LinearTransform t : ts) {
      if (t.step != step || t.baby != b) {
        throw new IllegalArgumentException("transforms differ in step or baby steps: " + t.step + "/" + t.baby
            + " vs " + step + "/" + b);
      }
      gMin = Math.min(gMin, Math.floorDiv(t.kMin, b));
      gMax = Math.max(gMax, Math.floorDiv(t.kMax, b));
    }
    int lanes = babies.size();
    List<V> total = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      total.add(null);
    }
    for (int g = gMin; g <= gMax; g++) {
      List<V> acc = new ArrayList<>();
      for (int l = 0; l < lanes; l++) {
        acc.add(null);
      }
      for (int i = 0; i < ts.size(); i++) {
        LinearTransform t = ts.get(i);
        for (int j = 0; j < b; j++) {
          int k = g * b + j;
          if (k < t.kMin || k > t.kMax) {
            continue;
          }
          SlotMask m = t.preRotated(k);
          if (m == null) {
            continue;
          }
          if (lanes > 1) {
            m = m.asReusable(); // encoded once for all lanes (cached weakly by the backend)
          }
          for (int l = 0; l < lanes; l++) {
            acc.set(l, be.mulPlainAccumulate(acc.get(l), babies.get(l).get(i).get(j), m));
          }
        }
      }
      for (int l = 0; l < lanes; l++) {
        if (acc.get(l) == null) {
          continue;
        }
        V r = be.rotate(acc.get(l), g * b * step);
        total.set(l, be.accumulate(total.get(l), r));
      }
    }
    for (int l = 0; l < lanes; l++) {
      if (total.get(l) == null) {
        throw new IllegalArgumentException("linear transform with only zero diagonals");
      }
    }
    return total;
  }
}
