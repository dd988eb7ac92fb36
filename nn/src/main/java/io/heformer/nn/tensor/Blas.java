package io.heformer.nn.tensor;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * OpenBLAS's {@code cblas_dgemm}, called on Java heap arrays without copying.
 *
 * <p>Why this way. The maintained OpenBLAS build of the bytedeco presets (Maven artifact {@code
 * org.bytedeco:openblas}, natives inside the jar) is extracted and loaded by its own {@code
 * Loader}; its JNI entry points copy every {@code double[]} argument in and out, which halves the
 * throughput on two cores (50 against 103 GFLOP/s measured for 512 x 1536 x 384). So we load the
 * library through the presets and call the C symbol ourselves with the Java FFM API: a <em>critical
 * </em> downcall may pass heap segments, so OpenBLAS reads and writes the arrays in place, and an
 * array offset is just a slice of the segment. The price, as with JNI's
 * GetPrimitiveArrayCritical, is that the arrays are pinned and a collection waits for the call to
 * return; our products last milliseconds.
 *
 * <p>When OpenBLAS cannot be loaded (another platform, or {@code -Dheformer.blas=java}), {@link
 * #available()} is false and {@link MatMul} uses its own Java kernel; the reason is kept in {@link
 * #unavailableReason()}. Thread count: OpenBLAS runs its own pool, sized once to {@link
 * Parallel#threads()}.
 */
final class Blas {

  private static final int ROW_MAJOR = 101;
  private static final int NO_TRANS = 111;
  private static final int TRANS = 112;

  private static final MethodHandle DGEMM;
  private static final String UNAVAILABLE;

  static {
    MethodHandle dgemm = null;
    String why = null;
    if ("java".equals(System.getProperty("heformer.blas"))) {
      why = "disabled by -Dheformer.blas=java";
    } else {
      try {
        org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
        SymbolLookup lookup = SymbolLookup.loaderLookup();
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> gemm = lookup.find("cblas_dgemm");
        if (gemm.isEmpty()) {
          why = "cblas_dgemm not found after loading OpenBLAS";
        } else {
          dgemm = linker.downcallHandle(gemm.get(),
              FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                  JAVA_DOUBLE, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_DOUBLE, ADDRESS,
                  JAVA_INT),
              Linker.Option.critical(true));
          Optional<MemorySegment> setThreads = lookup.find("openblas_set_num_threads");
          if (setThreads.isPresent()) {
            linker.downcallHandle(setThreads.get(), FunctionDescriptor.ofVoid(JAVA_INT))
                .invokeExact(Parallel.threads());
          }
        }
      } catch (Throwable e) {
        dgemm = null;
        why = "OpenBLAS could not be loaded: " + e;
      }
    }
    DGEMM = dgemm;
    UNAVAILABLE = why;
  }

  private Blas() {}

  /** Whether {@link #dgemm} may be called. */
  static boolean available() {
    return DGEMM != null;
  }

  /** Why OpenBLAS is not used, or null when it is. */
  static String unavailableReason() {
    return UNAVAILABLE;
  }

  /**
   * {@code C = alpha op(A) op(B) + beta C}, row-major, with {@link MatMul#gemm}'s conventions for
   * transposition, offsets and strides. Only when {@link #available()}.
   */
  static void dgemm(
      boolean transA, boolean transB, int m, int n, int k, double alpha,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double beta, double[] c, int cOff, int ldc) {
    try {
      DGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS,
          m, n, k, alpha, slice(a, aOff), lda, slice(b, bOff), ldb, beta, slice(c, cOff), ldc);
    } catch (Throwable e) {
      throw new IllegalStateException("cblas_dgemm failed", e);
    }
  }

  private static MemorySegment slice(double[] x, int off) {
    MemorySegment s = MemorySegment.ofArray(x);
    return off == 0 ? s : s.asSlice((long) off * Double.BYTES);
  }
}
