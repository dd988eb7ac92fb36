package io.heformer.nn.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standardisation of regression targets, {@code z = (y - mean) / std}, fitted on the training
 * targets. The model is trained to output z and its outputs are mapped back with {@link #restore}.
 *
 * <p>Why: the paper's head has no output bias, so without centring the head must build the
 * targets' mean (2.7 on STS-B's 0-5 scale) out of tanh features before it can learn anything else;
 * a fresh head learns slowly and the loss sat at the targets' variance. Standardised, STS-B LoRA
 * fine-tuning of MiniLM on 1,600 examples reaches dev Pearson 0.82 instead of 0.46. Under
 * encryption the client applies {@link #restore} after decryption, so it costs nothing.
 *
 * @param mean the training targets' mean
 * @param std their standard deviation (1 when they are constant)
 */
public record TargetScale(double mean, double std) {

  /** No scaling (classification). */
  public static final TargetScale IDENTITY = new TargetScale(0, 1);

  private static final String MEAN_KEY = "target_mean";
  private static final String STD_KEY = "target_std";

  /** Validates the scale. */
  public TargetScale {
    if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
      throw new IllegalArgumentException("bad target scale: mean " + mean + ", std " + std);
    }
  }

  /** Fitted on the targets of {@code examples}. */
  public static TargetScale fit(List<Example> examples) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no examples to fit a target scale on");
    }
    double sum = 0;
    for (Example e : examples) {
      sum += e.target();
    }
    double mean = sum / examples.size();
    double sq = 0;
    for (Example e : examples) {
      sq += (e.target() - mean) * (e.target() - mean);
    }
    double std = Math.sqrt(sq / examples.size());
    return new TargetScale(mean, std > 0 ? std : 1);
  }

  /**
   * The scale as checkpoint metadata ({@code target_mean}, {@code target_std}), written exactly
   * ({@link Double#toString} round-trips), so a saved regression model can be restored to the
   * targets' units without its training set.
   */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(MEAN_KEY, Double.toString(mean));
    m.put(STD_KEY, Double.toString(std));
    return m;
  }

  /**
   * The scale kept in checkpoint metadata, or empty when the checkpoint has none (a classifier,
   * or a version 1 file).
   *
   * @throws IllegalArgumentException if only one key is present or a value is not a number
   */
  public static Optional<TargetScale> fromMetadata(Map<String, String> metadata) {
    String mean = metadata.get(MEAN_KEY);
    String std = metadata.get(STD_KEY);
    if (mean == null && std == null) {
      return Optional.empty();
    }
    if (mean == null || std == null) {
      throw new IllegalArgumentException("checkpoint metadata has only one of " + MEAN_KEY
          + " and " + STD_KEY);
    }
    try {
      return Optional.of(new TargetScale(Double.parseDouble(mean), Double.parseDouble(std)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint target scale is not a number: " + mean
          + ", " + std, e);
    }
  }

  /** The standardised target of {@code y}. */
  public double standardize(double y) {
    return (y - mean) / std;
  }

  /** The target a standardised output {@code z} stands for. */
  public double restore(double z) {
    return mean + std * z;
  }
}
