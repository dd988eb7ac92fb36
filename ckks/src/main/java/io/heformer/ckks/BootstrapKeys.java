package io.heformer.ckks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public keys bootstrapping needs and nothing more: a relinearisation key and Galois keys for
 * exactly the rotations that the subring trace, CoeffToSlot and SlotToCoeff use (computed from the
 * transforms, {@link Bootstrapper#keyLevels}), plus conjugation; each key only over the primes of the
 * highest level it is used at (SlotToCoeff's keys are about a third of a full key). With an
 * ephemeral weight, the two sparse-secret encapsulation keys.
 */
public final class BootstrapKeys {
  final EvaluationKeys keys;
  final SparseSecretEncapsulation encapsulation;

  BootstrapKeys(EvaluationKeys keys, SparseSecretEncapsulation encapsulation) {
    this.keys = keys;
    this.encapsulation = encapsulation;
  }

  /** Generates every key from the secret key (client side). */
  public static BootstrapKeys generate(BootstrapParameters bp, CkksParameters params, SecretKey sk) {
    bp.validate(params);
    KeyGenerator kg = new KeyGenerator(params);
    Map<Integer, Integer> levels = Bootstrapper.keyLevels(bp, params);
    Map<Integer, SwitchingKey> galois = new LinkedHashMap<>();
    for (var e : levels.entrySet()) {
      galois.put(e.getKey(), kg.genGaloisKey(sk, e.getKey(), e.getValue()));
    }
    int evalModTop = params.maxLevel() - bp.ctsLevels();
    SwitchingKey relin = kg.genRelinearizationKey(sk, evalModTop);
    SparseSecretEncapsulation enc = bp.ephemeralWeight() > 0
        ? SparseSecretEncapsulation.generate(params, sk, bp.ephemeralWeight(), params.maxLevel())
        : null;
    return new BootstrapKeys(new EvaluationKeys(params, relin, galois), enc);
  }

  public int galoisKeyCount() {
    return keys.galoisElements().size();
  }

  /** Bytes of the Galois keys alone. */
  public long galoisBytes() {
    long s = 0;
    for (SwitchingKey k : keys.galoisKeys().values()) {
      s += k.sizeBytes();
    }
    return s;
  }

  /** Bytes of every key held. */
  public long sizeBytes() {
    return keys.sizeBytes() + (encapsulation == null ? 0 : encapsulation.sizeBytes());
  }
}
