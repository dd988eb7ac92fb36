package io.heformer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code heformer pretrain}'s refusals. */
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
}
