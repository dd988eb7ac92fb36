package io.heformer.bench;

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
import io.heformer.ckks.Plaintext;
import io.heformer.ckks.PublicKey;
import io.heformer.ckks.SecretKey;
import io.heformer.ckks.SecurityStandard;
import io.heformer.ckks.ring.Ntt;
import io.heformer.ckks.ring.Parallel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * End-to-end timings of the CKKS operations at one parameter set, for each thread count, with the
 * ratio heformer/OpenFHE where OpenFHE was measured at the same parameters (set "S").
 */
public final class CkksBench {
  private static final int HOISTED = 16;

  private CkksBench() {}

  /** Runs the table for one set; prints it and returns it as a JSON-ready map. */
  public static Map<String, Object> run(CkksParametersSpec spec, int[] threadCounts, int reps, PrintStream out) {
    CkksParameters params = CkksParameters.of(spec);
    Optional<Reference> ref = Reference.openfhe();
    String refSet = spec.equals(ParameterPresets.OPENFHE_S) ? "S" : null;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("set", spec.name());
    result.put("logN", params.logN());
    result.put("ciphertextPrimes", params.maxLevel() + 1);
    result.put("specialPrimes", params.pCount());
    result.put("dnum", params.dnum());
    result.put("logQP", params.logQP());
    result.put("security", SecurityStandard.describe(params.logN(), params.logQP(), params.secret()));
    result.put("qPrimes", toList(params.qPrimes()));
    result.put("pPrimes", toList(params.pPrimes()));
    out.printf("%n== %s ==%n", params);
    out.printf("q primes: %s%np primes: %s%n", Arrays.toString(params.qPrimes()), Arrays.toString(params.pPrimes()));
    out.println(SecurityStandard.describe(params.logN(), params.logQP(), params.secret()));
    List<Object> runs = new ArrayList<>();
    int before = Parallel.threads();
    try {
      for (int threads : threadCounts) {
        Parallel.setThreads(threads);
        runs.add(runOnce(params, threads, reps, ref, refSet, out));
      }
    } finally {
      Parallel.setThreads(before);
    }
    result.put("runs", runs);
    ref.ifPresent(r -> result.put("reference", r.path().toString()));
    return result;
  }

  private static Map<String, Object> runOnce(
      CkksParameters params, int threads, int reps, Optional<Reference> ref, String refSet, PrintStream out) {
    int slots = params.slots();
    Random rnd = new Random(1);
    double[] x = new double[slots];
    for (int i = 0; i < slots; i++) {
      x[i] = 2 * rnd.nextDouble() - 1;
    }
    Map<String, Double> ms = new LinkedHashMap<>();
    // Key generation as OpenFHE's benchmark counts it: secret, public, relinearisation and 16 rotation keys.
    List<Integer> rotations = new ArrayList<>();
    for (int r = 1; r <= HOISTED; r++) {
      rotations.add(r);
    }
    KeyGenerator kg = new KeyGenerator(params);
    SecretKey[] sk = new SecretKey[1];
    PublicKey[] pk = new PublicKey[1];
    EvaluationKeys[] evk = new EvaluationKeys[1];
    ms.put("keygenSkPkRelin16Rot", Timer.onceMs(() -> {
      sk[0] = kg.genSecretKey();
      pk[0] = kg.genPublicKey(sk[0]);
      evk[0] = kg.genEvaluationKeys(sk[0], rotations, false);
    }));
    Encoder encoder = new Encoder(params);
    Encryptor enc = Encryptor.withPublicKey(params, pk[0]);
    Decryptor dec = new Decryptor(params, sk[0]);
    Evaluator eval = new Evaluator(params, evk[0]);
    int top = params.maxLevel();
    double scale = params.defaultScale();

    Ntt ntt = params.nttQ(1);
    long[] limb = new long[params.n()];
    for (int i = 0; i < limb.length; i++) {
      limb[i] = Math.floorMod(rnd.nextLong(), ntt.modulus.q);
    }
    Parallel.setThreads(1); // one limb: the transform itself is sequential
    ms.put("nttPerLimb", Timer.medianMs(reps * 10, () -> ntt.forward(limb)));
    Parallel.setThreads(threads);
    Plaintext[] pt = new Plaintext[1];
    ms.put("encode", Timer.medianMs(reps, () -> pt[0] = encoder.encode(x, null, top, scale, slots)));
    Ciphertext[] ct = new Ciphertext[1];
    ms.put("encryptPk", Timer.medianMs(reps, () -> ct[0] = enc.encrypt(pt[0])));
    Ciphertext a = ct[0];
    Ciphertext b = enc.encrypt(pt[0]);
    ms.put("decryptDecode", Timer.medianMs(reps, () -> dec.decrypt(a)));
    Ciphertext o = eval.blankLike(a);
    ms.put("add", Timer.medianMs(reps, () -> eval.add(a, b, o)));
    Plaintext ptq = encoder.encode(x, null, top, (double) params.q(top).q, slots);
    ms.put("mulPlain", Timer.medianMs(reps, () -> eval.mulPlain(a, ptq, o)));
    ms.put("mulNoRelin", Timer.medianMs(reps, () -> eval.mul(a, b, o)));
    ms.put("mulRelin", Timer.medianMs(reps, () -> eval.mulRelin(a, b, o)));
    Ciphertext prod = eval.mulRelinNew(a, b);
    ms.put("rescale", Timer.medianMs(reps, () -> eval.rescale(prod, o)));
    ms.put("rotate", Timer.medianMs(reps, () -> eval.rotate(a, 1, o)));
    int[] amounts = new int[HOISTED];
    for (int r = 0; r < HOISTED; r++) {
      amounts[r] = r + 1;
    }
    ms.put("hoisted16Rotations", Timer.medianMs(Math.max(1, reps / 2), () -> eval.rotateHoisted(a, amounts)));

    // Precision of a fresh encryption and of one multiplication, in bits against double arithmetic.
    double[] got = dec.decrypt(enc.encrypt(encoder.encode(x, null, top, scale, slots)));
    double freshBits = bits(x, got);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("threads", threads);
    run.put("freshPrecisionBits", freshBits);
    run.put("relinKeyMB", evk[0].relinearizationKeyOrNull().sizeBytes() / 1e6);
    run.put("galoisKeyMB", evk[0].galoisKeys().values().iterator().next().sizeBytes() / 1e6);
    run.put("evaluationKeysMB", evk[0].sizeBytes() / 1e6);
    run.put("publicKeyMB", pk[0].sizeBytes() / 1e6);
    Map<String, Object> rows = new LinkedHashMap<>();
    out.printf("%nthreads=%d  (fresh encryption precision %.1f bits; relin key %.1f MB, one Galois key %.1f MB, all keys %.1f MB)%n",
        threads, freshBits, (double) run.get("relinKeyMB"), (double) run.get("galoisKeyMB"), (double) run.get("evaluationKeysMB"));
    out.printf("%-22s %12s %12s %9s%n", "operation", "heformer ms", "OpenFHE ms", "ratio");
    for (var e : ms.entrySet()) {
      Double r = refSet == null || ref.isEmpty() ? null : ref.get().ms(refSet, threads, e.getKey());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("ms", e.getValue());
      if (r != null) {
        row.put("openfheMs", r);
        row.put("ratio", e.getValue() / r);
      }
      rows.put(e.getKey(), row);
      out.printf("%-22s %12.2f %12s %9s%n", e.getKey(), e.getValue(),
          r == null ? "-" : String.format("%.2f", r), r == null ? "-" : String.format("%.2fx", e.getValue() / r));
    }
    run.put("milliseconds", rows);
    return run;
  }

  static double bits(double[] want, double[] have) {
    double m = 0;
    for (int i = 0; i < want.length; i++) {
      m = Math.max(m, Math.abs(want[i] - have[i]));
    }
    return -Math.log(m) / Math.log(2);
  }

  private static List<Object> toList(long[] v) {
    List<Object> l = new ArrayList<>();
    for (long x : v) {
      l.add(Long.toString(x)); // as strings: 60-bit primes do not survive a JSON double
    }
    return l;
  }
}
