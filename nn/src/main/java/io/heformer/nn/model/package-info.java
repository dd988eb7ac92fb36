/**
 * The encoder model: its configuration and presets, the flat parameter store with named views,
 * the activation cache, the forward and backward passes, and checkpoints.
 *
 * <p>{@link io.heformer.nn.model.Bert} strings the layers of {@code io.heformer.nn.layers}
 * together; its {@code backward} calls their backward functions in exactly the reverse order of
 * {@code forward}. Parameters, gradients and optimiser moments share one {@link
 * io.heformer.nn.model.ParameterLayout} (STYLE.md R8).
 */
package io.heformer.nn.model;
