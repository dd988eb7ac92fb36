package io.heformer.app;

import io.heformer.bench.BootstrapBench;
import io.heformer.ckks.BootstrapParameters;
import io.heformer.ckks.BootstrapPresets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code heformer bench bootstrap}: bootstrapping precision, levels left, time (1 thread and all),
 * key sizes and peak memory. logN 16 runs the secure preset; 12-14 run INSECURE quick sets.
 */
@Command(
    name = "bootstrap",
    mixinStandardHelpOptions = true,
    description = "Bootstraps uniform inputs in [-1, 1]: log QP and security, levels left, precision (mean/min bits), "
        + "time per bootstrapping with 1 thread and all threads (ratio to OpenFHE), key sizes, peak memory.")
public final class BootstrapBenchCommand implements Runnable {
  @Option(names = "--logN", defaultValue = "16",
      description = "16: the secure preset (2^15 slots); 12, 13 or 14: INSECURE quick sets (default ${DEFAULT-VALUE}).")
  int logN;

  @Option(names = "--logSlots", description = "Sparse slots 2^logSlots instead of N/2 (logN 16: only 12 is a preset).")
  Integer logSlots;

  @Option(names = "--threads", split = ",", description = "Thread counts to run (default: 1 and all cores).")
  int[] threads;

  @Option(names = "--reps", defaultValue = "1", description = "Timed bootstrappings per thread count (median).")
  int reps;

  @Option(names = "--json", description = "Write the results to this JSON file.")
  Path json;

  @Override
  public void run() {
    BootstrapParameters bp;
    if (logN == 16) {
      if (logSlots == null || logSlots == 15) {
        bp = BootstrapPresets.N16_H192_H32;
      } else if (logSlots == 12) {
        bp = BootstrapPresets.N16_H192_H32_SPARSE;
      } else {
        throw new IllegalArgumentException("--logSlots at logN 16 must be 15 or 12: " + logSlots);
      }
    } else if (logN >= 10 && logN <= 14) {
      bp = BootstrapPresets.insecure(logN, logSlots == null ? logN - 1 : logSlots);
    } else {
      throw new IllegalArgumentException("--logN must be 16 (secure) or 10..14 (INSECURE quick sets): " + logN);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int[] t = threads != null ? threads : (cores > 1 ? new int[] {1, cores} : new int[] {1});
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "bootstrap");
    out.put("cores", cores);
    out.put("java", System.getProperty("java.version"));
    out.put("sets", List.of(BootstrapBench.run(bp, t, reps, System.out)));
    JsonOut.write(json, out);
  }
}
