package io.heformer.ckks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CoeffToSlot and SlotToCoeff of CKKS bootstrapping: the encoder's special FFT (and its inverse)
 * evaluated on ciphertexts as a product of sparse matrices.
 *
 * <p>The special FFT on n slots is SF = B_(log n) ... B_1 R, with R the bit-reversal permutation
 * and B_k the butterfly stage of half-length 2^(k-1) (three diagonals: 0 and +-2^(k-1)). R is never
 * evaluated: CoeffToSlot computes u = (1/n) B'_1 ... B'_(log n) z = R w (the coefficient vector w in
 * bit-reversed order, B'_k = 2 B_k^-1), the modular reduction acts slot-wise so it does not care about
 * the order, and SlotToCoeff applies B_(log n) ... B_1 to the bit-reversed vector, which is SF of
 * the reduced coefficients. The log n stages are grouped into {@code levels} merged stages (one level
 * each, evaluated by {@link BsgsLinearTransform}); fewer levels mean more diagonals per stage.
 *
 * <p>Packing. With n = N/2 slots the complex vector w holds all N real coefficients and the caller
 * splits real and imaginary parts by conjugation. With n &lt;= N/4 the transforms work on W = 2n slots
 * (an n-slot ciphertext read with 2n slots repeats its values twice), and CoeffToSlot's last stage
 * writes [u, -i u] so that ct + conj(ct) holds [Re u, Im u]: all 2n real coefficients in one
 * ciphertext, reduced by a single EvalMod. SlotToCoeff's first stage recombines them as
 * [v_lo + i v_hi, v_lo + i v_hi], which is again an n-slot ciphertext.
 */
final class HomomorphicDft {
  private final int slots;
  private final int width;
  private final List<BsgsLinearTransform> stages;

  private HomomorphicDft(int slots, int width, List<BsgsLinearTransform> stages) {
    this.slots = slots;
    this.width = width;
    this.stages = Collections.unmodifiableList(stages);
  }

  /**
   * CoeffToSlot: factor * (1/n) B'_1 ... B'_(log n), followed (sparse packing) by [1; -i].
   *
   * @param topLevel the level of the first merged stage; stage t runs at topLevel - t
   */
  static HomomorphicDft coeffToSlot(CkksParameters params, int slots, int levels, int topLevel, double factor) {
    int width = width(params, slots);
    int logn = Integer.numberOfTrailingZeros(slots);
    List<DiagonalMatrix> seq = new ArrayList<>();
    for (int k = logn; k >= 1; k--) {
      seq.add(butterfly(params, slots, width, k, true));
    }
    DiagonalMatrix tail = DiagonalMatrix.identity(width);
    if (width > slots) {
      double[][] d = tail.diagonal(0);
      for (int t = slots; t < width; t++) {
        d[0][t] = 0;
        d[1][t] = -1;
      }
    }
    return build(params, slots, width, seq, null, tail, levels, topLevel, factor / slots);
  }

  /** SlotToCoeff: factor * B_(log n) ... B_1, preceded (sparse packing) by the recombination. */
  static HomomorphicDft slotToCoeff(CkksParameters params, int slots, int levels, int topLevel, double factor) {
    int width = width(params, slots);
    int logn = Integer.numberOfTrailingZeros(slots);
    List<DiagonalMatrix> seq = new ArrayList<>();
    for (int k = 1; k <= logn; k++) {
      seq.add(butterfly(params, slots, width, k, false));
    }
    DiagonalMatrix head = null;
    if (width > slots) {
      head = new DiagonalMatrix(width);
      for (int t = 0; t < width; t++) {
        boolean low = t < slots;
        head.set(0, t, low ? 1 : 0, low ? 0 : 1);
        head.set(slots, t, low ? 0 : 1, low ? 1 : 0);
      }
    }
    return build(params, slots, width, seq, head, null, levels, topLevel, factor);
  }

  private static int width(CkksParameters params, int slots) {
    if (slots < 1 || Integer.bitCount(slots) != 1 || slots > params.n() / 2) {
      throw new IllegalArgumentException("slots must be a power of two in [1, N/2]: " + slots);
    }
    return slots < params.n() / 2 ? 2 * slots : slots;
  }

  /**
   * Butterfly stage k (half-length h = 2^(k-1)) on W slots, the n-slot pattern repeated. Forward
   * (decoding): (a, b) -> (a + w b, a - w b); inverse: (a, b) -> (a + b, (a - b) conj(w)), with
   * w_j = exp(2 pi i (5^j mod 8h) / 8h) as in {@link Encoder#specialFft}.
   */
  private static DiagonalMatrix butterfly(CkksParameters params, int n, int width, int k, boolean inverse) {
    int h = 1 << (k - 1);
    int len = 2 * h;
    int lenq = 4 * len;
    int twoN = 2 * params.n();
    DiagonalMatrix m = new DiagonalMatrix(width);
    long five = 1;
    double[] wr = new double[h];
    double[] wi = new double[h];
    for (int j = 0; j < h; j++) {
      double angle = 2 * Math.PI * (five % lenq) / lenq;
      wr[j] = Math.cos(angle);
      wi[j] = Math.sin(angle);
      five = five * 5 % twoN;
    }
    for (int t = 0; t < width; t++) {
      int p = (t % n) % len;
      int j = p % h;
      if (p < h) {
        m.set(0, t, 1, 0);
        m.set(h, t, inverse ? 1 : wr[j], inverse ? 0 : wi[j]);
      } else if (inverse) {
        m.set(0, t, -wr[j], wi[j]);
        m.set(-h, t, wr[j], -wi[j]);
      } else {
        m.set(0, t, -wr[j], -wi[j]);
        m.set(-h, t, 1, 0);
      }
    }
    return m;
  }

  /** Groups the stages (application order) into {@code levels} merged matrices as evenly as possible. */
  private static HomomorphicDft build(CkksParameters params, int slots, int width, List<DiagonalMatrix> seq,
      DiagonalMatrix head, DiagonalMatrix tail, int levels, int topLevel, double factor) {
    int count = seq.size();
    if (levels < 1 || levels > Math.max(count, 1)) {
      throw new IllegalArgumentException(
          "level budget of a homomorphic DFT on " + slots + " slots must be in [1, " + Math.max(count, 1) + "]: " + levels);
    }
    if (topLevel - levels + 1 < 1) {
      throw new IllegalArgumentException(
          "a homomorphic DFT of " + levels + " levels cannot start at level " + topLevel);
    }
    List<BsgsLinearTransform> stages = new ArrayList<>();
    int from = 0;
    for (int g = 0; g < levels; g++) {
      int size = count / levels + (g < count % levels ? 1 : 0);
      DiagonalMatrix m = g == 0 && head != null ? head : DiagonalMatrix.identity(width);
      for (int i = from; i < from + size; i++) {
        m = seq.get(i).times(m);
      }
      from += size;
      if (g == levels - 1 && tail != null) {
        m = tail.times(m);
      }
      // The scalar is spread evenly over the stages, not folded into one: a stage's diagonals are
      // rounded to integers at scale q_level, so their relative precision is proportional to their
      // size, and CoeffToSlot's input (q_0 I) is ~2^24 above the message. One stage carrying all of
      // 1/(2 K' n) lost ~13 bits of bootstrapping precision at N = 2^16.
      m.scale(Math.pow(Math.abs(factor), 1.0 / levels) * (g == 0 ? Math.signum(factor) : 1), 0);
      stages.add(new BsgsLinearTransform(params, m, topLevel - g));
    }
    return new HomomorphicDft(slots, width, stages);
  }

  int slots() {
    return slots;
  }

  /** Slots during the transform: n, or 2n with sparse packing. */
  int width() {
    return width;
  }

  int levels() {
    return stages.size();
  }

  List<BsgsLinearTransform> stages() {
    return stages;
  }

  /** Rotation amount to the highest level at which it is used. */
  Map<Integer, Integer> rotationLevels() {
    Map<Integer, Integer> r = new TreeMap<>();
    for (BsgsLinearTransform s : stages) {
      for (int k : s.rotations()) {
        r.merge(k, s.level(), Math::max);
      }
    }
    return r;
  }

  long encodedBytes() {
    long b = 0;
    for (BsgsLinearTransform s : stages) {
      b += s.encodedBytes();
    }
    return b;
  }

  /** The transform on a ciphertext of {@link #width()} slots; consumes {@link #levels()} levels. */
  Ciphertext apply(Evaluator eval, Encoder encoder, Ciphertext in) {
    Ciphertext x = in;
    for (BsgsLinearTransform s : stages) {
      Ciphertext out = eval.blankLike(in);
      s.apply(eval, encoder, x, out);
      x = out;
    }
    return x;
  }

  /** The same product of matrices on a plain complex vector {re, im} of W entries (tests, planning). */
  double[][] applyPlain(double[][] x) {
    double[][] y = x;
    for (BsgsLinearTransform s : stages) {
      y = s.matrix().apply(y);
    }
    return y;
  }
}
