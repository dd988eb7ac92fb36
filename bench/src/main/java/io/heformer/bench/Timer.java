package io.heformer.bench;

import java.util.Arrays;

/** Wall-clock timing for end-to-end benchmarks: one warm-up run, then the median of the repetitions. */
public final class Timer {
  private Timer() {}

  /** Median milliseconds of {@code reps} runs after one warm-up. */
  public static double medianMs(int reps, Runnable body) {
    body.run();
    double[] t = new double[reps];
    for (int r = 0; r < reps; r++) {
      long s = System.nanoTime();
      body.run();
      t[r] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(t);
    return reps % 2 == 1 ? t[reps / 2] : (t[reps / 2 - 1] + t[reps / 2]) / 2;
  }

  /** Milliseconds of a single run (for work too slow to repeat, such as key generation). */
  public static double onceMs(Runnable body) {
    long s = System.nanoTime();
    body.run();
    return (System.nanoTime() - s) / 1e6;
  }
}
