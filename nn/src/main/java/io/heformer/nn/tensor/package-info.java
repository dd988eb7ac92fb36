/**
 * Dense row-major matrices of {@code double} and the one matrix-product kernel the model uses.
 *
 * <p>{@link io.heformer.nn.tensor.MatMul} is a blocked, multi-threaded Java kernel (no native
 * BLAS: the machine this project targets has none installed, and the pure-Java BLAS bindings are
 * single-threaded). {@link io.heformer.nn.tensor.Parallel} owns the worker pool.
 * {@link io.heformer.nn.tensor.Matrix} is a named view into a flat array, used for parameters,
 * gradients and activations alike.
 */
package io.heformer.nn.tensor;
