/**
 * Polynomial evaluation on ciphertexts in the Chebyshev basis: a symbolic plan
 * ({@link io.heformer.ckks.poly.ChebyshevPlan}) that splits the series over power-of-two
 * Chebyshev polynomials until its pieces fit the baby steps within the depth budget, a lazily
 * filled power basis ({@link io.heformer.ckks.poly.PowerBasis}) with exact scale bookkeeping, and
 * the evaluator ({@link io.heformer.ckks.poly.ChebyshevEvaluator}) that declares its depth before it
 * runs and lands every result at a requested scale.
 *
 * <p>Nothing here knows where the coefficients come from: they are raw doubles on an interval
 * [a, b], so the same code serves the approximations of module {@code approx} and the modular
 * reduction of bootstrapping.
 */
package io.heformer.ckks.poly;
