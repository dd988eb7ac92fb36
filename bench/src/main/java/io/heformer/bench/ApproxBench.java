package io.heformer.bench;

import io.heformer.approx.Approximation;
import io.heformer.approx.Approximations;
import io.heformer.approx.CompositeSign;
import io.heformer.approx.Interval;
import io.heformer.approx.PaperApproximations;
import io.heformer.approx.RangePolicy;
import io.heformer.approx.Softmax;
import io.heformer.circuits.poly.EncryptedApproximations;
import io.heformer.circuits.poly.EncryptedSoftmax;
import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParameters;
import io.heformer.ckks.CkksParametersSpec;
import io.heformer.ckks.Decryptor;
import io.heformer.ckks.Encoder;
import io.heformer.ckks.Encryptor;
import io.heformer.ckks.Evaluator;
import io.heformer.ckks.KeyGenerator;
import io.heformer.ckks.SecretKey;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * The approximation table of the paper's settings on ciphertexts: per function its interval,
 * degree or iterations, the minimum depth and the levels consumed (input at the folded scale, so
 * that every map is free), the certified plaintext error, the measured plaintext error and the
 * measured encrypted error (both against the exact function over the same random inputs, one per
 * slot), and the time of one encrypted evaluation over all slots. Settings deeper than the
 * parameter set's levels are listed as needing bootstrapping, with their plaintext numbers.
 */
public final class ApproxBench {
  private ApproxBench() {}

  /** One row: the approximation, the exact function, and the sampling interval of the inputs. */
  private record Row(String name, Approximation a, DoubleUnaryOperator exact, String degree) {}

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("exp, Gaussian kernel (1 + x/2^14)^(2^14)", PaperApproximations.gaussianKernelExp(), Math::exp,
        "1 + 14 squarings"));
    rows.add(new Row("exp, minimax base + squarings", Approximations.expPolynomial(new Interval(-16384, 0), 15, 12),
        Math::exp, "15 + 12 squarings"));
    rows.add(new Row("1/sqrt, LayerNorm and AdamW-HE", PaperApproximations.inverseSqrt(), x -> 1 / Math.sqrt(x),
        "127 + 3 Newton"));
    CompositeSign sign = Approximations.signBalanced(15, 15, 27);
    rows.add(new Row("sign, composite minimax", sign, Math::signum, "15, 15, 27"));
    rows.add(new Row("ReLU = x(1 + sign(x/50))/2", PaperApproximations.relu(), x -> Math.max(0, x), "15, 15, 27"));
    rows.add(new Row("tanh", PaperApproximations.tanh(), Math::tanh, "63 (odd)"));
    rows.add(new Row("tanh", PaperApproximations.tanhWide(), Math::tanh, "127 (odd)"));
    Softmax loss = PaperApproximations.lossSoftmax();
    rows.add(new Row("exp, loss", loss.exp(), Math::exp, "15"));
    rows.add(new Row("1/x, loss (scaled sum)", loss.inverse(), x -> 1 / x, "63, no Newton"));
    rows.add(new Row("exp, loss SST-2/QNLI interval",
        Approximations.minimax(Approximations.Target.EXP, new Interval(-13, 1), 15), Math::exp, "15"));
    rows.add(new Row("1/x, loss SST-2/QNLI interval", Approximations.inverse(new Interval(0.8, 3.0), 15, 0),
        x -> 1 / x, "15"));
    return rows;
  }

  /** Runs the table at one parameter set; prints it and returns it as a JSON-ready map. */
  public static Map<String, Object> run(CkksParametersSpec spec, PrintStream out) {
    CkksParameters params = CkksParameters.of(spec);
    KeyGenerator kg = new KeyGenerator(params);
    SecretKey sk = kg.genSecretKey();
    Encoder encoder = new Encoder(params);
    Encryptor encryptor = Encryptor.withPublicKey(params, kg.genPublicKey(sk));
    Decryptor decryptor = new Decryptor(params, sk);
    Evaluator eval = new Evaluator(params, kg.genEvaluationKeys(sk, List.of(), false));
    EncryptedApproximations enc = new EncryptedApproximations(eval);
    int top = params.maxLevel();
    double target = params.defaultScale();
    out.printf("%n== approximations on ciphertexts, %s (%d levels, %d slots) ==%n", params, top, params.slots());
    out.printf("%-42s %-18s %-18s %5s %6s %10s %10s %10s %10s%n", "function", "interval", "degree / iterations",
        "min", "levels", "certified", "plain max", "enc max", "time ms");
    List<Object> results = new ArrayList<>();
    for (Row row : rows()) {
      Approximation a = row.a();
      double[] x = samples(a, params.slots(), row.a() instanceof CompositeSign s ? s.gap() : 0, 11);
      double plain = 0;
      for (double v : x) {
        plain = Math.max(plain, Math.abs(a.evaluate(v) - row.exact().applyAsDouble(v)));
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("function", row.name());
      r.put("interval", a.domain().toString());
      r.put("degree", row.degree());
      r.put("minimumDepth", a.depth());
      r.put("certifiedError", a.errorBound());
      r.put("plaintextMaxError", plain);
      if (a.depth() > top) {
        r.put("levelsConsumed", null);
        r.put("note", "needs bootstrapping (depth " + a.depth() + " > " + top + " levels)");
        out.printf("%-42s %-18s %-18s %5d %6s %10.2e %10.2e %10s %10s%n", row.name(), fmt(a.domain()), row.degree(),
            a.depth(), "-", a.errorBound(), plain, "bootstrap", "-");
        results.add(r);
        continue;
      }
      double folded = enc.foldedInputScale(a, top, target);
      Ciphertext ct = encryptor.encrypt(encoder.encode(x, null, top, folded, params.slots()));
      int declared = enc.depth(a, ct, target);
      long t0 = System.nanoTime();
      Ciphertext y = enc.evaluate(a, ct, target);
      double ms = (System.nanoTime() - t0) / 1e6;
      double[] v = decryptor.decrypt(y);
      double encErr = 0;
      double vsPlain = 0;
      for (int i = 0; i < x.length; i++) {
        encErr = Math.max(encErr, Math.abs(v[i] - row.exact().applyAsDouble(x[i])));
        vsPlain = Math.max(vsPlain, Math.abs(v[i] - a.evaluate(x[i])));
      }
      r.put("levelsDeclared", declared);
      r.put("levelsConsumed", top - y.level());
      r.put("encryptedMaxError", encErr);
      r.put("encryptedVsPlaintextMaxError", vsPlain);
      r.put("timeMs", ms);
      out.printf("%-42s %-18s %-18s %5d %6d %10.2e %10.2e %10.2e %10.0f%n", row.name(), fmt(a.domain()), row.degree(),
          a.depth(), top - y.level(), a.errorBound(), plain, encErr, ms);
      results.add(r);
    }
    results.add(softmaxRow(params, encryptor, encoder, decryptor, enc, out));
    results.add(baselineRow(out, top));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("set", spec.name());
    m.put("logN", params.logN());
    m.put("levels", top);
    m.put("slots", params.slots());
    m.put("rows", results);
    return m;
  }

  private static String fmt(Interval i) {
    return String.format(java.util.Locale.ROOT, "[%.4g, %.4g]", i.lo(), i.hi());
  }

  /** Random inputs in the domain (one per slot) with both ends, avoiding the sign's gap. */
  private static double[] samples(Approximation a, int n, double gap, long seed) {
    Random rnd = new Random(seed);
    double lo = a.domain().lo();
    double hi = a.domain().hi();
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double v;
      do {
        v = lo + (hi - lo) * rnd.nextDouble();
      } while (Math.abs(v) < gap);
      x[i] = v;
    }
    x[0] = lo;
    x[1] = hi;
    return x;
  }

  private static Map<String, Object> softmaxRow(CkksParameters params, Encryptor encryptor, Encoder encoder,
      Decryptor decryptor, EncryptedApproximations enc, PrintStream out) {
    Softmax sm = PaperApproximations.lossSoftmax();
    EncryptedSoftmax es = new EncryptedSoftmax(enc);
    int top = params.maxLevel();
    double target = params.defaultScale();
    String name = "softmax of 2 logits (exp + inverse)";
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("function", name);
    r.put("interval", "logits in [-2, 2]");
    r.put("degree", "15 / 63");
    r.put("minimumDepth", sm.depth(2));
    r.put("certifiedError", sm.errorBound(2));
    if (sm.depth(2) > top) {
      r.put("levelsConsumed", null);
      r.put("note", "needs bootstrapping (depth " + sm.depth(2) + " > " + top + " levels)");
      out.printf("%-42s %-18s %-18s %5d %6s %10.2e %10s %10s %10s%n", name, "[-2.0, 2.0]", "15 / 63", sm.depth(2),
          "-", sm.errorBound(2), "-", "bootstrap", "-");
      return r;
    }
    double folded = enc.foldedInputScale(sm.exp(), top, target);
    Random rnd = new Random(12);
    int n = params.slots();
    double[][] z = new double[2][n];
    for (int i = 0; i < n; i++) {
      z[0][i] = 4 * rnd.nextDouble() - 2;
      z[1][i] = 4 * rnd.nextDouble() - 2;
    }
    Ciphertext[] cz = {encryptor.encrypt(encoder.encode(z[0], null, top, folded, n)),
        encryptor.encrypt(encoder.encode(z[1], null, top, folded, n))};
    long t0 = System.nanoTime();
    Ciphertext[] p = es.evaluate(sm, cz, target);
    double ms = (System.nanoTime() - t0) / 1e6;
    double[] p0 = decryptor.decrypt(p[0]);
    double plain = 0;
    double encErr = 0;
    double[] row = new double[2];
    for (int i = 0; i < n; i++) {
      double exact = 1 / (1 + Math.exp(z[1][i] - z[0][i]));
      sm.evaluate(new double[] {z[0][i], z[1][i]}, row, RangePolicy.THROW);
      plain = Math.max(plain, Math.abs(row[0] - exact));
      encErr = Math.max(encErr, Math.abs(p0[i] - exact));
    }
    r.put("plaintextMaxError", plain);
    r.put("levelsConsumed", top - p[0].level());
    r.put("encryptedMaxError", encErr);
    r.put("timeMs", ms);
    out.printf("%-42s %-18s %-18s %5d %6d %10.2e %10.2e %10.2e %10.0f%n", name, "[-2.0, 2.0]", "15 / 63",
        sm.depth(2), top - p[0].level(), sm.errorBound(2), plain, encErr, ms);
    return r;
  }

  private static Map<String, Object> baselineRow(PrintStream out, int top) {
    Softmax sm = PaperApproximations.baselineRowSoftmax();
    Map<String, Object> r = new LinkedHashMap<>();
    String name = "softmax over 128 (baseline, row max)";
    r.put("function", name);
    r.put("interval", sm.logits().toString());
    r.put("minimumDepth", sm.depth(128));
    r.put("certifiedError", sm.errorBound(128));
    r.put("levelsConsumed", null);
    r.put("note", "needs bootstrapping (depth " + sm.depth(128) + " > " + top + " levels); not run on ciphertexts");
    out.printf("%-42s %-18s %-18s %5d %6s %10.2e %10s %10s %10s%n", name, fmt(sm.logits()), "max+exp+1/x", sm.depth(128),
        "-", sm.errorBound(128), "-", "bootstrap", "-");
    return r;
  }
}
