package io.heformer.ckks.poly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The symbolic evaluation plan of p(t) = sum_k c_k T_k(t) within a depth budget: which Chebyshev
 * polynomials T_k the power basis must hold, how the series splits, and how many
 * ciphertext-ciphertext products it costs. No ciphertext is touched; the plan is what
 * {@link ChebyshevEvaluator} executes.
 *
 * <p><b>Splitting.</b> With 2^j the highest power of two &lt;= deg p, the identity
 * T_{2^j + i} = 2 T_{2^j} T_i - T_{2^j - i} gives p = q + T_{2^j} r with deg q, deg r &lt; 2^j:
 * r_0 = c_{2^j}, r_i = 2 c_{2^j + i}, q_k = c_k - c_{2^(j+1) - k}. A piece is evaluated directly
 * (a <em>leaf</em>: one scalar product per term, one rescale for the sum) when every T_k it uses is a
 * baby step (k &lt; g) or a power of two and lies at least one level above the piece's target.
 * Otherwise it is split again. The high part r must land one level above p (the product with
 * T_{2^j} costs that level), the low part q at p's level.
 *
 * <p><b>Depth.</b> T_k sits ceil(log2 k) levels below T_1. A piece of degree e needs
 * ceil(log2(e + 1)) levels; splitting keeps every piece feasible, so a series of degree d is
 * evaluated in exactly ceil(log2(d + 1)) levels, the minimum. The depth-critical chain (the part
 * multiplied by every giant step) is split down to degree 1 if need be, which costs O(log d) extra
 * products; every other piece is a leaf of degree &lt; g, as in plain baby-step giant-step.
 *
 * <p><b>Parity.</b> Splitting preserves parity and only T_k with a nonzero coefficient (and the
 * T_k needed to build those) are requested, so odd and even series compute only odd (resp. even)
 * baby steps.
 *
 * <p><b>Baby-step size.</b> {@link #optimal} tries g = 2, 4, ..., 2^depth and keeps the plan with
 * the fewest new products (T_k already present in a shared basis are free).
 *
 * <p>Immutable.
 */
public final class ChebyshevPlan {

  /** A node of the split tree. */
  public sealed interface Node permits Leaf, Split {
    /** The index of the last nonzero coefficient (0 for a constant). */
    int degree();
  }

  /**
   * sum_k c_k T_k evaluated directly.
   *
   * @param coefficients c_0..c_e with c_e != 0 (or the single constant c_0)
   */
  public record Leaf(double[] coefficients) implements Node {
    @Override
    public int degree() {
      return coefficients.length - 1;
    }

    /** Whether the leaf is the constant c_0 (no ciphertext term). */
    public boolean isConstant() {
      return coefficients.length == 1;
    }
  }

  /**
   * low + T_power * high.
   *
   * @param power a power of two
   * @param low the part of degree &lt; power, evaluated at the node's level
   * @param high the part of degree &lt; power, evaluated one level above
   */
  public record Split(int power, Node low, Node high) implements Node {
    @Override
    public int degree() {
      return power + high.degree();
    }
  }

  private final Node root;
  private final int depth;
  private final int babySteps;
  private final int[] powers;
  private final int products;

  private ChebyshevPlan(Node root, int depth, int babySteps, int[] powers, int products) {
    this.root = root;
    this.depth = depth;
    this.babySteps = babySteps;
    this.powers = powers;
    this.products = products;
  }

  /** ceil(log2(d + 1)) for d &gt;= 1, 0 for d = 0: the least depth of a degree-d series. */
  public static int minimumDepth(int degree) {
    if (degree < 0) {
      throw new IllegalArgumentException("degree must be >= 0, got " + degree);
    }
    return degree == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(degree);
  }

  /** Levels below T_1 at which T_k is produced: ceil(log2 k) (0 for k &lt;= 1). */
  public static int levelsBelowT1(int k) {
    return k <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(k - 1);
  }

  /**
   * The plan with the fewest new ciphertext products over all baby-step sizes.
   *
   * @param coefficients c_0..c_d (trailing zeros are ignored)
   * @param depth the levels available below T_1, at least {@link #minimumDepth} of the effective
   *     degree
   * @param present which T_k already exist (cost nothing); may be null
   * @throws IllegalArgumentException if the depth is too small or a coefficient is not finite
   */
  public static ChebyshevPlan optimal(double[] coefficients, int depth, IntPredicate present) {
    double[] c = trimmed(coefficients);
    int need = minimumDepth(c.length - 1);
    if (depth < need) {
      throw new IllegalArgumentException("a degree-" + (c.length - 1) + " Chebyshev series needs depth " + need
          + ", got " + depth);
    }
    ChebyshevPlan best = null;
    for (int l = 1; l <= Math.max(1, depth); l++) {
      ChebyshevPlan p = withBabySteps(c, depth, 1 << l, present);
      if (best == null || p.products < best.products) {
        best = p;
      }
    }
    return best;
  }

  /**
   * The plan for a fixed baby-step bound g (T_1..T_{g-1} plus powers of two are leaf terms).
   *
   * @throws IllegalArgumentException as {@link #optimal}, or if g &lt; 2
   */
  public static ChebyshevPlan withBabySteps(double[] coefficients, int depth, int g, IntPredicate present) {
    if (g < 2) {
      throw new IllegalArgumentException("baby-step bound must be >= 2, got " + g);
    }
    double[] c = trimmed(coefficients);
    int need = minimumDepth(c.length - 1);
    if (depth < need) {
      throw new IllegalArgumentException("a degree-" + (c.length - 1) + " Chebyshev series needs depth " + need
          + ", got " + depth);
    }
    int[] splits = {0};
    TreeSet<Integer> used = new TreeSet<>();
    Node root = build(c, depth, g, used, splits);
    TreeSet<Integer> closure = new TreeSet<>();
    for (int k : used) {
      close(k, closure);
    }
    int products = splits[0];
    for (int k : closure) {
      if (k >= 2 && (present == null || !present.test(k))) {
        products++;
      }
    }
    int[] powers = closure.stream().mapToInt(Integer::intValue).toArray();
    return new ChebyshevPlan(root, depth, g, powers, products);
  }

  private static double[] trimmed(double[] c) {
    if (c.length == 0) {
      throw new IllegalArgumentException("a Chebyshev series needs at least one coefficient");
    }
    int e = c.length - 1;
    for (int k = 0; k <= e; k++) {
      if (!Double.isFinite(c[k])) {
        throw new IllegalArgumentException("coefficient c_" + k + " is " + c[k]);
      }
    }
    while (e > 0 && c[e] == 0.0) {
      e--;
    }
    return Arrays.copyOf(c, e + 1);
  }

  private static boolean isPowerOfTwo(int k) {
    return Integer.bitCount(k) == 1;
  }

  private static Node build(double[] c, int depth, int g, TreeSet<Integer> used, int[] splits) {
    int e = c.length - 1;
    if (fitsLeaf(c, depth, g)) {
      for (int k = 1; k <= e; k++) {
        if (c[k] != 0.0) {
          used.add(k);
        }
      }
      return new Leaf(c);
    }
    int pow = Integer.highestOneBit(e);
    double[] low = Arrays.copyOf(c, pow);
    double[] high = new double[e - pow + 1];
    high[0] = c[pow];
    for (int k = pow + 1; k <= e; k++) {
      high[k - pow] = 2 * c[k];
      low[2 * pow - k] -= c[k];
    }
    used.add(pow);
    Node h = build(trimmed(high), depth - 1, g, used, splits);
    Node l = build(trimmed(low), depth, g, used, splits);
    if (!(h instanceof Leaf leaf && leaf.isConstant())) {
      splits[0]++;
    }
    return new Split(pow, l, h);
  }

  private static boolean fitsLeaf(double[] c, int depth, int g) {
    for (int k = 1; k < c.length; k++) {
      if (c[k] != 0.0 && ((k >= g && !isPowerOfTwo(k)) || levelsBelowT1(k) > depth - 1)) {
        return false;
      }
    }
    return true;
  }

  /** Adds k and the T_j needed to build it (see {@link #factors}). */
  private static void close(int k, TreeSet<Integer> out) {
    if (k < 1 || !out.add(k) || k == 1) {
      return;
    }
    for (int f : factors(k)) {
      close(f, out);
    }
  }

  /**
   * The indices T_k is built from: {k/2} for a power of two (T_2a = 2 T_a^2 - 1), else
   * {a, k - a, 2a - k} with a the highest power of two below k (T_k = 2 T_a T_(k-a) - T_(2a-k)),
   * which keeps T_k exactly ceil(log2 k) levels below T_1.
   */
  public static int[] factors(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("T_" + k + " is not built from others");
    }
    if (isPowerOfTwo(k)) {
      return new int[] {k / 2};
    }
    int a = Integer.highestOneBit(k);
    return new int[] {a, k - a, 2 * a - k};
  }

  /** The split tree. */
  public Node root() {
    return root;
  }

  /** The depth budget below T_1 the plan was made for. */
  public int depth() {
    return depth;
  }

  /** g: T_1..T_{g-1} (as needed) are the baby steps. */
  public int babySteps() {
    return babySteps;
  }

  /** Every k &gt;= 1 whose T_k the evaluation reads or builds, ascending. */
  public int[] powers() {
    return powers.clone();
  }

  /** Ciphertext-ciphertext products not covered by the given present set. */
  public int products() {
    return products;
  }

  /** The leaves in evaluation order (for tests and reports). */
  public List<Leaf> leaves() {
    List<Leaf> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(Node n, List<Leaf> out) {
    switch (n) {
      case Leaf l -> out.add(l);
      case Split s -> {
        collect(s.high(), out);
        collect(s.low(), out);
      }
    }
  }

  @Override
  public String toString() {
    return "ChebyshevPlan[degree " + root.degree() + ", depth " + depth + ", g " + babySteps + ", "
        + products + " products, T " + Arrays.toString(powers) + "]";
  }
}
