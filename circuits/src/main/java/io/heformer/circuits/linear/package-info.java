/**
 * Linear algebra on slot vectors: the operations a circuit needs ({@link io.heformer.circuits.linear.SlotBackend}),
 * with a CKKS implementation and a plain double-precision one that follows the same level, scale and
 * rotation-key rules without encryption; operation counting ({@link io.heformer.circuits.linear.CostCounter});
 * and the baby-step giant-step diagonal linear transform ({@link io.heformer.circuits.linear.LinearTransform}),
 * Halevi-Shoup's diagonal method with hoisted baby steps (Halevi-Shoup, "Faster homomorphic linear
 * transformations in HElib", CRYPTO 2018), which PCMM, transposes and the JKLS permutations use.
 */
package io.heformer.circuits.linear;
