package io.heformer.nn.nonlinear;

/**
 * The observed inputs of one function at one call site: the interval {@code [min, max]} an
 * approximation there must cover, and how many values were seen.
 *
 * @param function the function evaluated
 * @param site the call site (see {@link Sites})
 * @param min smallest input seen
 * @param max largest input seen
 * @param count number of inputs seen
 */
public record InputRange(NonlinearFunction function, String site, double min, double max,
    long count) {

  /** This range widened by the inputs {@code in[off, off + n)}. */
  InputRange merge(double lo, double hi, long n) {
    return new InputRange(function, site, Math.min(min, lo), Math.max(max, hi), count + n);
  }
}
