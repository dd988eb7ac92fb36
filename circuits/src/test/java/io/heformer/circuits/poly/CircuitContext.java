package io.heformer.circuits.poly;

import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParameters;
import io.heformer.ckks.CkksParametersSpec;
import io.heformer.ckks.Decryptor;
import io.heformer.ckks.Encoder;
import io.heformer.ckks.Encryptor;
import io.heformer.ckks.Evaluator;
import io.heformer.ckks.KeyGenerator;
import io.heformer.ckks.SecretKey;
import java.util.List;

/** A small insecure parameter set with enough levels for the paper's approximations, and its keys. */
final class CircuitContext {
  /** N = 2^11, fifteen 50-bit rescaling primes (the deepest paper setting, ReLU unfolded, needs 15). */
  static final CkksParametersSpec SPEC = CkksParametersSpec.of("INSECURE-N11-L15-CIRCUITS", 11,
      new int[] {60, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50}, new int[] {61, 61, 61}, 6, 50)
      .asTestOnly();

  static final CircuitContext INSTANCE = new CircuitContext();

  final CkksParameters params;
  final Encoder encoder;
  final Encryptor encryptor;
  final Decryptor decryptor;
  final Evaluator eval;
  final EncryptedApproximations approx;

  private CircuitContext() {
    params = CkksParameters.of(SPEC);
    KeyGenerator kg = new KeyGenerator(params);
    SecretKey sk = kg.genSecretKey();
    encoder = new Encoder(params);
    encryptor = Encryptor.withPublicKey(params, kg.genPublicKey(sk));
    decryptor = new Decryptor(params, sk);
    eval = new Evaluator(params, kg.genEvaluationKeys(sk, List.of(), false));
    approx = new EncryptedApproximations(eval);
  }

  Ciphertext encrypt(double[] x, double scale) {
    return encryptor.encrypt(encoder.encode(x, null, params.maxLevel(), scale, params.slots()));
  }

  double[] decrypt(Ciphertext c) {
    return decryptor.decrypt(c);
  }

  /** -log2 of the largest absolute difference. */
  static double bits(double[] want, double[] have) {
    double e = 0;
    for (int i = 0; i < want.length; i++) {
      e = Math.max(e, Math.abs(want[i] - have[i]));
    }
    return -Math.log(Math.max(e, 1e-300)) / Math.log(2);
  }
}
