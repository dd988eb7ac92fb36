package io.heformer.ckks;

/**
 * The distribution of the secret key's coefficients.
 *
 * @param hammingWeight 0 for a dense uniform ternary secret (coefficients uniform in {-1, 0, 1}),
 *     otherwise the exact number of non-zero (+-1) coefficients of a sparse ternary secret
 */
public record SecretDistribution(int hammingWeight) {
  /** Uniform ternary: the HE standard's assumption. */
  public static final SecretDistribution DENSE_TERNARY = new SecretDistribution(0);

  public SecretDistribution {
    if (hammingWeight < 0) {
      throw new IllegalArgumentException("Hamming weight must be >= 0: " + hammingWeight);
    }
  }

  public static SecretDistribution sparse(int h) {
    if (h <= 0) {
      throw new IllegalArgumentException("a sparse secret needs a positive Hamming weight: " + h);
    }
    return new SecretDistribution(h);
  }

  public boolean isSparse() {
    return hammingWeight > 0;
  }

  @Override
  public String toString() {
    return isSparse() ? "sparse ternary h=" + hammingWeight : "uniform ternary";
  }
}
