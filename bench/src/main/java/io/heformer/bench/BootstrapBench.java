package io.heformer.bench;

import io.heformer.ckks.BootstrapKeys;
import io.heformer.ckks.BootstrapParameters;
import io.heformer.ckks.Bootstrapper;
import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParameters;
import io.heformer.ckks.Decryptor;
import io.heformer.ckks.Encoder;
import io.heformer.ckks.Encryptor;
import io.heformer.ckks.KeyGenerator;
import io.heformer.ckks.SecretKey;
import io.heformer.ckks.SecurityStandard;
import io.heformer.ckks.ring.Parallel;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Bootstrapping at one configuration: log QP and the security verdict, levels left, precision over
 * uniform inputs in [-1, 1] (real and imaginary parts, mean and worst slot, in bits), time per
 * bootstrapping for each thread count with the ratio to OpenFHE's single-threaded bootstrap (set B),
 * key sizes and peak heap.
 */
public final class BootstrapBench {
  private BootstrapBench() {}

  public static Map<String, Object> run(BootstrapParameters bp, int[] threadCounts, int reps, PrintStream out) {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    CkksParameters params = CkksParameters.of(bp.ckks());
    Map<String, Object> r = new LinkedHashMap<>();
    String security = SecurityStandard.describe(params.logN(), params.logQP(), params.secret());
    r.put("set", bp.name());
    r.put("logN", params.logN());
    r.put("slots", params.slots());
    r.put("logQP", params.logQP());
    r.put("security", security);
    r.put("ciphertextPrimes", params.maxLevel() + 1);
    r.put("dnum", params.dnum());
    r.put("ephemeralHammingWeight", bp.ephemeralWeight());
    r.put("levelBudgets", Map.of("coeffToSlot", bp.ctsLevels(), "evalMod", bp.evalModDepth(), "slotToCoeff", bp.stcLevels()));
    double logFail = bp.log2FailureProbability(params.logN(), params.secret().hammingWeight());
    r.put("log2FailureProbability", logFail);
    out.printf("%n== bootstrap %s ==%n%s%n", bp.name(), params);
    out.println(security + (params.isTestOnly() ? "  [INSECURE test set]" : ""));
    out.printf("chain: %d primes (CtS %d, EvalMod %d, StC %d, residual %d), dnum %d; failure probability 2^%.1f%n",
        params.maxLevel() + 1, bp.ctsLevels(), bp.evalModDepth(), bp.stcLevels(), bp.residualLevels(), params.dnum(),
        logFail);

    KeyGenerator kg = new KeyGenerator(params);
    SecretKey sk = kg.genSecretKey();
    Encryptor enc = Encryptor.withPublicKey(params, kg.genPublicKey(sk));
    Encoder encoder = new Encoder(params);
    Decryptor dec = new Decryptor(params, sk);
    BootstrapKeys[] keys = new BootstrapKeys[1];
    double keygenMs = Timer.onceMs(() -> keys[0] = BootstrapKeys.generate(bp, params, sk));
    Bootstrapper boot = new Bootstrapper(bp, params, keys[0]);
    r.put("keygenMs", keygenMs);
    r.put("galoisKeys", keys[0].galoisKeyCount());
    r.put("galoisKeysMB", keys[0].galoisBytes() / 1e6);
    r.put("bootstrapKeysMB", keys[0].sizeBytes() / 1e6);
    out.printf("keys: %d Galois keys, %.0f MB Galois, %.0f MB all bootstrapping keys; generated in %.1f s%n",
        keys[0].galoisKeyCount(), keys[0].galoisBytes() / 1e6, keys[0].sizeBytes() / 1e6, keygenMs / 1e3);
    out.printf("EvalMod approximation error 2^%.1f (units of sin)%n", Math.log(boot.evalModError()) / Math.log(2));

    int n = params.slots();
    Random rnd = new Random(1);
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = 2 * rnd.nextDouble() - 1;
      im[i] = 2 * rnd.nextDouble() - 1;
    }
    Ciphertext ct = enc.encrypt(encoder.encode(re, im, 0, params.defaultScale(), n));
    Ciphertext[] res = new Ciphertext[1];
    int before = Parallel.threads();
    double firstMs = Timer.onceMs(() -> res[0] = boot.bootstrap(ct)); // also encodes and caches the DFT diagonals
    r.put("firstBootstrapMsIncludingDiagonalEncoding", firstMs);
    r.put("diagonalsMB", boot.diagonalBytes() / 1e6);
    double[][] got = dec.decryptComplex(res[0]);
    double worst = 0;
    double sumBits = 0;
    for (int i = 0; i < n; i++) {
      for (double e : new double[] {Math.abs(got[0][i] - re[i]), Math.abs(got[1][i] - im[i])}) {
        worst = Math.max(worst, e);
        sumBits += -Math.log(Math.max(e, 1e-300)) / Math.log(2);
      }
    }
    double meanBits = sumBits / (2 * n);
    double minBits = -Math.log(worst) / Math.log(2);
    r.put("levelsLeft", res[0].level());
    r.put("precisionBitsMean", meanBits);
    r.put("precisionBitsMin", minBits);
    out.printf("levels left %d; precision %.2f bits mean, %.2f bits worst slot (real and imaginary parts, %d slots)%n",
        res[0].level(), meanBits, minBits, n);
    out.printf("first bootstrapping (encodes %.0f MB of DFT diagonals): %.1f s%n", boot.diagonalBytes() / 1e6, firstMs / 1e3);

    Optional<Reference> ref = Reference.openfhe();
    // OpenFHE was measured at N = 2^16 only: a ratio at another ring degree would mean nothing.
    Double openfhe = params.logN() == 16 ? ref.map(x -> x.ms("B", 1, "bootstrap")).orElse(null) : null;
    List<Object> runs = new ArrayList<>();
    try {
      for (int t : threadCounts) {
        Parallel.setThreads(t);
        double ms = Timer.medianMs(reps, () -> boot.bootstrap(ct));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("threads", t);
        run.put("bootstrapMs", ms);
        if (openfhe != null) {
          run.put("openfheSingleThreadMs", openfhe);
          run.put("ratioToOpenfhe1Thread", ms / openfhe);
        }
        runs.add(run);
        out.printf("threads=%d: %.1f s per bootstrapping%s%n", t, ms / 1e3,
            openfhe == null ? "" : String.format("  (OpenFHE 1 thread, set B: %.1f s; ratio %.2f)", openfhe / 1e3, ms / openfhe));
      }
    } finally {
      Parallel.setThreads(before);
    }
    r.put("runs", runs);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    r.put("peakHeapMB", peak / 1e6);
    r.put("maxHeapMB", Runtime.getRuntime().maxMemory() / 1e6);
    out.printf("peak heap %.0f MB (sum of the heap pools' peaks; max heap %.0f MB)%n", peak / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
    ref.ifPresent(x -> r.put("reference", x.path().toString()));
    return r;
  }
}
