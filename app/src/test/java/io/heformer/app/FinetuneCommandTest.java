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
import picocli.CommandLine;

/** {@code heformer finetune} end to end on the synthetic task, and its refusals. */
class FinetuneCommandTest {

  @Test
  void fullFineTuningLearnsTheSyntheticTaskAndWritesJson(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("run.json");
    int rc = new CommandLine(new FinetuneCommand()).execute("--task", "synthetic",
        "--preset", "cpu", "--full", "--lr", "1e-3", "--optimizer", "adamw", "--epochs", "3",
        "--synthetic-size", "300", "--seq", "32", "--progress-every", "1000",
        "--json", json.toString());
    assertEquals(0, rc);
    String text = Files.readString(json);
    double accuracy = number(text, "value");
    // Chance is 0.5; three epochs of full fine-tuning reach 0.70 (seed 42).
    assertTrue(accuracy >= 0.6, "dev accuracy " + accuracy);
    Matcher losses = Pattern.compile("\"train_loss\": \\[([^,]+), [^,]+, ([^\\]]+)\\]")
        .matcher(text);
    assertTrue(losses.find(), text);
    assertTrue(Double.parseDouble(losses.group(2)) < Double.parseDouble(losses.group(1)) - 0.1,
        "training loss must fall: " + losses.group());
  }

  @Test
  void unknownTaskAndModeAreRefusedWithExitCode2() {
    assertEquals(2, new CommandLine(new FinetuneCommand()).execute("--task", "QQP"));
    assertEquals(2, new CommandLine(new FinetuneCommand()).execute("--task", "synthetic",
        "--mode", "fast"));
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(json);
    assertTrue(m.find(), key + " missing in " + json);
    return Double.parseDouble(m.group(1));
  }
}
