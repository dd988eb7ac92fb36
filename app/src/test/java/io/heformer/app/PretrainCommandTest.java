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

/** {@code heformer pretrain}: a conversion round's record, and the command's refusals. */
class PretrainCommandTest {

  @Test
  void perTaskCapIsRefusedOutsideTheGlueCorpus(@TempDir Path dir) {
    CapturedRun run = CapturedRun.of(new PretrainCommand(), "--corpus", "synthetic",
        "--max-per-task", "100", "--out", dir.resolve("m.ckpt").toString());
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("--max-per-task needs --corpus glue"), run.stderr());
  }

  @Test
  void blockWeightIsRefusedWithBlockLocalConversion(@TempDir Path dir) {
    CapturedRun run = CapturedRun.of(new PretrainCommand(), "--init", "minilm", "--convert",
        "--block-local", "--block-weight", "1", "--out", dir.resolve("m.ckpt").toString());
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("--block-weight has no effect with --block-local"),
        run.stderr());
  }

  @Test
  void conversionRoundsRecordTheirRateAndWhatTheyResumed(@TempDir Path dir) throws IOException {
    // A round cannot be remade from its JSON unless the JSON names the rate: the rounds of
    // docs/results/glue.md ran at 2e-4 and 1e-3.
    String[] common = {"--init", "minilm", "--convert", "--layers", "1", "--seq", "16",
        "--corpus", "synthetic", "--batch", "2", "--steps", "3"};
    Path first = dir.resolve("first.ckpt");
    Path firstJson = dir.resolve("first.json");
    CapturedRun a = CapturedRun.of(new PretrainCommand(), CapturedRun.concat(common,
        "--lr", "5e-4", "--out", first.toString(), "--json", firstJson.toString()));
    assertEquals(0, a.exitCode(), a.stderr());
    String text = Files.readString(firstJson);
    assertEquals(5e-4, number(text, "lr"), 0);
    assertEquals(0, number(text, "warmup"), 0);
    assertTrue(text.contains("\"resumed_from\": null"), text);

    Path secondJson = dir.resolve("second.json");
    CapturedRun b = CapturedRun.of(new PretrainCommand(), CapturedRun.concat(common,
        "--resume", first.toString(), "--seed", "7", "--out", dir.resolve("second.ckpt")
            .toString(), "--json", secondJson.toString()));
    assertEquals(0, b.exitCode(), b.stderr());
    String resumed = Files.readString(secondJson);
    assertEquals(2e-4, number(resumed, "lr"), 0, "the conversion's default rate");
    assertTrue(resumed.contains("\"resumed_from\": \"first.ckpt\""), resumed);
    // The round starts where the first one ended.
    assertEquals(number(text, "held_out_relative_error_after"),
        number(resumed, "held_out_relative_error_before"), 1e-9);
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return Double.parseDouble(m.group(1));
  }
}
