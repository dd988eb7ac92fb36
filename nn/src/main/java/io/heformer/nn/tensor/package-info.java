/**
 * Dense row-major matrices of {@code double} and the one matrix product the model uses.
 *
 * <p>{@link io.heformer.nn.tensor.MatMul} sends large products to OpenBLAS ({@code Blas}: the
 * build shipped in the bytedeco Maven jar, called through a critical FFM downcall on the Java
 * arrays, no copies) and keeps a blocked, multi-threaded Java kernel for small products and for
 * platforms without OpenBLAS; both are tested against the naive triple loop.
 * {@link io.heformer.nn.tensor.Parallel} owns the worker pool ({@code forRange}, and
 * {@code forRows} for element-wise work over matrix rows). {@link io.heformer.nn.tensor.Matrix}
 * is a named view into a flat array, used for parameters, gradients and activations alike.
 */
package io.heformer.nn.tensor;
