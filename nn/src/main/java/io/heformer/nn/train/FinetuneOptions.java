package io.heformer.nn.train;

import io.heformer.nn.optim.AdamW;

/**
 * Fine-tuning settings (paper §12.4: 5 epochs, batch 16, cosine decay without warm-up).
 *
 * @param epochs passes over the training set
 * @param batchSize examples per optimiser step
 * @param learningRate peak learning rate of the cosine schedule
 * @param warmupSteps linear warm-up steps
 * @param optimizer AdamW hyperparameters and variant
 * @param mode LoRA-only or full fine-tuning
 * @param seed shuffling seed
 * @param trimPadding run each batch at the length of its longest sequence instead of the model's
 *     maximum; padded keys are masked, so real positions see identical results
 * @param headLearningRate peak learning rate of the head (same schedule); full fine-tuning
 *     trains the fresh head faster than the pretrained encoder, so that full and LoRA runs train
 *     their heads alike
 * @param loraBRatio learning rate of every LoRA factor B over that of A (LoRA+, Hayou et al.
 *     2024: B starts at zero and its updates move the output directly, so it can take larger
 *     steps; 1 is plain LoRA). The encrypted optimiser multiplies by a plaintext rate either
 *     way, so the ratio costs nothing under encryption
 */
public record FinetuneOptions(int epochs, int batchSize, double learningRate, int warmupSteps,
    AdamW.Hyper optimizer, TrainingMode mode, long seed, boolean trimPadding,
    double headLearningRate, double loraBRatio) {

  /** Validates ranges. */
  public FinetuneOptions {
    if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || warmupSteps < 0
        || !(headLearningRate > 0) || !(loraBRatio > 0) || Double.isInfinite(loraBRatio)) {
      throw new IllegalArgumentException("bad fine-tuning options: epochs " + epochs + ", batch "
          + batchSize + ", lr " + learningRate + ", head lr " + headLearningRate
          + ", LoRA B ratio " + loraBRatio + ", warmup " + warmupSteps);
    }
  }

  /** Options whose head shares the encoder's learning rate. */
  public FinetuneOptions(int epochs, int batchSize, double learningRate, int warmupSteps,
      AdamW.Hyper optimizer, TrainingMode mode, long seed, boolean trimPadding) {
    this(epochs, batchSize, learningRate, warmupSteps, optimizer, mode, seed, trimPadding,
        learningRate, 1.0);
  }
}
