package io.heformer.circuits.matrix;

import io.heformer.circuits.linear.CkksSlotBackend;
import io.heformer.circuits.linear.PlainSlotBackend;
import io.heformer.circuits.linear.PlainSlots;
import io.heformer.circuits.linear.SlotBackend;
import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParameters;
import io.heformer.ckks.Decryptor;
import io.heformer.ckks.Encoder;
import io.heformer.ckks.Encryptor;
import io.heformer.ckks.Evaluator;
import io.heformer.ckks.KeyGenerator;
import io.heformer.ckks.SecretKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A backend with its client side (encrypt, decrypt) for tests: plain or CKKS. */
abstract class Harness<V> {
  abstract SlotBackend<V> backend();

  abstract PackedMatrix<V> encrypt(Packing p, double[][] re, double[][] im, int level);

  abstract double[][][] decryptParts(PackedMatrix<V> m);

  PackedMatrix<V> encrypt(Packing p, double[][] m, int level) {
    return encrypt(p, m, null, level);
  }

  double[][] decrypt(PackedMatrix<V> m) {
    return decryptParts(m)[0];
  }

  /** Plain slots following the primes of params, with exactly the given rotation keys. */
  static Harness<PlainSlots> plain(int slots, long[] primes, Set<Integer> keys) {
    PlainSlotBackend be = new PlainSlotBackend(slots, primes, keys, true);
    double scale = Math.pow(2, 40);
    return new Harness<>() {
      @Override
      SlotBackend<PlainSlots> backend() {
        return be;
      }

      @Override
      PackedMatrix<PlainSlots> encrypt(Packing p, double[][] re, double[][] im, int level) {
        double[][] vr = p.pack(re);
        double[][] vi = im == null ? null : p.pack(im);
        List<PlainSlots> parts = new ArrayList<>();
        for (int i = 0; i < vr.length; i++) {
          parts.add(be.encode(vr[i], vi == null ? null : vi[i], level, scale));
        }
        return new PackedMatrix<>(p, parts);
      }

      @Override
      double[][][] decryptParts(PackedMatrix<PlainSlots> m) {
        return new double[][][] {
          m.packing().unpack(m.parts().stream().map(PlainSlots::re).toList()),
          m.packing().unpack(m.parts().stream().map(PlainSlots::im).toList())};
      }
    };
  }

  /** CKKS with keys for exactly the given rotations (and conjugation). */
  static Harness<Ciphertext> ckks(CkksParameters params, int slots, Set<Integer> keys) {
    KeyGenerator kg = new KeyGenerator(params);
    SecretKey sk = kg.genSecretKey();
    Evaluator eval = new Evaluator(params, kg.genEvaluationKeys(sk, keys, true));
    CkksSlotBackend be = new CkksSlotBackend(eval, new Encoder(params), slots);
    MatrixCodec codec = new MatrixCodec(params, Encryptor.withSecretKey(params, sk), new Decryptor(params, sk));
    return new Harness<>() {
      @Override
      SlotBackend<Ciphertext> backend() {
        return be;
      }

      @Override
      PackedMatrix<Ciphertext> encrypt(Packing p, double[][] re, double[][] im, int level) {
        return codec.encrypt(p, re, im, level);
      }

      @Override
      double[][][] decryptParts(PackedMatrix<Ciphertext> m) {
        return codec.decryptParts(m);
      }
    };
  }
}
