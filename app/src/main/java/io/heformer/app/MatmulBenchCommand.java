package io.heformer.app;

import io.heformer.bench.MatmulBench;
import io.heformer.ckks.CkksParametersSpec;
import io.heformer.ckks.ParameterPresets;
import io.heformer.ckks.ring.Parallel;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code heformer bench matmul}: PCMM vs CCMM, Q/K/V sharing, LoRA products and Q K^T under CKKS. */
@Command(
    name = "matmul",
    mixinStandardHelpOptions = true,
    description = "Times X W (128 x 768 by 768 x 768 at logN 16) as PCMM and as CCMM, Q, K, V sharing rotations, "
        + "the rank-r LoRA products and Q K^T for one head pair; prints counts, levels and precision.")
public final class MatmulBenchCommand implements Runnable {
  @Option(names = "--logN", defaultValue = "16",
      description = "Ring degree 2^logN: 16 (the paper's shapes) or 14 or 15 (scaled-down shapes) (default ${DEFAULT-VALUE}).")
  int logN;

  @Option(names = "--set", description = "A named preset instead of the bench's set for --logN (e.g. N16-L24; keys grow with the chain).")
  String set;

  @Option(names = "--lora-rank", defaultValue = "2",
      description = "Rank r of the LoRA products (default ${DEFAULT-VALUE}, the paper's).")
  int loraRank;

  @Option(names = "--threads", description = "Threads for limb parallelism (default: all cores).")
  Integer threads;

  @Option(names = "--json", description = "Write the results to this JSON file.")
  Path json;

  @Override
  public void run() {
    CkksParametersSpec spec;
    if (set != null) {
      spec = ParameterPresets.byName(set);
    } else {
      if (logN < 14 || logN > 16) {
        throw new IllegalArgumentException("--logN must be 14, 15 or 16: " + logN);
      }
      spec = MatmulBench.specFor(logN);
    }
    int before = Parallel.threads();
    if (threads != null) {
      Parallel.setThreads(threads);
    }
    try {
      Map<String, Object> out = MatmulBench.run(spec, loraRank, System.out);
      out.put("threads", Parallel.threads());
      out.put("cores", Runtime.getRuntime().availableProcessors());
      out.put("java", System.getProperty("java.version"));
      JsonOut.write(json, out);
    } finally {
      Parallel.setThreads(before);
    }
  }
}
