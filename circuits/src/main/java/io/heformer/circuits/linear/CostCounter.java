package io.heformer.circuits.linear;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the expensive operations a circuit performs, so that products can be compared by what they
 * do and not only by wall-clock time. A rotation and a conjugation each cost one key switch, and so
 * does a relinearisation; hoisted rotations are counted as rotations, with the shared decompositions
 * counted separately. Not thread-safe: one counter per evaluation thread.
 */
public final class CostCounter {
  long rotations;
  long hoistedDecompositions;
  long conjugations;
  long relinearizations;
  long ctMults;
  long ptMults;
  long rescales;

  public long rotations() {
    return rotations;
  }

  /** Decompositions shared by hoisted rotation groups (one per group). */
  public long hoistedDecompositions() {
    return hoistedDecompositions;
  }

  public long conjugations() {
    return conjugations;
  }

  public long relinearizations() {
    return relinearizations;
  }

  /** Ciphertext x ciphertext (tensor) products. */
  public long ctMults() {
    return ctMults;
  }

  /** Ciphertext x plaintext products (masks, weights, diagonals). */
  public long ptMults() {
    return ptMults;
  }

  public long rescales() {
    return rescales;
  }

  /** Rotations + conjugations + relinearisations: each is one key switch. */
  public long keySwitches() {
    return rotations + conjugations + relinearizations;
  }

  /** A copy of the current counts. */
  public CostCounter snapshot() {
    CostCounter c = new CostCounter();
    c.rotations = rotations;
    c.hoistedDecompositions = hoistedDecompositions;
    c.conjugations = conjugations;
    c.relinearizations = relinearizations;
    c.ctMults = ctMults;
    c.ptMults = ptMults;
    c.rescales = rescales;
    return c;
  }

  /** The counts since {@code before} (a snapshot of this counter). */
  public CostCounter since(CostCounter before) {
    CostCounter c = new CostCounter();
    c.rotations = rotations - before.rotations;
    c.hoistedDecompositions = hoistedDecompositions - before.hoistedDecompositions;
    c.conjugations = conjugations - before.conjugations;
    c.relinearizations = relinearizations - before.relinearizations;
    c.ctMults = ctMults - before.ctMults;
    c.ptMults = ptMults - before.ptMults;
    c.rescales = rescales - before.rescales;
    return c;
  }

  /** The counts by name, for reports. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rotations", rotations);
    m.put("hoistedDecompositions", hoistedDecompositions);
    m.put("conjugations", conjugations);
    m.put("relinearizations", relinearizations);
    m.put("keySwitches", keySwitches());
    m.put("ctMults", ctMults);
    m.put("ptMults", ptMults);
    m.put("rescales", rescales);
    return m;
  }

  @Override
  public String toString() {
    return String.format("rot=%d (hoisted groups %d) conj=%d relin=%d ks=%d ctxct=%d ctxpt=%d rescale=%d",
        rotations, hoistedDecompositions, conjugations, relinearizations, keySwitches(), ctMults, ptMults, rescales);
  }
}
