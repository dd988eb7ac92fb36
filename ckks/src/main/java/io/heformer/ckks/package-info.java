/**
 * RNS-CKKS homomorphic encryption: parameters and their security check ({@link
 * io.heformer.ckks.CkksParameters}, {@link io.heformer.ckks.SecurityStandard}), keys ({@link
 * io.heformer.ckks.KeyGenerator}), the encoder ({@link io.heformer.ckks.Encoder}), encryption and
 * decryption, homomorphic evaluation with hybrid key switching and hoisted rotations ({@link
 * io.heformer.ckks.Evaluator}), and one versioned binary format ({@link
 * io.heformer.ckks.Serialization}).
 *
 * <p>Papers implemented: Cheon, Kim, Kim, Song, "Homomorphic Encryption for Arithmetic of
 * Approximate Numbers" (ASIACRYPT 2017); Cheon, Han, Kim, Kim, Song, "A Full RNS Variant of
 * Approximate Homomorphic Encryption" (SAC 2018); Han, Ki, "Better Bootstrapping for Approximate
 * Homomorphic Encryption" (CT-RSA 2020, hybrid key switching); Halevi, Polyakov, Shoup, "An
 * Improved RNS Variant of the BFV Homomorphic Encryption Scheme" (CT-RSA 2019, exact base
 * conversion); Bossuat et al. (EUROCRYPT 2021, hoisting); Li, Micciancio (EUROCRYPT 2021,
 * IND-CPA-D, see {@link io.heformer.ckks.Decryptor#decryptForRelease}).
 *
 * <p>The client holds the {@link io.heformer.ckks.SecretKey}; the server side ({@link
 * io.heformer.ckks.Evaluator}) is built from {@link io.heformer.ckks.EvaluationKeys} only.
 */
package io.heformer.ckks;
