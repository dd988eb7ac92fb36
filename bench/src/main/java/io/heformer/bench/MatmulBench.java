package io.heformer.bench;

import static io.heformer.circuits.matrix.DenseReference.block;
import static io.heformer.circuits.matrix.DenseReference.mul;
import static io.heformer.circuits.matrix.DenseReference.random;
import static io.heformer.circuits.matrix.DenseReference.transpose;

import io.heformer.circuits.linear.CkksSlotBackend;
import io.heformer.circuits.linear.CostCounter;
import io.heformer.circuits.matrix.BlockProduct;
import io.heformer.circuits.matrix.LoraProducts;
import io.heformer.circuits.matrix.MatrixCodec;
import io.heformer.circuits.matrix.PackedMatrix;
import io.heformer.circuits.matrix.Packing;
import io.heformer.circuits.matrix.Pcmm;
import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParameters;
import io.heformer.ckks.CkksParametersSpec;
import io.heformer.ckks.Decryptor;
import io.heformer.ckks.Encoder;
import io.heformer.ckks.Encryptor;
import io.heformer.ckks.EvaluationKeys;
import io.heformer.ckks.Evaluator;
import io.heformer.ckks.KeyGenerator;
import io.heformer.ckks.ParameterPresets;
import io.heformer.ckks.SecretKey;
import io.heformer.ckks.SecurityStandard;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The paper's matrix-product comparison under CKKS: X (T x d) times W (d x d) as PCMM (W plaintext) and
 * as CCMM (W encrypted), Q, K, V sharing PCMM's rotated copies of X, the rank-r LoRA products and
 * Q K^T for one head pair. At N = 2^16: T = 128, d = 768, tiles 128 x 256 (three ciphertexts per
 * activation), as in the paper; at N = 2^14 the shapes scale down to T = 64, d = 384, tiles 64 x 128.
 *
 * <p>Each section generates exactly the rotation keys its products declare (keys are about 50 MB each
 * at N = 2^16 with the bench's chain, so sections do not keep each other's keys), times the product
 * (PCMM: minimum of two runs; the rest once) after one untimed PCMM that warms the JIT (key generation and encryption are not timed),
 * counts operations, and checks the decrypted
 * result against the double-precision product.
 */
public final class MatmulBench {
  /**
   * N = 2^16 with a chain as long as these products need (fresh ciphertexts at level &lt;= 5 as in the
   * paper's weight level): 60 + 10 x 50 bit primes, P = 4 x 60, dnum 3; log QP 800 &lt;= 1747.
   */
  public static final CkksParametersSpec N16_MATMUL =
      CkksParametersSpec.of("N16-L10-matmul", 16, new int[] {60, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50},
          new int[] {60, 60, 60, 60}, 3, 50);

  /** Timed repetitions of the PCMM rows (minimum reported); CCMM and LoRA rows run once. */
  static final int PCMM_REPS = 2;

  private MatmulBench() {}

  /** The parameter set for a ring degree: the bench set at 2^16, the secure preset otherwise. */
  public static CkksParametersSpec specFor(int logN) {
    return logN == 16 ? N16_MATMUL : ParameterPresets.forLogN(logN);
  }

  /**
   * Runs every section; prints a table and returns a JSON-ready map.
   *
   * @param rank the LoRA rank r of the adapter products (the paper's is 2; their cost grows
   *     linearly in r: each of the r rows of a factor is replicated and summed on its own)
   */
  public static Map<String, Object> run(CkksParametersSpec spec, int rank, PrintStream out) {
    CkksParameters params = CkksParameters.of(spec);
    int slots = params.n() / 2;
    int h = 1;
    while (2 * h * h < slots) {
      h <<= 1;
    }
    int w = slots / h; // 2h: two h x h blocks per tile
    int tokens = h;
    int d = 3 * w;
    if (rank < 1 || rank > w) {
      throw new IllegalArgumentException("LoRA rank must be in [1, " + w + "]: " + rank);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "matmul");
    result.put("set", spec.name());
    result.put("logN", params.logN());
    result.put("ciphertextPrimes", params.maxLevel() + 1);
    result.put("specialPrimes", params.pCount());
    result.put("dnum", params.dnum());
    result.put("security", SecurityStandard.describe(params.logN(), params.logQP(), params.secret()));
    result.put("tile", h + "x" + w);
    result.put("tokens", tokens);
    result.put("hidden", d);
    result.put("loraRank", rank);
    out.printf("== matmul: %s ==%n%s%ntiles %d x %d, X %d x %d, W %d x %d, LoRA rank %d%n", params,
        SecurityStandard.describe(params.logN(), params.logQP(), params.secret()), h, w, tokens, d, d, d, rank);
    out.printf("%-34s %10s %7s %7s %7s %7s %8s %6s %5s %8s%n", "product", "ms", "rot", "ks", "ct*ct", "ct*pt",
        "levels", "bits", "keys", "keygen s");

    Random rnd = new Random(42);
    double[][] x = random(rnd, tokens, d, 1);
    double[][][] wqkv = {random(rnd, d, d, 0.05), random(rnd, d, d, 0.05), random(rnd, d, d, 0.05)};
    Packing px = Packing.tiles(tokens, d, slots, w);
    List<Object> rows = new ArrayList<>();
    KeyGenerator kg = new KeyGenerator(params);
    SecretKey sk = kg.genSecretKey();
    MatrixCodec codec = new MatrixCodec(params, Encryptor.withSecretKey(params, sk), new Decryptor(params, sk));

    // PCMM: one weight, then Q, K, V in one call sharing the baby steps (same keys: b chosen for three weights).
    Pcmm pcmm = new Pcmm(h, w, Pcmm.babyStepsFor(w, px.colTiles(), px.colTiles(), 3));
    int pcmmLevel = pcmm.depth();
    Section s = Section.keys(params, kg, sk, pcmm.rotations(), pcmm.needsConjugation(), slots);
    PackedMatrix<Ciphertext> xe = codec.encrypt(px, x, null, pcmmLevel);
    pcmm.multiply(s.be, xe, wqkv[0]); // warm-up (JIT), untimed
    // PCMM is short enough to repeat: the minimum of PCMM_REPS runs (the machine is shared).
    CostCounter c0 = null;
    long t0;
    PackedMatrix<Ciphertext> yq = null;
    double pcmmMs = Double.MAX_VALUE;
    CostCounter pcmmCost = null;
    for (int rep = 0; rep < PCMM_REPS; rep++) {
      c0 = s.be.counter().snapshot();
      t0 = System.nanoTime();
      yq = pcmm.multiply(s.be, pcmm.prepare(s.be, xe), wqkv[0]);
      pcmmMs = Math.min(pcmmMs, (System.nanoTime() - t0) / 1e6);
      pcmmCost = s.be.counter().since(c0);
    }
    double pcmmBits = bits(mul(x, wqkv[0]), codec.decrypt(yq));
    rows.add(row(out, "PCMM X W (1 weight)", pcmmMs, pcmmCost, pcmmLevel, yq.level(s.be), pcmmBits, s));
    List<PackedMatrix<Ciphertext>> qkv = null;
    double qkvMs = Double.MAX_VALUE;
    CostCounter qkvCost = null;
    for (int rep = 0; rep < PCMM_REPS; rep++) {
      c0 = s.be.counter().snapshot();
      t0 = System.nanoTime();
      qkv = pcmm.multiply(s.be, pcmm.prepare(s.be, xe), List.of(wqkv[0], wqkv[1], wqkv[2]));
      qkvMs = Math.min(qkvMs, (System.nanoTime() - t0) / 1e6);
      qkvCost = s.be.counter().since(c0);
    }
    double qkvBits = Double.MAX_VALUE;
    for (int t = 0; t < 3; t++) {
      qkvBits = Math.min(qkvBits, bits(mul(x, wqkv[t]), codec.decrypt(qkv.get(t))));
    }
    rows.add(row(out, "PCMM Q, K, V (shared baby steps)", qkvMs, qkvCost, pcmmLevel, qkv.get(2).level(s.be), qkvBits, s));
    yq = null;
    qkv = null;

    // CCMM: the same product with W encrypted, by real JKLS and by complex-packed JKLS.
    int xLevel = 4;
    int wLevel = 2;
    double ccmmMs = 0;
    CostCounter ccmmCost = null;
    int ccmmLevels = 0;
    double realCcmmMs = 0;
    for (boolean packed : new boolean[] {false, true}) {
      BlockProduct wide = new BlockProduct(h, w, false, false, packed);
      s = null;
      System.gc();
      s = Section.keys(params, kg, sk, wide.wideRotations(), wide.needsConjugation(), slots);
      xe = codec.encrypt(px, x, null, xLevel);
      PackedMatrix<Ciphertext> we = codec.encrypt(Packing.tiles(d, d, slots, w), wqkv[0], null, wLevel);
      c0 = s.be.counter().snapshot();
      t0 = System.nanoTime();
      PackedMatrix<Ciphertext> yc = wide.multiplyWide(s.be, xe, we);
      ccmmMs = (System.nanoTime() - t0) / 1e6;
      ccmmCost = s.be.counter().since(c0);
      ccmmLevels = xLevel - yc.level(s.be);
      if (!packed) {
        realCcmmMs = ccmmMs;
      }
      rows.add(row(out, packed ? "CCMM X W (complex-packed JKLS)" : "CCMM X W (real JKLS)", ccmmMs, ccmmCost, xLevel,
          yc.level(s.be), bits(mul(x, wqkv[0]), codec.decrypt(yc)), s));
    }

    // Q K^T for one head pair (two heads of dimension h/2, one per h x h block).
    double[][] q = headPair(rnd, h, w);
    double[][] k = headPair(rnd, h, w);
    Packing pt = Packing.tiles(h, w, slots, w);
    for (boolean packed : new boolean[] {false, true}) {
      BlockProduct qkt = new BlockProduct(h, w, false, true, packed);
      s = null;
      System.gc();
      s = Section.keys(params, kg, sk, qkt.rotations(), qkt.needsConjugation(), slots);
      int qLevel = qkt.depth();
      PackedMatrix<Ciphertext> qe = codec.encrypt(pt, q, null, qLevel);
      PackedMatrix<Ciphertext> ke = codec.encrypt(pt, k, null, qLevel);
      c0 = s.be.counter().snapshot();
      t0 = System.nanoTime();
      PackedMatrix<Ciphertext> sc = qkt.multiply(s.be, qe, ke);
      double qktMs = (System.nanoTime() - t0) / 1e6;
      double[][] got = codec.decrypt(sc);
      double qktBits = Double.MAX_VALUE;
      for (int b = 0; b < w / h; b++) {
        qktBits = Math.min(qktBits, bits(mul(block(q, h, b), transpose(block(k, h, b))), block(got, h, b)));
      }
      rows.add(row(out, packed ? "CCMM Q K^T head pair (packed)" : "CCMM Q K^T head pair (real)", qktMs,
          s.be.counter().since(c0), qLevel, sc.level(s.be), qktBits, s));
    }
    s = null;
    System.gc();

    // LoRA rank r: forward X A, (X A) B; backward G B^T, grad A^T = (G B^T)^T X, grad B = (X A)^T G.
    LoraProducts lora = new LoraProducts(h, w, rank);
    s = Section.keys(params, kg, sk, lora.rotations(), false, slots);
    double[][] a = random(rnd, d, rank, 0.05);
    double[][] bm = random(rnd, rank, d, 0.05);
    double[][] g = random(rnd, tokens, d, 1);
    int loraLevel = 6;
    xe = codec.encrypt(px, x, null, loraLevel);
    PackedMatrix<Ciphertext> ge = codec.encrypt(px, g, null, loraLevel);
    PackedMatrix<Ciphertext> ate = codec.encrypt(Packing.bands(rank, d, slots, w), transpose(a), null, loraLevel);
    PackedMatrix<Ciphertext> bEnc = codec.encrypt(Packing.bands(rank, d, slots, w), bm, null, loraLevel);
    Section ls = s;
    PackedMatrix<Ciphertext> xf = xe;
    var repA = timed(out, rows, "LoRA replicate rows of A^T", ls, loraLevel, () -> lora.replicateRows(ls.be, ate), null, null);
    var repB = timed(out, rows, "LoRA replicate rows of B", ls, loraLevel, () -> lora.replicateRows(ls.be, bEnc), null, null);
    double[][] xaWant = mul(x, a);
    PackedMatrix<Ciphertext> xa = timed(out, rows, "LoRA X A", ls, loraLevel, () -> lora.timesTransposed(ls.be, xf, repA),
        xaWant, codec);
    timed(out, rows, "LoRA (X A) B", ls, xa.level(ls.be), () -> lora.timesBand(ls.be, xa, repB), mul(xaWant, bm), codec);
    double[][] gbWant = mul(g, transpose(bm));
    PackedMatrix<Ciphertext> gb = timed(out, rows, "LoRA G B^T", ls, loraLevel, () -> lora.timesTransposed(ls.be, ge, repB),
        gbWant, codec);
    timed(out, rows, "LoRA grad A^T = (G B^T)^T X", ls, gb.level(ls.be), () -> lora.transposeTimes(ls.be, gb, xf),
        mul(transpose(gbWant), x), codec);
    timed(out, rows, "LoRA grad B = (X A)^T G", ls, xa.level(ls.be), () -> lora.transposeTimes(ls.be, xa, ge),
        mul(transpose(xaWant), g), codec);

    result.put("products", rows);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("ccmmOverPcmmTime", ccmmMs / pcmmMs);
    summary.put("realJklsCcmmOverPcmmTime", realCcmmMs / pcmmMs);
    summary.put("ccmmOverPcmmRotations", (double) ccmmCost.rotations() / pcmmCost.rotations());
    summary.put("ccmmOverPcmmKeySwitches", (double) ccmmCost.keySwitches() / pcmmCost.keySwitches());
    summary.put("ccmmLevels", ccmmLevels);
    summary.put("pcmmLevels", pcmm.depth());
    summary.put("qkvOverSinglePcmmTime", qkvMs / pcmmMs);
    summary.put("qkvOverSinglePcmmRotations", (double) qkvCost.rotations() / pcmmCost.rotations());
    result.put("summary", summary);
    out.printf("%nCCMM (complex-packed) / PCMM: time %.2fx (real JKLS %.2fx), rotations %.2fx, key switches %.2fx; levels %d vs %d%n",
        ccmmMs / pcmmMs, realCcmmMs / pcmmMs,
        (double) ccmmCost.rotations() / pcmmCost.rotations(), (double) ccmmCost.keySwitches() / pcmmCost.keySwitches(),
        ccmmLevels, pcmm.depth());
    out.printf("Q, K, V with shared baby steps / one PCMM: time %.2fx, rotations %.2fx%n", qkvMs / pcmmMs,
        (double) qkvCost.rotations() / pcmmCost.rotations());
    return result;
  }

  /** Evaluation keys for exactly the given rotations, with a backend. */
  private static final class Section {
    final CkksSlotBackend be;
    final int keys;
    final double keygenSeconds;
    final double keysMB;

    private Section(CkksSlotBackend be, int keys, double keygenSeconds, double keysMB) {
      this.be = be;
      this.keys = keys;
      this.keygenSeconds = keygenSeconds;
      this.keysMB = keysMB;
    }

    static Section keys(CkksParameters params, KeyGenerator kg, SecretKey sk, Set<Integer> rotations, boolean conjugation,
        int slots) {
      long t = System.nanoTime();
      EvaluationKeys evk = kg.genEvaluationKeys(sk, rotations, conjugation);
      double sec = (System.nanoTime() - t) / 1e9;
      return new Section(new CkksSlotBackend(new Evaluator(params, evk), new Encoder(params), slots), rotations.size(), sec,
          evk.sizeBytes() / 1e6);
    }
  }

  private static <T> T timed(PrintStream out, List<Object> rows, String name, Section s, int levelIn, Supplier<T> body,
      double[][] want, MatrixCodec codec) {
    CostCounter c0 = s.be.counter().snapshot();
    long t0 = System.nanoTime();
    T r = body.get();
    double ms = (System.nanoTime() - t0) / 1e6;
    int levelOut = -1;
    double b = Double.NaN;
    if (r instanceof PackedMatrix<?> m) {
      @SuppressWarnings("unchecked")
      PackedMatrix<Ciphertext> pm = (PackedMatrix<Ciphertext>) m;
      levelOut = pm.level(s.be);
      if (want != null) {
        b = bits(want, codec.decrypt(pm));
      }
    }
    rows.add(row(out, name, ms, s.be.counter().since(c0), levelIn, levelOut, b, s));
    return r;
  }

  private static Map<String, Object> row(PrintStream out, String name, double ms, CostCounter c, int levelIn, int levelOut,
      double bits, Section s) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("product", name);
    r.put("ms", ms);
    r.putAll(c.toMap());
    r.put("levelIn", levelIn);
    r.put("levelOut", levelOut);
    if (!Double.isNaN(bits)) {
      r.put("precisionBits", bits);
    }
    r.put("rotationKeys", s.keys);
    r.put("keysMB", s.keysMB);
    r.put("keygenSeconds", s.keygenSeconds);
    out.printf("%-34s %10.0f %7d %7d %7d %7d %4d->%-3s %6s %5d %8.1f%n", name, ms, c.rotations(), c.keySwitches(),
        c.ctMults(), c.ptMults(), levelIn, levelOut < 0 ? "-" : Integer.toString(levelOut),
        Double.isNaN(bits) ? "-" : String.format("%.1f", bits), s.keys, s.keygenSeconds);
    out.flush();
    return r;
  }

  /** A head-pair tile: head 0 in columns [0, h/2) of block 0, head 1 in columns [0, h/2) of block 1. */
  private static double[][] headPair(Random rnd, int h, int w) {
    double[][] m = new double[h][w];
    for (int i = 0; i < h; i++) {
      for (int b = 0; b < w / h; b++) {
        for (int j = 0; j < h / 2; j++) {
          m[i][b * h + j] = 2 * rnd.nextDouble() - 1;
        }
      }
    }
    return m;
  }

  /** -log2 of the worst absolute error over the wanted shape. */
  static double bits(double[][] want, double[][] have) {
    double e = 0;
    for (int i = 0; i < want.length; i++) {
      for (int j = 0; j < want[0].length; j++) {
        e = Math.max(e, Math.abs(want[i][j] - have[i][j]));
      }
    }
    return -Math.log(e) / Math.log(2);
  }
}
