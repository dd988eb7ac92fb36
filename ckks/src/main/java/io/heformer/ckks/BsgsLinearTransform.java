package io.heformer.ckks;

import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Parallel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One homomorphic linear map y = M x on W slots, M given by its diagonals, evaluated by the
 * baby-step giant-step method (Halevi-Shoup, with Bossuat et al.'s hoisting): each diagonal offset
 * d = (G + b) s is split into a giant part G s and a baby part b s, so that
 *
 * <pre>  y = sum_G rot_(G s)( sum_b rot_(-G s)(diag_d) * rot_(b s)(x) ).</pre>
 *
 * The baby rotations of x share one key-switching decomposition (hoisted); each giant costs one
 * ordinary rotation. The diagonals are encoded at scale q_level, so the single rescale at the end
 * returns the input's scale exactly and the map consumes exactly one level.
 *
 * <p>The split is chosen per matrix, minimising hoisted rotations plus twice the giant rotations.
 * Rotation amounts are normalised to [0, W): keys and evaluation use the same Galois elements.
 */
final class BsgsLinearTransform {
  private final CkksParameters params;
  private final DiagonalMatrix matrix;
  private final int level;
  private final int width;
  private final int[] babies;
  private final int[] giants;
  /** For each giant index: baby index to diagonal offset. */
  private final List<Map<Integer, Integer>> plan;
  private volatile Plaintext[][] encoded;

  BsgsLinearTransform(CkksParameters params, DiagonalMatrix matrix, int level) {
    this.params = params;
    this.matrix = matrix;
    this.level = level;
    this.width = matrix.width;
    int stride = 0;
    List<Integer> signed = new ArrayList<>();
    for (int d : matrix.diagonals.keySet()) {
      int s = d > width / 2 ? d - width : d;
      signed.add(s);
      stride = gcd(stride, Math.abs(s));
    }
    stride = Math.max(stride, 1);
    int bestN1 = 1;
    int bestCost = Integer.MAX_VALUE;
    for (int n1 = 1; n1 <= 2 * width; n1 <<= 1) {
      TreeSet<Integer> bs = new TreeSet<>();
      TreeSet<Integer> gs = new TreeSet<>();
      for (int s : signed) {
        int k = s / stride;
        int g = Math.floorDiv(k + n1 / 2, n1) * n1;
        bs.add(Math.floorMod((k - g) * stride, width));
        gs.add(Math.floorMod(g * stride, width));
      }
      bs.remove(0);
      gs.remove(0);
      int cost = bs.size() + 2 * gs.size();
      if (cost < bestCost) {
        bestCost = cost;
        bestN1 = n1;
      }
    }
    TreeSet<Integer> bs = new TreeSet<>();
    TreeSet<Integer> gs = new TreeSet<>();
    Map<Integer, Map<Integer, Integer>> byGiant = new LinkedHashMap<>();
    for (int s : signed) {
      int k = s / stride;
      int g = Math.floorDiv(k + bestN1 / 2, bestN1) * bestN1;
      int b = Math.floorMod((k - g) * stride, width);
      int gr = Math.floorMod(g * stride, width);
      bs.add(b);
      gs.add(gr);
      byGiant.computeIfAbsent(gr, x -> new LinkedHashMap<>()).put(b, Math.floorMod(s, width));
    }
    babies = bs.stream().mapToInt(Integer::intValue).toArray();
    giants = gs.stream().mapToInt(Integer::intValue).toArray();
    plan = new ArrayList<>();
    for (int g : giants) {
      Map<Integer, Integer> m = new LinkedHashMap<>();
      for (var e : byGiant.get(g).entrySet()) {
        m.put(java.util.Arrays.binarySearch(babies, e.getKey()), e.getValue());
      }
      plan.add(m);
    }
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  int level() {
    return level;
  }

  int width() {
    return width;
  }

  DiagonalMatrix matrix() {
    return matrix;
  }

  /** The non-zero rotation amounts (in [0, W)) this map needs keys for. */
  TreeSet<Integer> rotations() {
    TreeSet<Integer> r = new TreeSet<>();
    for (int b : babies) {
      r.add(b);
    }
    for (int g : giants) {
      r.add(g);
    }
    r.remove(0);
    return r;
  }

  int diagonalCount() {
    return matrix.diagonals.size();
  }

  /** Bytes held by the encoded diagonals (0 until first use). */
  long encodedBytes() {
    Plaintext[][] e = encoded;
    return e == null ? 0 : 8L * (level + 1) * params.n() * diagonalCount();
  }

  /** Encodes the pre-rotated diagonals at this level and scale q_level (once; cached). */
  private Plaintext[][] encoded(Encoder encoder) {
    Plaintext[][] e = encoded;
    if (e == null) {
      synchronized (this) {
        e = encoded;
        if (e == null) {
          double scale = (double) params.q(level).q;
          e = new Plaintext[giants.length][babies.length];
          for (int gi = 0; gi < giants.length; gi++) {
            for (var b : plan.get(gi).entrySet()) {
              double[][] v = matrix.rotatedDiagonal(b.getValue(), -giants[gi]);
              e[gi][b.getKey()] = encoder.encode(v[0], v[1], level, scale, width);
            }
          }
          encoded = e;
        }
      }
    }
    return e;
  }

  /**
   * out = M in, one level lower than this map's level, at the input's scale.
   *
   * @throws LevelException if the input is below this map's level
   */
  void apply(Evaluator eval, Encoder encoder, Ciphertext in, Ciphertext out) {
    if (in.level < level) {
      throw new LevelException(String.format(
          "cannot apply a linear transform: it runs at level %d, the ciphertext is at level %d", level, in.level));
    }
    if (in.slots != width) {
      throw new IllegalArgumentException("linear transform on " + width + " slots given " + in.slots);
    }
    Plaintext[][] pts = encoded(encoder);
    Ciphertext x = in.level == level ? in : eval.dropLevelNew(in, level);
    Ciphertext[] rot = eval.rotateHoisted(x, babies);
    Ciphertext total = null;
    for (int gi = 0; gi < giants.length; gi++) {
      Ciphertext acc = Ciphertext.allocate(params, 1, level, x.scale * pts[gi][plan.get(gi).keySet().iterator().next()].scale, width);
      for (var b : plan.get(gi).entrySet()) {
        mulPlainAccumulate(rot[b.getKey()], pts[gi][b.getKey()], acc);
      }
      if (giants[gi] != 0) {
        eval.rotate(acc, giants[gi], acc);
      }
      if (total == null) {
        total = acc;
      } else {
        eval.add(total, acc, total);
      }
    }
    eval.rescale(total, out);
  }

  /** acc += ct * pt limb-wise in the NTT domain (same level; scales are the caller's bookkeeping). */
  private void mulPlainAccumulate(Ciphertext ct, Plaintext pt, Ciphertext acc) {
    int n = params.n();
    for (int k = 0; k < 2; k++) {
      long[][] src = ct.parts[k];
      long[][] dst = acc.parts[k];
      Parallel.forEach(level + 1, i -> {
        Modulus m = params.q(i);
        long[] x = src[i];
        long[] y = pt.poly[i];
        long[] o = dst[i];
        for (int c = 0; c < n; c++) {
          o[c] = m.add(o[c], m.mul(x[c], y[c]));
        }
      });
    }
  }
}
