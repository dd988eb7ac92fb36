package io.heformer.nn.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * The worker pool shared by the multi-threaded kernels, and a {@code parallelFor} over index
 * ranges.
 *
 * <p>The JDK's common pool has {@code cores - 1} workers, which on a 2-core machine means no
 * parallelism at all for a caller that blocks; this pool has one worker per core (or the value of
 * the system property {@code heformer.threads}). Nested calls from inside a worker run serially,
 * which keeps the attention heads (parallel over examples and heads) from oversubscribing the
 * matrix kernel they call.
 */
public final class Parallel {

  private static final int THREADS =
      Integer.getInteger("heformer.threads", Runtime.getRuntime().availableProcessors());
  private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, THREADS));

  private Parallel() {}

  /** Number of worker threads. */
  public static int threads() {
    return POOL.getParallelism();
  }

  /**
   * Runs {@code row.accept(i)} for every row {@code i} in {@code [0, rows)}, in contiguous blocks
   * (four per worker) so that an element-wise function over a matrix costs one task per block,
   * not one per row. Same rules as {@link #forRange}.
   */
  public static void forRows(int rows, IntConsumer row) {
    int blocks = Math.min(rows, 4 * threads());
    forRange(blocks, b -> {
      for (int i = (int) ((long) rows * b / blocks); i < (int) ((long) rows * (b + 1) / blocks);
          i++) {
        row.accept(i);
      }
    });
  }

  /**
   * Runs {@code body.accept(i)} for every {@code i} in {@code [0, count)}, split across the pool.
   * Runs serially when {@code count == 1}, when there is one thread, or when called from a pool
   * worker. Exceptions thrown by the body are rethrown in the caller.
   */
  public static void forRange(int count, IntConsumer body) {
    if (count <= 0) {
      return;
    }
    if (count == 1 || POOL.getParallelism() == 1 || ForkJoinTask.getPool() == POOL) {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
      return;
    }
    POOL.invoke(new Range(0, count, body));
  }

  private static final class Range extends RecursiveAction {
    private final int from;
    private final int to;
    private final IntConsumer body;

    Range(int from, int to, IntConsumer body) {
      this.from = from;
      this.to = to;
      this.body = body;
    }

    @Override
    protected void compute() {
      if (to - from == 1) {
        body.accept(from);
        return;
      }
      int mid = (from + to) >>> 1;
      invokeAll(new Range(from, mid, body), new Range(mid, to, body));
    }
  }

  /** True when the current thread is one of this pool's workers. */
  static boolean inWorker() {
    return ForkJoinTask.getPool() == POOL;
  }
}
