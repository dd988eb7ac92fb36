package io.heformer.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenBLAS and the blocked multi-threaded Java kernel, both against the naive triple loop. */
class MatMulTest {

  @Test
  void openBlasLoadsOnLinuxX86() {
    Assumptions.assumeTrue(
        System.getProperty("os.name").startsWith("Linux")
            && System.getProperty("os.arch").equals("amd64")
            && !"java".equals(System.getProperty("heformer.blas")));
    assertTrue(Blas.available(), () -> "OpenBLAS unavailable: " + Blas.unavailableReason());
  }

  @ParameterizedTest(name = "m={0} n={1} k={2} java={3}")
  @CsvSource({"1,1,1,false", "3,5,7,false", "17,300,130,false", "129,257,64,false",
      "200,40,300,false", "17,300,130,true", "129,257,64,true", "200,40,300,true"})
  void matchesNaiveForEveryTransposeAndAccumulate(int m, int n, int k, boolean javaKernel) {
    Random r = new Random(m * 31 + n);
    for (int variant = 0; variant < 8; variant++) {
      boolean ta = (variant & 1) != 0;
      boolean tb = (variant & 2) != 0;
      boolean acc = (variant & 4) != 0;
      // Strided operands: leading dimensions larger than the logical width, non-zero offsets.
      int lda = (ta ? m : k) + 3;
      int ldb = (tb ? k : n) + 2;
      int ldc = n + 1;
      double[] a = random(r, 5 + (ta ? k : m) * lda);
      double[] b = random(r, 7 + (tb ? n : k) * ldb);
      double[] c1 = random(r, 2 + m * ldc);
      double[] c2 = c1.clone();
      if (javaKernel) {
        MatMul.gemmJava(ta, tb, m, n, k, 1.0, a, 5, lda, b, 7, ldb, acc, c1, 2, ldc);
      } else {
        MatMul.gemm(ta, tb, m, n, k, a, 5, lda, b, 7, ldb, acc, c1, 2, ldc);
      }
      MatMul.naive(ta, tb, m, n, k, a, 5, lda, b, 7, ldb, acc, c2, 2, ldc);
      for (int i = 0; i < c1.length; i++) {
        assertEquals(c2[i], c1[i], 1e-9 * Math.max(1, Math.abs(c2[i])),
            "variant " + variant + " index " + i);
      }
    }
  }

  @ParameterizedTest(name = "alpha={0}")
  @CsvSource({"0.5", "-2"})
  void alphaScalesTheProduct(double alpha) {
    Random r = new Random(3);
    Matrix a = new Matrix(random(r, 40 * 30), 0, 40, 30);
    Matrix b = new Matrix(random(r, 30 * 20), 0, 30, 20);
    Matrix c1 = Matrix.zeros(40, 20);
    Matrix c2 = Matrix.zeros(40, 20);
    MatMul.gemm(false, false, alpha, a, b, false, c1);
    MatMul.gemm(false, false, a, b, false, c2);
    for (int i = 0; i < c1.size(); i++) {
      assertEquals(alpha * c2.data()[i], c1.data()[i], 1e-12);
    }
  }

  @Test
  void rejectsMismatchedShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MatMul.gemm(false, false, Matrix.zeros(2, 3), Matrix.zeros(4, 5), false,
            Matrix.zeros(2, 5)));
    assertEquals(true, e.getMessage().contains("2x3"));
  }

  private static double[] random(Random r, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
    }
    return x;
  }
}
