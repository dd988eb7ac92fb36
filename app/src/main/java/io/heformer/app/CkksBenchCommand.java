package io.heformer.app;

import io.heformer.bench.CkksBench;
import io.heformer.ckks.CkksParametersSpec;
import io.heformer.ckks.ParameterPresets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code heformer bench ckks}: the CKKS operation table at a secure set, 1 thread and all threads. */
@Command(
    name = "ckks",
    mixinStandardHelpOptions = true,
    description = "Times NTT, encode, encrypt, decrypt, add, ct x pt, ct x ct, relinearisation, rescale, "
        + "rotation, 16 hoisted rotations and key generation; at logN 16 also OpenFHE's set S for ratios.")
public final class CkksBenchCommand implements Runnable {
  @Option(names = "--logN", defaultValue = "14",
      description = "Largest ring degree 2^logN: 14, 15 or 16; every secure preset from 2^14 up to it runs (default ${DEFAULT-VALUE}).")
  int logN;

  @Option(names = "--set", description = "A named preset instead of the default for --logN: ${COMPLETION-CANDIDATES}",
      completionCandidates = PresetNames.class)
  String set;

  @Option(names = "--threads", split = ",", description = "Thread counts to run (default: 1 and all cores).")
  int[] threads;

  // While the heap grows, each repetition's buffers land on pages the kernel must first zero: at
  // N = 2^16 the first repetitions run up to 6x slower. 21 puts the median past that transient
  // (docs/design-notes.md, "Open performance items"); 5 reported it.
  @Option(names = "--reps", defaultValue = "21", description = "Timed repetitions per operation (median reported; default ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--no-openfhe-set", description = "At logN 16, skip OpenFHE's set S (no ratios).")
  boolean skipOpenfhe;

  @Option(names = "--json", description = "Write the results to this JSON file.")
  Path json;

  static final class PresetNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    PresetNames() {
      super(ParameterPresets.all().keySet());
    }
  }

  @Override
  public void run() {
    int cores = Runtime.getRuntime().availableProcessors();
    int[] t = threads != null ? threads : (cores > 1 ? new int[] {1, cores} : new int[] {1});
    List<CkksParametersSpec> sets = new ArrayList<>();
    if (set != null) {
      sets.add(ParameterPresets.byName(set));
    } else {
      if (logN < 14 || logN > 16) {
        throw new IllegalArgumentException("--logN must be 14, 15 or 16: " + logN);
      }
      for (int l = 14; l <= logN; l++) {
        sets.add(ParameterPresets.forLogN(l));
      }
      if (logN == 16 && !skipOpenfhe) {
        sets.add(ParameterPresets.OPENFHE_S);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "ckks");
    out.put("cores", cores);
    out.put("java", System.getProperty("java.version"));
    List<Object> results = new ArrayList<>();
    for (CkksParametersSpec s : sets) {
      results.add(CkksBench.run(s, t, reps, System.out));
    }
    out.put("sets", results);
    JsonOut.write(json, out);
  }
}
