/**
 * Optimisers and learning-rate schedules: {@link io.heformer.nn.optim.AdamW} in its standard form
 * and in the paper's AdamW-HE form (epsilon inside the square root, Algorithm 1), and {@link
 * io.heformer.nn.optim.CosineSchedule}.
 */
package io.heformer.nn.optim;
