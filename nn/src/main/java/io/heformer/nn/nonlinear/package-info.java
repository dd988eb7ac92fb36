/**
 * The seam between the model and its non-polynomial functions.
 *
 * <p>Every non-polynomial function the model evaluates (exp in Gaussian-kernel attention and in
 * the loss softmax, the inverse square root of LayerNorm and AdamW-HE, the ReLU step, tanh in the
 * head, the reciprocal of the loss softmax, GELU for imported models) goes through {@link
 * io.heformer.nn.nonlinear.Nonlinearities}, named by a {@link
 * io.heformer.nn.nonlinear.NonlinearFunction} and a call site. Layer code is written once; the
 * implementation decides what the function is:
 *
 * <ul>
 *   <li>{@link io.heformer.nn.nonlinear.ExactNonlinearities}: {@code Math.exp} and friends;
 *   <li>{@link io.heformer.nn.nonlinear.ApproximateNonlinearities}: the plaintext evaluators of
 *       the polynomials the encrypted path uses, supplied from outside (module {@code approx});
 *   <li>{@link io.heformer.nn.nonlinear.RecordingNonlinearities}: wraps either and records the
 *       input range of every call site, so approximation intervals are chosen from data (paper
 *       §8, "input-range measurement");
 *   <li>{@link io.heformer.nn.nonlinear.CalibratedApproximations}: builds the approximate
 *       implementation from module {@code approx}'s polynomials on intervals chosen from recorded
 *       ranges ({@link io.heformer.nn.nonlinear.InputRangeTable} stores them between runs).
 * </ul>
 *
 * A ciphertext implementation (module {@code encrypted}) evaluates the same functions slot-wise.
 */
package io.heformer.nn.nonlinear;
