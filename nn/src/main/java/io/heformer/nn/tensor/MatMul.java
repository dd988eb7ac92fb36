package io.heformer.nn.tensor;

/**
 * The dense matrix product {@code C = A B} (or {@code C += A B}) on row-major arrays, with either
 * operand optionally transposed: the one kernel every linear layer, attention head and head
 * product uses (STYLE.md R9).
 *
 * <p>Method. Products of at least {@link #BLAS_FLOPS} multiply-adds made outside a {@link
 * Parallel} worker go to OpenBLAS ({@link Blas}, 7x faster than the kernel below on two cores);
 * small products, products inside workers (which OpenBLAS's own pool would oversubscribe) and
 * platforms without OpenBLAS use the Java kernel. A transposed operand is first copied into a per-thread scratch buffer in row-major
 * form (cost {@code O(mk)} or {@code O(kn)}, small next to the {@code O(mnk)} product), so only
 * one kernel exists: {@code C[i, j] += sum_p A[i, p] B[p, j]} with A and B both row-major. The
 * kernel walks four rows of C at a time over a column panel of {@code NB} columns and a depth
 * panel of {@code KB}, so the four C row segments stay in L1 and the B panel in L2; the innermost
 * loop is an axpy over contiguous columns that HotSpot's auto-vectoriser turns into SIMD
 * multiply-adds. Products larger than {@link #PARALLEL_FLOPS} split the rows of C over {@link
 * Parallel}'s workers; {@link #naive} is the reference the tests compare it against.
 *
 * <p>Allocation: none per call once the per-thread scratch has grown to the largest transposed
 * operand. Thread safety: safe for concurrent calls on disjoint outputs.
 */
public final class MatMul {

  /** Column panel width: 4 rows x 256 doubles of C = 8 KiB, well inside L1. */
  static final int NB = 256;

  /** Depth panel: a 128 x 256 panel of B is 256 KiB, inside L2. */
  static final int KB = 128;

  /**
   * Products with at least this many multiply-adds go to OpenBLAS when it is loaded ({@link Blas}):
   * below it the call overhead (about 3 microseconds) outweighs the faster kernel.
   */
  static final long BLAS_FLOPS = 1L << 16;

  /** Products with at least this many multiply-adds are split over the worker threads. */
  static final long PARALLEL_FLOPS = 1L << 16;

  private static final ThreadLocal<double[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new double[][] {new double[0], new double[0]});

  private MatMul() {}

  /**
   * {@code C = op(A) op(B)} or {@code C += op(A) op(B)}, all matrices row-major.
   *
   * @param transA if true, A is stored as {@code k x m} and {@code op(A) = A^T}; else {@code m x k}
   * @param transB if true, B is stored as {@code n x k} and {@code op(B) = B^T}; else {@code k x n}
   * @param m rows of C
   * @param n columns of C
   * @param k inner dimension
   * @param a A's array; {@code lda} is its row stride
   * @param b B's array; {@code ldb} is its row stride
   * @param accumulate add into C instead of overwriting it
   * @param c C's array, {@code m x n} with row stride {@code ldc}; must not alias A or B
   */
  public static void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, int lda,
      double[] b, int bOff, int ldb,
      boolean accumulate, double[] c, int cOff, int ldc) {
    gemm(transA, transB, m, n, k, 1.0, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
  }

  /**
   * {@code C = alpha op(A) op(B)} or {@code C += alpha op(A) op(B)}; otherwise as {@link
   * #gemm(boolean, boolean, int, int, int, double[], int, int, double[], int, int, boolean,
   * double[], int, int)}.
   */
  public static void gemm(
      boolean transA, boolean transB, int m, int n, int k, double alpha,
      double[] a, int aOff, int lda,
      double[] b, int bOff, int ldb,
      boolean accumulate, double[] c, int cOff, int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("negative gemm size m=" + m + " n=" + n + " k=" + k);
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (k > 0 && (long) m * n * k >= BLAS_FLOPS && Blas.available()) {
      Blas.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
          accumulate ? 1.0 : 0.0, c, cOff, ldc);
      return;
    }
    gemmJava(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
  }

  /** The Java kernel alone, whatever the size; {@link #gemm}'s conventions. */
  static void gemmJava(
      boolean transA, boolean transB, int m, int n, int k, double alpha,
      double[] a, int aOff, int lda,
      double[] b, int bOff, int ldb,
      boolean accumulate, double[] c, int cOff, int ldc) {
    double[][] scratch = SCRATCH.get();
    if (transA) {
      scratch[0] = grow(scratch[0], m * k);
      transpose(a, aOff, lda, k, m, scratch[0]);
      a = scratch[0];
      aOff = 0;
      lda = k;
    }
    if (transB) {
      scratch[1] = grow(scratch[1], k * n);
      transpose(b, bOff, ldb, n, k, scratch[1]);
      b = scratch[1];
      bOff = 0;
      ldb = n;
    }
    long flops = (long) m * n * k;
    int blocks = (m + 3) / 4;
    if (flops < PARALLEL_FLOPS || blocks < 2 || Parallel.threads() == 1 || Parallel.inWorker()) {
      kernel(0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
      return;
    }
    int chunks = Math.min(blocks, Parallel.threads() * 4);
    final double[] fa = a;
    final double[] fb = b;
    final int fao = aOff;
    final int flda = lda;
    final int fbo = bOff;
    final int fldb = ldb;
    Parallel.forRange(
        chunks,
        t -> {
          int r0 = (int) ((long) blocks * t / chunks) * 4;
          int r1 = Math.min(m, (int) ((long) blocks * (t + 1) / chunks) * 4);
          kernel(r0, r1, n, k, alpha, fa, fao, flda, fb, fbo, fldb, accumulate, c, cOff, ldc);
        });
  }

  /** {@code C = op(A) op(B)} (or {@code +=}) on whole {@link Matrix} views; shapes are checked. */
  public static void gemm(
      boolean transA, boolean transB, Matrix a, Matrix b, boolean accumulate, Matrix c) {
    gemm(transA, transB, 1.0, a, b, accumulate, c);
  }

  /** {@code C = alpha op(A) op(B)} (or {@code +=}) on whole views; shapes are checked. */
  public static void gemm(
      boolean transA, boolean transB, double alpha, Matrix a, Matrix b, boolean accumulate,
      Matrix c) {
    int m = transA ? a.cols() : a.rows();
    int k = transA ? a.rows() : a.cols();
    int kb = transB ? b.cols() : b.rows();
    int n = transB ? b.rows() : b.cols();
    if (k != kb || c.rows() != m || c.cols() != n) {
      throw new IllegalArgumentException(
          "gemm shape mismatch: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n + ", C "
              + c.rows() + "x" + c.cols());
    }
    gemm(transA, transB, m, n, k, alpha, a.data(), a.offset(), a.cols(), b.data(), b.offset(),
        b.cols(), accumulate, c.data(), c.offset(), c.cols());
  }

  private static double[] grow(double[] buf, int size) {
    return buf.length >= size ? buf : new double[Math.max(size, buf.length * 2)];
  }

  /** out (cols x rows, contiguous) = transpose of src (rows x cols, stride ld). */
  private static void transpose(double[] src, int off, int ld, int rows, int cols, double[] out) {
    final int tile = 32;
    for (int i0 = 0; i0 < rows; i0 += tile) {
      int i1 = Math.min(rows, i0 + tile);
      for (int j0 = 0; j0 < cols; j0 += tile) {
        int j1 = Math.min(cols, j0 + tile);
        for (int i = i0; i < i1; i++) {
          int s = off + i * ld;
          for (int j = j0; j < j1; j++) {
            out[j * rows + i] = src[s + j];
          }
        }
      }
    }
  }

  /** Rows [r0, r1) of C = (or +=) A B, both row-major. */
  private static void kernel(
      int r0, int r1, int n, int k, double alpha,
      double[] a, int aOff, int lda,
      double[] b, int bOff, int ldb,
      boolean accumulate, double[] c, int cOff, int ldc) {
    if (!accumulate) {
      for (int i = r0; i < r1; i++) {
        java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
      }
    }
    for (int p0 = 0; p0 < k; p0 += KB) {
      int p1 = Math.min(k, p0 + KB);
      for (int j0 = 0; j0 < n; j0 += NB) {
        int j1 = Math.min(n, j0 + NB);
        int i = r0;
        for (; i + 3 < r1; i += 4) {
          block4(i, p0, p1, j0, j1, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
        for (; i < r1; i++) {
          block1(i, p0, p1, j0, j1, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
      }
    }
  }

  private static void block4(
      int i, int p0, int p1, int j0, int j1, double alpha,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc) {
    int c0 = cOff + i * ldc;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    int a0 = aOff + i * lda;
    for (int p = p0; p < p1; p++) {
      double x0 = alpha * a[a0 + p];
      double x1 = alpha * a[a0 + lda + p];
      double x2 = alpha * a[a0 + 2 * lda + p];
      double x3 = alpha * a[a0 + 3 * lda + p];
      int bp = bOff + p * ldb;
      for (int j = j0; j < j1; j++) {
        double y = b[bp + j];
        c[c0 + j] += x0 * y;
        c[c1 + j] += x1 * y;
        c[c2 + j] += x2 * y;
        c[c3 + j] += x3 * y;
      }
    }
  }

  private static void block1(
      int i, int p0, int p1, int j0, int j1, double alpha,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc) {
    int c0 = cOff + i * ldc;
    int a0 = aOff + i * lda;
    for (int p = p0; p < p1; p++) {
      double x0 = alpha * a[a0 + p];
      int bp = bOff + p * ldb;
      for (int j = j0; j < j1; j++) {
        c[c0 + j] += x0 * b[bp + j];
      }
    }
  }

  /**
   * Reference triple loop, {@code C = op(A) op(B)} (or {@code +=}), same conventions as {@link
   * #gemm(boolean, boolean, int, int, int, double[], int, int, double[], int, int, boolean,
   * double[], int, int)}. Slow; for tests.
   */
  public static void naive(
      boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      boolean accumulate, double[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          double y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          s += x * y;
        }
        int ci = cOff + i * ldc + j;
        c[ci] = accumulate ? c[ci] + s : s;
      }
    }
  }
}
