package io.heformer.app;

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
import io.heformer.ckks.PublicKey;
import io.heformer.ckks.SecretKey;
import io.heformer.ckks.SecurityStandard;
import java.util.List;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code heformer demo}: the main job on embedded defaults. Until the encrypted model lands this
 * shows the engine: the client makes keys and encrypts, the server (evaluation keys only) computes a
 * small circuit, the client decrypts and measures precision against double arithmetic.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs the main job on embedded defaults.")
public final class DemoCommand implements Runnable {
  @Option(names = "--logN", defaultValue = "15", description = "Ring degree of the secure preset: 14, 15 or 16 (default ${DEFAULT-VALUE}).")
  int logN;

  @Override
  public void run() {
    CkksParametersSpec spec = ParameterPresets.forLogN(logN);
    long t0 = System.nanoTime();
    CkksParameters params = CkksParameters.of(spec);
    System.out.println("parameters: " + params);
    System.out.println("security:   " + SecurityStandard.describe(params.logN(), params.logQP(), params.secret()));

    // Client: keys and encryption.
    long t = System.nanoTime();
    KeyGenerator kg = new KeyGenerator(params);
    SecretKey sk = kg.genSecretKey();
    PublicKey pk = kg.genPublicKey(sk);
    EvaluationKeys evk = kg.genEvaluationKeys(sk, List.of(1, 2, 4, 8), true);
    System.out.printf("client: secret, public, relinearisation and 5 Galois keys in %.1f s (evaluation keys %.0f MB)%n",
        secs(t), evk.sizeBytes() / 1e6);
    int slots = params.slots();
    Random rnd = new Random(7);
    double[] x = new double[slots];
    double[] y = new double[slots];
    for (int i = 0; i < slots; i++) {
      x[i] = 2 * rnd.nextDouble() - 1;
      y[i] = 2 * rnd.nextDouble() - 1;
    }
    Encoder encoder = new Encoder(params);
    Encryptor encryptor = Encryptor.withPublicKey(params, pk);
    t = System.nanoTime();
    Ciphertext cx = encryptor.encrypt(encoder.encode(x));
    Ciphertext cy = encryptor.encrypt(encoder.encode(y));
    System.out.printf("client: encrypted 2 x %d slots in %.2f s%n", slots, secs(t));

    // Server: evaluation keys only. z = 0.5 x y + rotate(x, 1)^2 - 0.25, then the sum of 16 neighbours of z.
    Evaluator server = new Evaluator(params, evk);
    t = System.nanoTime();
    Ciphertext xy = server.rescaleNew(server.mulRelinNew(cx, cy));
    Ciphertext half = server.rescaleNew(server.mulConstNew(xy, 0.5));
    Ciphertext rx = server.rotateNew(cx, 1);
    Ciphertext r2 = server.rescaleNew(server.mulRelinNew(rx, rx));
    Ciphertext z = server.addNew(server.dropLevelNew(r2, half.level()), half);
    z = server.addConstNew(z, -0.25);
    Ciphertext sum = z;
    for (int k = 1; k < 16; k <<= 1) {
      sum = server.addNew(sum, server.rotateNew(sum, k));
    }
    System.out.printf("server: 2 multiplications, 1 constant product, 5 rotations, level %d -> %d in %.2f s%n",
        params.maxLevel(), sum.level(), secs(t));

    // Client: decrypt and compare with double arithmetic.
    Decryptor dec = new Decryptor(params, sk);
    double[] got = dec.decrypt(sum);
    double[] zz = new double[slots];
    for (int i = 0; i < slots; i++) {
      double xr = x[(i + 1) % slots];
      zz[i] = 0.5 * x[i] * y[i] + xr * xr - 0.25;
    }
    double maxErr = 0;
    for (int i = 0; i < slots; i++) {
      double want = 0;
      for (int k = 0; k < 16; k++) {
        want += zz[(i + k) % slots];
      }
      maxErr = Math.max(maxErr, Math.abs(want - got[i]));
    }
    System.out.printf("client: decrypted; slot 0 = %.6f; max error over %d slots 2^%.1f (%.1f bits of precision)%n",
        got[0], slots, Math.log(maxErr) / Math.log(2), -Math.log(maxErr) / Math.log(2));
    System.out.printf("demo finished in %.1f s%n", secs(t0));
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
