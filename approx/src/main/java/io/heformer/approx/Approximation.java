package io.heformer.approx;

/**
 * A certified approximation of a real function of one variable on an interval, as data.
 *
 * <p>Every implementation is an immutable value describing <em>exactly</em> the sequence of
 * arithmetic operations an encrypted evaluator performs (module {@code circuits} switches over
 * this sealed family), together with a plaintext evaluator that performs the same operations in
 * double precision. So the model's approximation mode and the encrypted run evaluate the very
 * same polynomial or iteration; they differ only by rounding and CKKS noise.
 *
 * <p><b>Depth convention.</b> {@link #depth()} counts the multiplicative depth (levels consumed)
 * of the optimal encrypted evaluation: every ciphertext-ciphertext product and every product by a
 * non-integer constant that cannot be merged into a neighbouring one costs a level. An affine map
 * of the <em>input</em> (x -> alpha x + beta, such as the map of [a, b] onto [-1, 1], or the
 * scaling x/B before a sign) is assumed folded into the operation that produced x (a plaintext
 * matrix product, a previous polynomial's coefficients) and costs nothing; where it cannot be
 * folded the caller adds {@link ChebyshevSeries#mapDepth()}.
 *
 * <p><b>Certificate.</b> {@link #errorBound()} bounds |f(x) - evaluate(x)| over {@link #domain()},
 * where evaluate is this class's double-precision evaluator, except on a set an implementation
 * names explicitly (the gap around 0 of a sign). How it is obtained is described in
 * {@link io.heformer.approx.fit.ErrorCertifier}: a dense sampling certificate with refinement of
 * every large local maximum, a relative margin and a rounding floor.
 *
 * <p>Thread-safe: all implementations are immutable.
 */
public sealed interface Approximation
    permits ChebyshevSeries, CompositeSign, Relu, NewtonScheme, ExpBySquaring {

  /** The name of the approximated function (used in messages). */
  String function();

  /** The interval of admissible inputs. */
  Interval domain();

  /** The multiplicative depth of the encrypted evaluation, per the convention above. */
  int depth();

  /** The certified bound on the absolute error over the domain. */
  double errorBound();

  /**
   * Evaluates at {@code x}, applying {@code policy} to inputs outside {@link #domain()}.
   *
   * @throws OutOfRangeException if {@code x} is outside the domain and the policy throws
   */
  double evaluate(double x, RangePolicy policy);

  /**
   * Evaluates at {@code x}, throwing on inputs outside {@link #domain()}.
   *
   * @throws OutOfRangeException if {@code x} is outside the domain
   */
  default double evaluate(double x) {
    return evaluate(x, RangePolicy.THROW);
  }

  /**
   * Evaluates element-wise; {@code out} may alias {@code in}. Allocation-free.
   *
   * @throws IllegalArgumentException if the lengths differ
   * @throws OutOfRangeException per the policy
   */
  default void evaluate(double[] in, double[] out, RangePolicy policy) {
    if (in.length != out.length) {
      throw new IllegalArgumentException("length mismatch: in " + in.length + ", out " + out.length);
    }
    for (int i = 0; i < in.length; i++) {
      out[i] = evaluate(in[i], policy);
    }
  }
}
