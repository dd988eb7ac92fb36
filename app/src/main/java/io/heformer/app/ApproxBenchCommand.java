package io.heformer.app;

import io.heformer.bench.ApproxBench;
import io.heformer.ckks.CkksParametersSpec;
import io.heformer.ckks.ParameterPresets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code heformer bench approx}: the paper's approximations on ciphertexts at a secure set. */
@Command(
    name = "approx",
    mixinStandardHelpOptions = true,
    description = "Per function: interval, degree or iterations, minimum depth, levels consumed, certified and "
        + "measured plaintext error, measured encrypted error, time of one evaluation over all slots.")
public final class ApproxBenchCommand implements Runnable {
  @Option(names = "--logN", defaultValue = "16",
      description = "Ring degree 2^logN of the secure preset: 14 (quick, 7 levels), 15 or 16 (default ${DEFAULT-VALUE}, 23 levels).")
  int logN;

  @Option(names = "--set", description = "A named preset instead of the default for --logN: ${COMPLETION-CANDIDATES}",
      completionCandidates = CkksBenchCommand.PresetNames.class)
  String set;

  @Option(names = "--json", description = "Write the results to this JSON file.")
  Path json;

  @Override
  public void run() {
    CkksParametersSpec spec;
    if (set != null) {
      spec = ParameterPresets.byName(set);
    } else {
      spec = ParameterPresets.forLogN(logN);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "approx");
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("java", System.getProperty("java.version"));
    out.put("result", ApproxBench.run(spec, System.out));
    JsonOut.write(json, out);
  }
}
