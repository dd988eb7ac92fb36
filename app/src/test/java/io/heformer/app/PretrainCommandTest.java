package io.heformer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.bench.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
    Map<?, ?> round1 = (Map<?, ?>) Json.parse(Files.readString(firstJson));
    assertEquals(5e-4, Json.number(round1, "lr"));
    assertEquals(0.0, Json.number(round1, "warmup"));
    assertTrue(round1.containsKey("resumed_from") && round1.get("resumed_from") == null);

    Path second = dir.resolve("second.ckpt");
    Path secondJson = dir.resolve("second.json");
    CapturedRun b = CapturedRun.of(new PretrainCommand(), CapturedRun.concat(common,
        "--resume", first.toString(), "--seed", "7", "--out", second.toString(), "--json",
        secondJson.toString()));
    assertEquals(0, b.exitCode(), b.stderr());
    Map<?, ?> round2 = (Map<?, ?>) Json.parse(Files.readString(secondJson));
    assertEquals(2e-4, Json.number(round2, "lr"), "the conversion's default rate");
    assertEquals("first.ckpt", round2.get("resumed_from"));
    // The round starts where the first one ended, measured on the same held-out sequences.
    assertEquals(Json.number(round1, "held_out_relative_error_after"),
        Json.number(round2, "held_out_relative_error_before"), 1e-9);

    // Fine-tuning from the round names it by file name, never by this machine's folders.
    Path tuneJson = dir.resolve("tune.json");
    CapturedRun tune = CapturedRun.of(new FinetuneCommand(), "--task", "synthetic", "--init",
        second.toString(), "--lora", "--epochs", "1", "--synthetic-size", "32", "--seq", "16",
        "--progress-every", "1000", "--json", tuneJson.toString());
    assertEquals(0, tune.exitCode(), tune.stderr());
    assertEquals("second.ckpt", ((Map<?, ?>) Json.parse(Files.readString(tuneJson))).get("init"));
  }
}
