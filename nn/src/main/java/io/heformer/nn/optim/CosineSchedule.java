package io.heformer.nn.optim;

/**
 * Cosine decay to zero over {@code total} steps after an optional linear warm-up: {@code lr_t =
 * lr0 t / warmup} for {@code t < warmup}, then {@code lr0 (1 + cos(pi s / S)) / 2} with {@code s =
 * t - warmup}, {@code S = total - warmup} (the paper's per-step arrays, §12.4, with no warm-up).
 * Steps count from 0.
 *
 * @param peak lr0
 * @param total total number of steps
 * @param warmup warm-up steps
 */
public record CosineSchedule(double peak, int total, int warmup) {

  /** Validates ranges. */
  public CosineSchedule {
    if (!(peak > 0) || total < 1 || warmup < 0 || warmup >= total) {
      throw new IllegalArgumentException("bad schedule: peak " + peak + ", total " + total
          + ", warmup " + warmup);
    }
  }

  /** Learning rate at step {@code t} (0-based); 0 from {@code total} on. */
  public double at(int t) {
    if (t < warmup) {
      return peak * (t + 1) / warmup;
    }
    if (t >= total) {
      return 0.0;
    }
    return 0.5 * peak * (1 + Math.cos(Math.PI * (t - warmup) / (total - warmup)));
  }
}
