package io.heformer.ckks;

import io.heformer.ckks.HeException.MissingKeyException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public evaluation keys a server needs: relinearisation and the Galois keys for a set of
 * rotations (and conjugation). Holds no secret.
 */
public final class EvaluationKeys {
  final long fingerprint;
  private final SwitchingKey relin;
  private final Map<Integer, SwitchingKey> galois;

  public EvaluationKeys(CkksParameters params, SwitchingKey relin, Map<Integer, SwitchingKey> galois) {
    this.fingerprint = params.fingerprint();
    this.relin = relin;
    this.galois = Collections.unmodifiableMap(new TreeMap<>(galois));
    if (relin != null && relin.fingerprint != fingerprint) {
      throw new HeException.ParameterMismatchException("cannot assemble evaluation keys: relinearisation key is for other parameters");
    }
    for (SwitchingKey k : galois.values()) {
      if (k.fingerprint != fingerprint) {
        throw new HeException.ParameterMismatchException("cannot assemble evaluation keys: Galois key for other parameters");
      }
    }
  }

  public long fingerprint() {
    return fingerprint;
  }

  public boolean hasRelinearizationKey() {
    return relin != null;
  }

  SwitchingKey relinearizationKey(String op) {
    if (relin == null) {
      throw new MissingKeyException("cannot " + op + ": no relinearisation key was generated");
    }
    return relin;
  }

  /** The Galois elements with keys. */
  public java.util.Set<Integer> galoisElements() {
    return galois.keySet();
  }

  public SwitchingKey relinearizationKeyOrNull() {
    return relin;
  }

  public Map<Integer, SwitchingKey> galoisKeys() {
    return galois;
  }

  SwitchingKey galoisKey(int g, String op, String what) {
    SwitchingKey k = galois.get(g);
    if (k == null) {
      throw new MissingKeyException("cannot " + op + ": no Galois key for " + what + " (Galois element " + g + ")");
    }
    return k;
  }

  /** Total bytes held by all keys. */
  public long sizeBytes() {
    long s = relin == null ? 0 : relin.sizeBytes();
    for (SwitchingKey k : galois.values()) {
      s += k.sizeBytes();
    }
    return s;
  }
}
