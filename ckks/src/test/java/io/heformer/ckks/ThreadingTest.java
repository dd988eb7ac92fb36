package io.heformer.ckks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.heformer.ckks.ring.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Multi-threaded kernels must give bit-identical results to the sequential ones (STYLE R9). */
class ThreadingTest {
  @Test
  void multiThreadedOperationsEqualSingleThreadedOnes() {
    TestParams.Context c = TestParams.context(TestParams.N12);
    double[] x = new double[c.params.slots()];
    Random r = new Random(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = 2 * r.nextDouble() - 1;
    }
    Ciphertext a = c.encryptor.encrypt(c.encoder.encode(x));
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Ciphertext[] seq = pipeline(c, a);
      Parallel.setThreads(3);
      Ciphertext[] par = pipeline(c, a);
      for (int k = 0; k < seq.length; k++) {
        for (int p = 0; p < seq[k].parts.length; p++) {
          for (int l = 0; l <= seq[k].level; l++) {
            assertArrayEquals(seq[k].parts[p][l], par[k].parts[p][l], "result " + k + " part " + p + " limb " + l);
          }
        }
      }
    } finally {
      Parallel.setThreads(before);
    }
  }

  private static Ciphertext[] pipeline(TestParams.Context c, Ciphertext a) {
    Ciphertext m = c.eval.rescaleNew(c.eval.mulRelinNew(a, a));
    Ciphertext[] rot = c.eval.rotateHoisted(m, new int[] {1, 5});
    return new Ciphertext[] {m, rot[0], rot[1], c.eval.conjugateNew(a)};
  }
}
