package io.heformer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code heformer attention} on MiniLM as imported, and its refusals. */
class AttentionCommandTest {

  private static CapturedRun run(String... args) {
    return CapturedRun.of(new AttentionCommand(), args);
  }

  @Test
  void softmaxRowsOfMiniLmHaveUnitMassAndBetweenOneAndAllKeys(@TempDir Path dir)
      throws IOException {
    Path json = dir.resolve("attention.json");
    CapturedRun r = run("--task", "RTE", "--init", "minilm", "--layers", "2", "--examples", "8",
        "--batch", "3", "--seq", "64", "--json", json.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("8 dev examples of RTE"), r.stdout());
    String text = Files.readString(json);
    double[] mass = values(text, "row_mass");
    double[] max = values(text, "row_max");
    double[] effective = values(text, "effective_keys");
    double[] keys = values(text, "real_keys");
    assertEquals(2, mass.length, text);
    for (int l = 0; l < mass.length; l++) {
      assertEquals(1.0, mass[l], 1e-6, text);
      assertTrue(max[l] > 1 / keys[l] && max[l] <= 1, text);
      assertTrue(effective[l] > 1 && effective[l] < keys[l], text);
      // RTE pairs are long: most of the 64 tokens are real
      assertTrue(keys[l] > 32 && keys[l] <= 64, text);
    }
  }

  private static double[] values(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-+.0-9eE]+)").matcher(json);
    return m.results().mapToDouble(r -> Double.parseDouble(r.group(1))).toArray();
  }

  @Test
  void syntheticTaskAndUnknownSplitAreRefusedWithExitCode2() {
    CapturedRun synthetic = run("--task", "synthetic", "--init", "minilm");
    assertEquals(2, synthetic.exitCode());
    assertTrue(synthetic.stderr().contains("GLUE task"), synthetic.stderr());
    CapturedRun split = run("--task", "RTE", "--init", "minilm", "--split", "test");
    assertEquals(2, split.exitCode());
    assertTrue(split.stderr().contains("--split must be train or dev"), split.stderr());
  }
}
