/**
 * Polynomial approximations of the model's non-polynomial functions, as certified data with a
 * plaintext evaluator (module {@code approx}; no encryption here).
 *
 * <p>Every approximation is an immutable {@link io.heformer.approx.Approximation} (a sealed
 * family: {@link io.heformer.approx.ChebyshevSeries}, {@link io.heformer.approx.CompositeSign},
 * {@link io.heformer.approx.Relu}, {@link io.heformer.approx.NewtonScheme},
 * {@link io.heformer.approx.ExpBySquaring}) holding its interval, its generated coefficients, its
 * multiplicative depth and a certified error bound. Two-argument and vector functions build on
 * them: {@link io.heformer.approx.PairwiseMax} (max and row max) and
 * {@link io.heformer.approx.Softmax}. The plaintext evaluators perform the operation sequence
 * that module {@code circuits} performs on ciphertexts, so the approximating plaintext model and
 * the encrypted model evaluate the same polynomials. Inputs outside a certified interval throw
 * {@link io.heformer.approx.OutOfRangeException} unless a {@link io.heformer.approx.RangePolicy}
 * says to clamp or count; {@link io.heformer.approx.RangeRecorder} records observed ranges.
 *
 * <p>{@link io.heformer.approx.Approximations} generates and caches them from (function,
 * interval, degree or target); {@link io.heformer.approx.PaperApproximations} names the paper's
 * settings.
 *
 * <p>Methods implemented: Chebyshev interpolation and the Remez exchange (package
 * {@code fit}); composite minimax sign after Lee, Lee, Kim and No, "Minimax approximation of sign
 * function by composite polynomial for homomorphic comparison" (IEEE TDSC 2021); Newton
 * iterations for 1/x and 1/sqrt(x); exp by (1 + x/2^k)^(2^k) and by a minimax base plus
 * squarings; as used by Rho et al., "Encryption-Friendly LLM Architecture" (ICLR 2025).
 */
package io.heformer.approx;
