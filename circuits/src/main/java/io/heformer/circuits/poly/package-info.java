/**
 * The approximations of module {@code approx} on ciphertexts: {@link
 * io.heformer.circuits.poly.EncryptedApproximations} (Chebyshev series, composite sign, ReLU,
 * pairwise max, Newton inverse and inverse square root, exp by squaring), {@link
 * io.heformer.circuits.poly.EncryptedSoftmax} (the loss softmax) and the client-side {@link
 * io.heformer.circuits.poly.RangeCheck}. Each evaluation declares its depth before it runs,
 * consumes exactly that many levels and lands at a requested scale; the polynomial work is done by
 * {@code io.heformer.ckks.poly.ChebyshevEvaluator}.
 */
package io.heformer.circuits.poly;
