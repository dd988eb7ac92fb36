/**
 * The layers of the encoder, each a final class with a static {@code forward} and a static
 * {@code backward} written side by side (STYLE.md R7).
 *
 * <p>Conventions shared by every layer:
 *
 * <ul>
 *   <li>Activations are row-major {@link io.heformer.nn.tensor.Matrix} views with one row per
 *       token: {@code N = batch * seqLen} rows. Weights are stored {@code in x out}, so a dense
 *       layer is {@code Y = X W}.
 *   <li>Argument order: outputs first (forward: the output, then what it saves for backward;
 *       backward: the input gradient, then the parameter gradients), then inputs, then
 *       parameters, then saved activations.
 *   <li>{@code forward} overwrites its outputs. {@code backward} <em>accumulates</em> ({@code +=})
 *       into every gradient, input gradients included; the caller zeroes them. A {@code null}
 *       gradient argument means "not needed" and its product is skipped (frozen weights in LoRA
 *       fine-tuning, the input gradient of the first layer).
 *   <li>Non-polynomial functions go through {@link io.heformer.nn.nonlinear.Nonlinearities} with a
 *       named site, so the same code runs exactly, approximately or (later) encrypted.
 * </ul>
 */
package io.heformer.nn.layers;
