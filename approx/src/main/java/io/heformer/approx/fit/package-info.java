/**
 * Generation and certification of polynomial fits: Chebyshev interpolation
 * ({@link io.heformer.approx.fit.ChebyshevInterpolation}), the weighted Remez exchange in the
 * Chebyshev basis with optional parity and an excluded gap
 * ({@link io.heformer.approx.fit.RemezExchange}), and the sampling certificate shared by every
 * approximation ({@link io.heformer.approx.fit.ErrorCertifier}).
 *
 * <p>References: L. N. Trefethen, "Approximation Theory and Approximation Practice" (SIAM 2013),
 * chapters 3-4 and 10 (Chebyshev interpolation, best approximation, the Remez algorithm);
 * R. Pachon and L. N. Trefethen, "Barycentric-Remez algorithms for best polynomial
 * approximation in the chebfun system" (BIT 2009), for the multi-point exchange. Everything is in
 * double precision; {@link io.heformer.approx.fit.RemezExchange} states where that suffices.
 */
package io.heformer.approx.fit;
