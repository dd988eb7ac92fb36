package io.heformer.nn.train;

/** Receives training progress; the library itself never prints. */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Called after every optimiser step.
   *
   * @param epoch 0-based epoch
   * @param step 0-based global step
   * @param totalSteps total steps of the run
   * @param loss mean loss of the step's batch
   */
  void onStep(int epoch, int step, int totalSteps, double loss);

  /** Ignores everything. */
  static ProgressListener silent() {
    return (e, s, t, l) -> { };
  }
}
