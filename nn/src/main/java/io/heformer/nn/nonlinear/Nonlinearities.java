package io.heformer.nn.nonlinear;

/**
 * Element-wise evaluation of the model's non-polynomial functions: the one place where exact,
 * approximating and (in module {@code encrypted}) ciphertext execution differ.
 *
 * <p>Each call names a {@link NonlinearFunction} and a call site, a stable string such as {@code
 * "layer1.attention.exp"} or {@code "layer0.ln1.inv_sqrt"} (see {@link Sites}). Sites let an
 * approximating implementation use a different interval per place, as the paper does for the
 * LayerNorm pre-scale K, and let a recorder report the input range per place.
 *
 * <p>Contract: {@code out[outOff + i] = f(in[inOff + i])} for {@code i in [0, n)}; {@code out} may
 * be the same array region as {@code in} (in place). Implementations must be safe for concurrent
 * calls (attention heads run in parallel).
 */
public interface Nonlinearities {

  /** Applies {@code f} element-wise; see the interface contract. */
  void apply(
      NonlinearFunction f, String site, double[] in, int inOff, double[] out, int outOff, int n);

  /** {@code f(x)} for one value (loss normalisers, AdamW-HE per parameter). */
  default double apply(NonlinearFunction f, String site, double x) {
    double[] one = {x};
    apply(f, site, one, 0, one, 0, 1);
    return one[0];
  }

  /** Exact functions, no recording. */
  static Nonlinearities exact() {
    return ExactNonlinearities.INSTANCE;
  }
}
