package io.heformer.ckks.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * Limb- and ciphertext-level parallelism on a configurable number of threads. With one thread the
 * work runs inline on the caller, so single-threaded benchmarks measure the kernels alone.
 *
 * <p>Nested calls from inside a worker run inline: parallelism is taken once, at the outermost level.
 */
public final class Parallel {
  private static volatile int threads = Runtime.getRuntime().availableProcessors();
  private static volatile ForkJoinPool pool;

  private Parallel() {}

  /** Sets the number of threads used by every kernel (1 = sequential). */
  public static synchronized void setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + n);
    }
    if (n != threads) {
      ForkJoinPool old = pool;
      pool = null;
      threads = n;
      if (old != null) {
        old.shutdown();
      }
    }
  }

  public static int threads() {
    return threads;
  }

  private static ForkJoinPool pool() {
    ForkJoinPool p = pool;
    if (p == null) {
      synchronized (Parallel.class) {
        if (pool == null) {
          pool = new ForkJoinPool(threads);
        }
        p = pool;
      }
    }
    return p;
  }

  /** Runs body(i) for i in [0, count), split across the threads. */
  public static void forEach(int count, IntConsumer body) {
    int t = threads;
    if (t == 1 || count <= 1 || ForkJoinTask.inForkJoinPool()) {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
      return;
    }
    int chunks = Math.min(t, count);
    List<ForkJoinTask<?>> tasks = new ArrayList<>(chunks);
    ForkJoinPool p = pool();
    for (int c = 0; c < chunks; c++) {
      final int from = (int) ((long) count * c / chunks);
      final int to = (int) ((long) count * (c + 1) / chunks);
      tasks.add(
          p.submit(
              () -> {
                for (int i = from; i < to; i++) {
                  body.accept(i);
                }
              }));
    }
    for (ForkJoinTask<?> task : tasks) {
      task.join();
    }
  }
}
