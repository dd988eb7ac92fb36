package io.heformer.ckks;

import java.util.Arrays;

/**
 * An unchecked, serialisable description of a CKKS parameter set; {@link CkksParameters#of} validates
 * it into immutable parameters (generating the primes).
 *
 * @param name a label; test-only sets must contain "INSECURE" in their name
 * @param logN ring degree N = 2^logN
 * @param logSlots default number of slots 2^logSlots (at most logN - 1; fewer = sparse packing)
 * @param logQ bit sizes of the ciphertext primes q_0 (the base prime, kept at level 0), q_1, ...;
 *     level L = logQ.length - 1; primes q_1.. are the rescaling primes and should match the scale
 * @param logP bit sizes of the special primes P of hybrid key switching
 * @param dnum number of key-switching digits (Q split into dnum groups of consecutive primes)
 * @param logDefaultScale log2 of the default encoding scale
 * @param secret the secret key distribution
 * @param sigma standard deviation of the error distribution (3.2 in the HE standard)
 * @param testOnly true for sets below 128-bit security that tests may use; refused elsewhere
 */
public record CkksParametersSpec(
    String name,
    int logN,
    int logSlots,
    int[] logQ,
    int[] logP,
    int dnum,
    int logDefaultScale,
    SecretDistribution secret,
    double sigma,
    boolean testOnly) {

  public CkksParametersSpec {
    logQ = logQ.clone();
    logP = logP.clone();
  }

  /** A spec with full slots (N/2), a dense ternary secret and sigma 3.2. */
  public static CkksParametersSpec of(
      String name, int logN, int[] logQ, int[] logP, int dnum, int logDefaultScale) {
    return new CkksParametersSpec(
        name, logN, logN - 1, logQ, logP, dnum, logDefaultScale, SecretDistribution.DENSE_TERNARY, 3.2,
        false);
  }

  /** The same spec declared test-only (its name must say INSECURE). */
  public CkksParametersSpec asTestOnly() {
    return new CkksParametersSpec(name, logN, logSlots, logQ, logP, dnum, logDefaultScale, secret, sigma, true);
  }

  public CkksParametersSpec withSecret(SecretDistribution s) {
    return new CkksParametersSpec(name, logN, logSlots, logQ, logP, dnum, logDefaultScale, s, sigma, testOnly);
  }

  public CkksParametersSpec withLogSlots(int ls) {
    return new CkksParametersSpec(name, logN, ls, logQ, logP, dnum, logDefaultScale, secret, sigma, testOnly);
  }

  @Override
  public int[] logQ() {
    return logQ.clone();
  }

  @Override
  public int[] logP() {
    return logP.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CkksParametersSpec s
        && name.equals(s.name)
        && logN == s.logN
        && logSlots == s.logSlots
        && Arrays.equals(logQ, s.logQ)
        && Arrays.equals(logP, s.logP)
        && dnum == s.dnum
        && logDefaultScale == s.logDefaultScale
        && secret.equals(s.secret)
        && sigma == s.sigma
        && testOnly == s.testOnly;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(logQ) * 31 + Arrays.hashCode(logP) + name.hashCode() + logN;
  }

  @Override
  public String toString() {
    return String.format(
        "%s: N=2^%d, slots=2^%d, logQ=%s, logP=%s, dnum=%d, scale=2^%d, %s, sigma=%.1f%s",
        name, logN, logSlots, Arrays.toString(logQ), Arrays.toString(logP), dnum, logDefaultScale,
        secret, sigma, testOnly ? ", TEST ONLY" : "");
  }
}
