/**
 * Word-size ring arithmetic for RNS polynomials: moduli with Shoup, Montgomery and Barrett
 * reductions, NTT-friendly prime generation, the negacyclic NTT (Harvey's lazy butterflies; Longa,
 * Naehrig 2016 for the loop structure), fast and exact RNS base conversion, AES-CTR randomness
 * seeded by {@link java.security.SecureRandom}, samplers, and limb-level parallelism.
 */
package io.heformer.ckks.ring;
