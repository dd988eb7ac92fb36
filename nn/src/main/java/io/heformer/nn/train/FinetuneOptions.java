package io.heformer.nn.train;

import io.heformer.nn.model.LoraTarget;
import io.heformer.nn.optim.AdamW;
import java.util.Map;

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
 * @param loraTargetRatios learning rate of the adapters (both factors) of some projections over
 *     the others' (absent targets: 1). With the un-normalised Gaussian kernel, the query and key
 *     adapters move the kernel's exponent, so a step there rescales whole attention rows; this
 *     lets them train slower than the rest. Ratios multiply with {@code loraBRatio}
 */
public record FinetuneOptions(int epochs, int batchSize, double learningRate, int warmupSteps,
    AdamW.Hyper optimizer, TrainingMode mode, long seed, boolean trimPadding,
    double headLearningRate, double loraBRatio, Map<LoraTarget, Double> loraTargetRatios) {

  /** Validates ranges and copies the ratios. */
  public FinetuneOptions {
    if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || warmupSteps < 0
        || !(headLearningRate > 0) || !positiveFinite(loraBRatio)
        || !loraTargetRatios.values().stream().allMatch(FinetuneOptions::positiveFinite)) {
      throw new IllegalArgumentException("bad fine-tuning options: epochs " + epochs + ", batch "
          + batchSize + ", lr " + learningRate + ", head lr " + headLearningRate
          + ", LoRA B ratio " + loraBRatio + ", LoRA target ratios " + loraTargetRatios
          + ", warmup " + warmupSteps);
    }
    loraTargetRatios = Map.copyOf(loraTargetRatios);
  }

  /** Options with every adapter at the same rate (LoRA+ aside). */
  public FinetuneOptions(int epochs, int batchSize, double learningRate, int warmupSteps,
      AdamW.Hyper optimizer, TrainingMode mode, long seed, boolean trimPadding,
      double headLearningRate, double loraBRatio) {
    this(epochs, batchSize, learningRate, warmupSteps, optimizer, mode, seed, trimPadding,
        headLearningRate, loraBRatio, Map.of());
  }

  /** Options whose head shares the encoder's learning rate. */
  public FinetuneOptions(int epochs, int batchSize, double learningRate, int warmupSteps,
      AdamW.Hyper optimizer, TrainingMode mode, long seed, boolean trimPadding) {
    this(epochs, batchSize, learningRate, warmupSteps, optimizer, mode, seed, trimPadding,
        learningRate, 1.0);
  }

  private static boolean positiveFinite(double x) {
    return x > 0 && !Double.isInfinite(x);
  }
}
