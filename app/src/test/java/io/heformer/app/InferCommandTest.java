package io.heformer.app;

import static io.heformer.app.CapturedRun.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.bench.Json;
import io.heformer.nn.model.Bert;
import io.heformer.nn.model.Checkpoint;
import io.heformer.nn.model.Initializer;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.Presets;
import io.heformer.nn.train.TargetScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code heformer infer} on saved checkpoints: the task's units, labels, dev metrics, refusals. */
class InferCommandTest {

  private static Bert model(int classes) {
    Bert bert = new Bert(Presets.cpu().withNumClasses(classes));
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 7);
    return bert;
  }

  private static Path saved(Bert bert, Path file, Map<String, String> metadata)
      throws IOException {
    Checkpoint.write(bert, metadata, file);
    return file;
  }

  private static Map<String, String> stsb(TargetScale scale) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("task", "STSB");
    m.putAll(scale.toMetadata());
    return m;
  }

  @Test
  void regressionScoresAreInTheTargetsUnitsFromTheCheckpointsMetadata(@TempDir Path dir)
      throws IOException {
    Bert bert = model(1);
    Path unit = saved(bert, dir.resolve("unit.ckpt"), stsb(TargetScale.IDENTITY));
    Path scaled = saved(bert, dir.resolve("scaled.ckpt"), stsb(new TargetScale(2.5, 1.5)));
    String[] pair = {"--text", "a man plays a guitar", "--pair", "a person plays music",
        "--text", "the cat sleeps", "--pair", "stocks fell sharply"};
    List<Map<?, ?>> z = predictions(infer(dir, concat(pair, "--model", unit.toString())));
    List<Map<?, ?>> y = predictions(infer(dir, concat(pair, "--model", scaled.toString())));
    assertEquals(2, z.size());
    for (int i = 0; i < z.size(); i++) {
      // JSON keeps 6 significant digits.
      assertEquals(2.5 + 1.5 * (Double) z.get(i).get("score"), (Double) y.get(i).get("score"),
          1e-4);
    }
  }

  @Test
  void classifiersPrintALabelAndProbabilitiesThatSumToOne(@TempDir Path dir) throws IOException {
    Path file = saved(model(2), dir.resolve("sst2.ckpt"), Map.of("task", "SST2"));
    List<Map<?, ?>> rows = predictions(infer(dir, "--model", file.toString(), "--text",
        "a wonderful film", "--text", "dull and far too long"));
    assertEquals(2, rows.size());
    for (Map<?, ?> row : rows) {
      Map<?, ?> p = (Map<?, ?>) row.get("probabilities");
      double neg = (Double) p.get("negative");
      double pos = (Double) p.get("positive");
      assertEquals(1.0, neg + pos, 1e-5);
      assertEquals(pos > neg ? "positive" : "negative", row.get("label"));
    }
  }

  @Test
  void devScoreOfASavedModelIsTheOneFinetunePrinted(@TempDir Path dir) throws IOException {
    Path ckpt = dir.resolve("tuned.ckpt");
    Path tuneJson = dir.resolve("tune.json");
    CapturedRun tune = CapturedRun.of(new FinetuneCommand(), "--task", "SST-2", "--preset", "cpu",
        "--lora", "--epochs", "1", "--max-train", "48", "--seq", "16", "--progress-every", "1000",
        "--save", ckpt.toString(), "--json", tuneJson.toString());
    assertEquals(0, tune.exitCode(), tune.stderr());
    Double tuned = Json.number(Json.parse(Files.readString(tuneJson)), "value");
    Object json = Json.parse(infer(dir, "--model", ckpt.toString(), "--dev", "--seq", "16"));
    assertEquals(tuned, Json.number(json, "metrics", "accuracy"));
    assertEquals(872.0, Json.number(json, "inputs"));
  }

  @Test
  void badRequestsAreRefusedWithExitCode2(@TempDir Path dir) throws IOException {
    Path stsb = saved(model(1), dir.resolve("stsb.ckpt"), stsb(TargetScale.IDENTITY));
    assertRefused("one --pair per --text", "--model", stsb.toString(), "--text", "only one");
    assertRefused("or --dev, not both", "--model", stsb.toString(), "--text", "a", "--pair", "b",
        "--dev");
    assertRefused("differs from the task STSB", "--model", stsb.toString(), "--task", "RTE",
        "--dev");
    assertRefused("--mode approx needs --ranges", "--model", stsb.toString(), "--mode",
        "approx", "--dev");
    Path untagged = saved(model(2), dir.resolve("untagged.ckpt"), Map.of());
    assertRefused("does not record its task", "--model", untagged.toString(), "--dev");
    Path encoder = saved(new Bert(Presets.cpu().withNumClasses(0)), dir.resolve("enc.ckpt"),
        Map.of());
    assertRefused("has no task head", "--model", encoder.toString(), "--dev");
  }

  private static void assertRefused(String message, String... args) {
    CapturedRun run = CapturedRun.of(new InferCommand(), args);
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains(message), run.stderr());
  }

  /** Runs infer with {@code --json} and returns the JSON. */
  private static String infer(Path dir, String... args) throws IOException {
    Path json = dir.resolve("infer.json");
    CapturedRun run = CapturedRun.of(new InferCommand(), concat(args, "--json", json.toString()));
    assertEquals(0, run.exitCode(), run.stderr());
    return Files.readString(json);
  }


  private static List<Map<?, ?>> predictions(String json) {
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object row : (List<?>) ((Map<?, ?>) Json.parse(json)).get("predictions")) {
      out.add((Map<?, ?>) row);
    }
    return out;
  }
}
