/**
 * Encrypted matrix algebra for the encryption-friendly transformer (Rho et al., ICLR 2025, section 4
 * and appendix; JKLS = Jiang, Kim, Lauter, Song, "Secure outsourced matrix computation and
 * application to neural networks", CCS 2018).
 *
 * <p>Layout ({@link io.heformer.circuits.matrix.Packing}): a real matrix (tokens x features) is cut
 * into row-major tiles of tileRows x tileCols = slots values (128 x 256 at N = 2^16), one ciphertext
 * per tile; several sequences stack along the rows; small-row matrices (LoRA factors) stack their
 * column bands into one ciphertext; two real matrices share a ciphertext as real and imaginary parts.
 *
 * <p>Products: {@link io.heformer.circuits.matrix.Pcmm} (encrypted x plaintext, baby-step
 * giant-step diagonals, baby steps shared by Q, K, V, output tiles in complex pairs),
 * {@link io.heformer.circuits.matrix.BlockProduct} (encrypted x encrypted, JKLS on square blocks,
 * real or complex-packed, with block transposes),
 * {@link io.heformer.circuits.matrix.LoraProducts} (rank-r products by replication, Hadamard
 * products and rotate-and-sum), with {@link io.heformer.circuits.matrix.RowColumnOps} (masks, sums,
 * broadcasts) and {@link io.heformer.circuits.matrix.BlockTranspose}. Every product declares its depth
 * and rotation keys and counts its operations through the backend's
 * {@link io.heformer.circuits.linear.CostCounter}; all run on CKKS or on the plain slot backend.
 */
package io.heformer.circuits.matrix;
