package io.heformer.approx;

/** How a {@link ChebyshevSeries} was produced; recorded for reports, it changes no evaluation. */
public enum FitMethod {
  /** Interpolation at the Chebyshev points of the first kind (near-minimax for smooth f). */
  INTERPOLATION,
  /** Remez exchange: a (weighted) minimax polynomial. */
  MINIMAX,
  /** A Taylor polynomial re-expressed in the Chebyshev basis (e.g. 1 + x/2^k). */
  TAYLOR,
  /** Coefficients given by the caller (tests, algebraic constructions). */
  EXPLICIT
}
