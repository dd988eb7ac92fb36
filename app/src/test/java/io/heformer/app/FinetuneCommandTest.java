package io.heformer.app;

import static io.heformer.app.CapturedRun.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.Presets;
import io.heformer.nn.nonlinear.InputRange;
import io.heformer.nn.nonlinear.InputRangeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code heformer finetune} end to end on the synthetic task, and its refusals. */
class FinetuneCommandTest {

  @Test
  void fullFineTuningLearnsTheSyntheticTaskAndWritesJson(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("run.json");
    CapturedRun run = run("--task", "synthetic",
        "--preset", "cpu", "--full", "--lr", "1e-3", "--optimizer", "adamw", "--epochs", "3",
        "--synthetic-size", "300", "--seq", "32", "--progress-every", "1000",
        "--json", json.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("SYNTHETIC dev accuracy = "), run.stdout());
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
  void evaluatingEveryEpochRecordsTheCurveWithoutChangingTraining(@TempDir Path dir)
      throws IOException {
    String[] common = {"--task", "synthetic", "--preset", "cpu", "--full", "--lr", "1e-3",
        "--optimizer", "adamw", "--epochs", "3", "--synthetic-size", "300", "--seq", "32",
        "--progress-every", "1000", "--warmup", "5"};
    Path plain = dir.resolve("plain.json");
    Path curve = dir.resolve("curve.json");
    CapturedRun a = run(concat(common, "--json", plain.toString()));
    assertEquals(0, a.exitCode(), a.stderr());
    CapturedRun b = run(concat(common, "--eval-every-epoch", "--json", curve.toString()));
    Path probed = dir.resolve("probed.json");
    CapturedRun c = run(concat(common, "--eval-every-epoch", "--head-epochs", "2", "--json",
        probed.toString()));
    assertEquals(0, c.exitCode(), c.stderr());
    String hj = Files.readString(probed);
    String probeCurve = hj.substring(hj.indexOf("\"head_dev_by_epoch\""));
    probeCurve = probeCurve.substring(0, probeCurve.indexOf(']'));
    assertEquals(2, probeCurve.split("\"accuracy\"", -1).length - 1, hj);
    assertTrue(c.stderr().contains("head epoch 2 dev {accuracy="), c.stderr());
    assertEquals(0, b.exitCode(), b.stderr());
    String pj = Files.readString(plain);
    String cj = Files.readString(curve);
    assertFalse(pj.contains("dev_by_epoch"), pj);
    assertEquals(5, (int) number(pj, "warmup_steps"), pj);
    // Evaluation between epochs must not touch the weights, the optimiser or the shuffling.
    assertEquals(number(pj, "value"), number(cj, "value"), 0.0);
    Matcher curvePoints = Pattern.compile("\"accuracy\": ([-0-9.eE]+)").matcher(
        cj.substring(cj.indexOf("\"dev_by_epoch\"")));
    double first = Double.NaN;
    double last = Double.NaN;
    int points = 0;
    while (curvePoints.find()) {
      last = Double.parseDouble(curvePoints.group(1));
      first = points == 0 ? last : first;
      points++;
    }
    assertEquals(3, points, cj);
    assertEquals(number(cj, "value"), last, 0.0, cj);
    assertTrue(first < last, "the synthetic task is learnt over the epochs: " + cj);
    assertTrue(b.stderr().contains("epoch 1 dev {accuracy="), b.stderr());
  }

  @Test
  void loraRankTargetsPoolingAndKeptExactFunctionsReachTheModelAndTheJson(@TempDir Path dir)
      throws IOException {
    Path paper = dir.resolve("paper.json");
    Path wide = dir.resolve("wide.json");
    String[] common = {"--task", "synthetic", "--preset", "cpu", "--lora", "--epochs", "1",
        "--synthetic-size", "64", "--seq", "16", "--progress-every", "1000", "--mode", "approx",
        "--calibration-batches", "2"};
    CapturedRun a = run(concat(common, "--json", paper.toString()));
    assertEquals(0, a.exitCode(), a.stderr());
    CapturedRun b = run(concat(common, "--lora-rank", "4", "--lora-targets", "QUERY,FFN_IN",
        "--keep-exact", "STEP,TANH", "--pooling", "MEAN", "--lora-lr-ratio", "QUERY=0.25",
        "--head-epochs", "1", "--json", wide.toString()));
    assertEquals(0, b.exitCode(), b.stderr());
    String pj = Files.readString(paper);
    String wj = Files.readString(wide);
    assertTrue(pj.contains("\"lora_targets\": [\"QUERY\", \"KEY\", \"VALUE\"]"), pj);
    assertTrue(wj.contains("\"lora_targets\": [\"QUERY\", \"FFN_IN\"]"), wj);
    assertTrue(wj.contains("\"kept_exact\": [\"STEP\", \"TANH\"]"), wj);
    assertTrue(wj.contains("\"QUERY\": 0.25"), wj);
    assertTrue(wj.contains("\"head_epochs\": 1"), wj);
    assertTrue(wj.contains("\"head_train_loss\": ["), wj);
    assertFalse(pj.contains("head_epochs"), pj);
    assertFalse(pj.contains("lora_lr_ratios"), pj);
    assertTrue(pj.contains("\"pooling\": \"CLS\""), pj);
    assertTrue(wj.contains("\"pooling\": \"MEAN\""), wj);
    assertTrue(wj.contains("exact (ablation)"), wj);
    assertFalse(pj.contains("exact (ablation)"), pj);
    // An adapter of rank r on a (in -> out) projection has r (in + out) weights. Paper: r = 2 on
    // Q, K, V (width -> width) in every layer; wide: r = 4 on Q and on FFN_IN (width -> ffnDim).
    // The head is the same in both runs.
    BertConfig c = Presets.cpu();
    int w = c.width();
    long head = (long) number(pj, "trainable_parameters") - c.layers() * 3 * 2 * (w + w);
    long wideLora = (long) number(wj, "trainable_parameters") - head;
    assertEquals(c.layers() * (4 * (w + w) + 4 * (w + c.ffnDim())), wideLora, wj);
  }

  @Test
  void rangesRecordedBySeveralPilotRunsChooseTheIntervalsTogether(@TempDir Path dir)
      throws IOException {
    String[] common = {"--task", "synthetic", "--preset", "cpu", "--lora", "--epochs", "1",
        "--synthetic-size", "64", "--seq", "16", "--progress-every", "1000"};
    Path a = dir.resolve("seed1.tsv");
    Path b = dir.resolve("seed2.tsv");
    assertEquals(0, run(concat(common, "--seed", "1", "--record-ranges", a.toString()))
        .exitCode());
    assertEquals(0, run(concat(common, "--seed", "2", "--record-ranges", b.toString()))
        .exitCode());
    List<InputRange> union = InputRangeTable.union(
        List.of(InputRangeTable.read(a), InputRangeTable.read(b)));
    assertNotEquals(InputRangeTable.read(a), union, "two seeds see different ranges");
    Path json = dir.resolve("approx.json");
    CapturedRun approx = run(concat(common, "--seed", "3", "--mode", "approx", "--ranges",
        a + "," + b, "--json", json.toString()));
    assertEquals(0, approx.exitCode(), approx.stderr());
    assertTrue(approx.stderr().contains("approximation intervals from " + union.size()
        + " recorded ranges in the union of [" + a + ", " + b + "]"), approx.stderr());
    // The JSON names the tables by file name, never by this machine's folders.
    String text = Files.readString(json);
    assertTrue(text.contains("\"ranges_from\": [\"seed1.tsv\", \"seed2.tsv\"]"), text);
    assertFalse(text.contains(dir.toString()), text);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refusals")
  void badOptionsAreRefusedWithExitCode2AndTheReason(String[] args, String reason) {
    CapturedRun r = run(args);
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains(reason), r.stderr());
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(new String[] {"--task", "QQP"}, "unknown task 'QQP'"),
        refusal("--mode must be plain or approx", "--mode", "fast"),
        refusal("--lora-rank must be >= 1", "--lora-rank", "0"),
        refusal("--keep-exact needs --mode approx", "--keep-exact", "STEP"),
        refusal("adapted projections are [QUERY, KEY, VALUE]", "--lora-lr-ratio", "FFN_IN=0.5"),
        refusal("--head-epochs must be >= 0", "--head-epochs", "-1"),
        refusal("warmup -1", "--warmup", "-1"));
  }

  /** The synthetic task with {@code extra} options, refused for {@code reason}. */
  private static Arguments refusal(String reason, String... extra) {
    return Arguments.of(concat(new String[] {"--task", "synthetic"}, extra), reason);
  }

  private static CapturedRun run(String... args) {
    return CapturedRun.of(new FinetuneCommand(), args);
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(json);
    assertTrue(m.find(), key + " missing in " + json);
    return Double.parseDouble(m.group(1));
  }
}
