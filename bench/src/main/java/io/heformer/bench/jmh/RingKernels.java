package io.heformer.bench.jmh;

import io.heformer.ckks.ring.BaseConverter;
import io.heformer.ckks.ring.Modulus;
import io.heformer.ckks.ring.Ntt;
import io.heformer.ckks.ring.Primes;
import io.heformer.ckks.ring.Parallel;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmarks of the ring kernels on one thread: forward and inverse NTT of one limb and
 * the ModDown-shaped base conversion (6 special primes to 21 ciphertext primes), at N = 2^logN.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RingKernels {
  @Param({"16"})
  public int logN;

  private Ntt ntt;
  private long[] limb;
  private BaseConverter conv;
  private long[][] in;
  private long[][] out;
  private long[][] scratch;

  @Setup
  public void setup() {
    Parallel.setThreads(1);
    int n = 1 << logN;
    Random r = new Random(1);
    List<Long> q = Primes.nttPrimes(50, logN, 21, Set.of());
    List<Long> p = Primes.nttPrimes(60, logN, 6, Set.copyOf(q));
    ntt = Ntt.of(q.get(0), logN);
    limb = new long[n];
    for (int i = 0; i < n; i++) {
      limb[i] = Math.floorMod(r.nextLong(), q.get(0));
    }
    conv = new BaseConverter(p.stream().map(Modulus::new).toArray(Modulus[]::new),
        q.stream().map(Modulus::new).toArray(Modulus[]::new));
    in = new long[6][n];
    for (int i = 0; i < 6; i++) {
      for (int c = 0; c < n; c++) {
        in[i][c] = Math.floorMod(r.nextLong(), p.get(i));
      }
    }
    out = new long[21][n];
    scratch = new long[6][n];
  }

  @Benchmark
  public long[] nttForward() {
    ntt.forward(limb);
    return limb;
  }

  @Benchmark
  public long[] nttInverse() {
    ntt.inverse(limb);
    return limb;
  }

  @Benchmark
  public long[][] baseConversionExact6to21() {
    conv.convert(in, out, scratch, true);
    return out;
  }
}
