package io.heformer.app;

import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.model.Bert;
import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.Checkpoint;
import io.heformer.nn.model.Initializer;
import io.heformer.nn.model.LoraConfig;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.Presets;
import io.heformer.nn.nonlinear.InputRange;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.nonlinear.RecordingNonlinearities;
import io.heformer.nn.optim.AdamW;
import io.heformer.nn.train.Example;
import io.heformer.nn.train.FinetuneOptions;
import io.heformer.nn.train.Finetuner;
import io.heformer.nn.train.SyntheticTask;
import io.heformer.nn.train.TrainingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code heformer finetune}: fine-tunes the plaintext model on a GLUE task (or the synthetic
 * majority task), evaluates on the dev set and prints the task metric.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
    description = "Fine-tune the encoder on a task and report the dev metric.")
public final class FinetuneCommand implements Callable<Integer> {

  /** Tasks accepted by --task. */
  enum Task {
    RTE, MRPC, STSB, COLA, SST2, SYNTHETIC;

    static Task parse(String s) {
      String k = s.toUpperCase(Locale.ROOT).replace("-", "");
      for (Task t : values()) {
        if (t.name().equals(k)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown task '" + s
          + "'; known: RTE, MRPC, STS-B, CoLA, SST-2, synthetic");
    }

    int classes() {
      return this == STSB ? 1 : 2;
    }
  }

  @Option(names = "--task", required = true, description = "RTE, MRPC, STS-B, CoLA, SST-2 or synthetic")
  String task;

  @Option(names = "--mode", defaultValue = "plain", description = "plain | approx (encrypted: later)")
  String mode;

  @Option(names = "--preset", defaultValue = "cpu", description = "cpu | paper")
  String preset;

  @Option(names = "--epochs", defaultValue = "5")
  int epochs;

  @Option(names = "--lr", description = "peak learning rate (default: 2e-3 LoRA, 5e-4 full)")
  Double lr;

  @Option(names = "--batch", defaultValue = "16")
  int batch;

  static final class Training {
    @Option(names = "--lora", description = "train LoRA adapters and head only (default)")
    boolean lora;
    @Option(names = "--full", description = "train every weight (baseline)")
    boolean full;
  }

  @ArgGroup(exclusive = true)
  Training training;

  @Option(names = "--attention", defaultValue = "gaussian", description = "gaussian | softmax")
  String attention;

  @Option(names = "--optimizer", defaultValue = "adamw-he", description = "adamw-he | adamw")
  String optimizer;

  @Option(names = "--init", description = "checkpoint of a pretrained encoder to start from")
  Path init;

  @Option(names = "--save", description = "write the fine-tuned model to this checkpoint")
  Path save;

  @Option(names = "--data", description = "data root (default: system property heformer.data, "
      + "else ../shared/data or shared/data)")
  Path data;

  @Option(names = "--json", description = "write the result as JSON to this file")
  Path json;

  @Option(names = "--record-ranges", description = "print per-site input ranges of the "
      + "non-polynomial functions (dev set)")
  boolean recordRanges;

  @Option(names = "--synthetic-size", defaultValue = "2000",
      description = "training examples of the synthetic task")
  int syntheticSize;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      System.err.println("heformer finetune: " + e.getMessage());
      return 2;
    }
  }

  private int run() throws Exception {
    Task t = Task.parse(task);
    BertConfig config = Presets.byName(preset).withNumClasses(t.classes())
        .withAttention(switch (attention.toLowerCase(Locale.ROOT)) {
          case "gaussian" -> AttentionKind.GAUSSIAN_KERNEL;
          case "softmax" -> AttentionKind.SOFTMAX;
          default -> throw new IllegalArgumentException(
              "--attention must be gaussian or softmax, got " + attention);
        });
    boolean full = training != null && training.full;
    if (full) {
      config = config.withLora(LoraConfig.none());
    }
    Nonlinearities nl = nonlinearities(mode);
    List<List<Example>> splits = t == Task.SYNTHETIC
        ? List.of(SyntheticTask.majority(syntheticSize, config.maxSeqLen(),
              Math.min(config.vocabSize(), 200), 3, seed),
            SyntheticTask.majority(Math.max(200, syntheticSize / 5), config.maxSeqLen(),
              Math.min(config.vocabSize(), 200), 3, seed + 1))
        : loadGlue(t, config.maxSeqLen());
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), seed);
    if (init != null) {
      int n = bert.parameters().copyMatching(Checkpoint.read(init).parameters());
      System.err.printf("loaded %d tensors from %s%n", n, init);
    }
    RecordingNonlinearities recorder = recordRanges ? new RecordingNonlinearities(nl) : null;
    bert.setNonlinearities(nl);
    AdamW.Hyper hyper = switch (optimizer.toLowerCase(Locale.ROOT)) {
      case "adamw-he" -> AdamW.Hyper.paperHe();
      case "adamw" -> AdamW.Hyper.standard();
      default -> throw new IllegalArgumentException("--optimizer must be adamw-he or adamw");
    };
    double peak = lr != null ? lr : full ? 5e-4 : 2e-3;
    FinetuneOptions opt = new FinetuneOptions(epochs, batch, peak, 0, hyper,
        full ? TrainingMode.FULL : TrainingMode.LORA, seed, true);
    System.err.printf("finetune %s: preset %s, %s attention, %s, mode %s, %d train / %d dev%n",
        t, preset, config.attention(), full ? "full" : "LoRA", mode, splits.get(0).size(),
        splits.get(1).size());
    Finetuner.Result r = Finetuner.train(bert, splits.get(0), opt, (e, s, total, loss) -> {
      if (s % 20 == 0 || s == total - 1) {
        System.err.printf("  epoch %d step %d/%d loss %.4f%n", e + 1, s + 1, total, loss);
      }
    });
    if (recorder != null) {
      bert.setNonlinearities(recorder);
    }
    double[][] out = Finetuner.predict(bert, splits.get(1), 32, true);
    Map.Entry<String, Double> metric = metric(t, out, splits.get(1));
    System.out.printf("%s dev %s = %.4f  (train loss per epoch %s; %.0f tokens/s)%n", t,
        metric.getKey(), metric.getValue(), r.epochLosses(), r.tokens() / r.seconds());
    if (recorder != null) {
      System.out.println("input ranges of non-polynomial functions (dev set):");
      for (InputRange range : recorder.ranges()) {
        System.out.printf("  %-28s %-16s [%.6g, %.6g]  n=%d%n", range.site(), range.function(),
            range.min(), range.max(), range.count());
      }
    }
    if (save != null) {
      Checkpoint.write(bert, save);
    }
    if (json != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", t.name());
      m.put("mode", mode);
      m.put("preset", preset);
      m.put("attention", config.attention().name());
      m.put("training", full ? "full" : "lora");
      m.put("optimizer", hyper.variant().name());
      m.put("epochs", epochs);
      m.put("learning_rate", peak);
      m.put("batch", batch);
      m.put("metric", metric.getKey());
      m.put("value", metric.getValue());
      m.put("train_loss", new ArrayList<Object>(r.epochLosses()));
      m.put("train_seconds", r.seconds());
      m.put("tokens_per_second", r.tokens() / r.seconds());
      JsonOut.write(json, m);
    }
    return 0;
  }

  /** The non-linearities of {@code --mode}. */
  static Nonlinearities nonlinearities(String mode) {
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "plain" -> Nonlinearities.exact();
      // MERGE POINT (approx): build io.heformer.nn.nonlinear.ApproximateNonlinearities from the
      // approx module's plaintext evaluators (exp, inverse sqrt per LayerNorm site, step, tanh,
      // reciprocal, AdamW-HE inverse sqrt) and return it here.
      case "approx" -> throw new UnsupportedOperationException(
          "--mode approx needs the polynomial approximations of module approx, which are not "
              + "wired into the CLI yet");
      case "encrypted" -> throw new UnsupportedOperationException(
          "--mode encrypted is not available yet");
      default -> throw new IllegalArgumentException("--mode must be plain or approx, got " + mode);
    };
  }

  /**
   * MERGE POINT (GLUE): the single call site where GLUE train/dev examples are loaded (tokenised
   * with the WordPiece tokenizer, CLS first, padded to {@code seqLen}, labels or STS-B scores).
   * Returns [train, dev].
   */
  List<List<Example>> loadGlue(Task t, int seqLen) {
    Path root = dataRoot();
    throw new UnsupportedOperationException("the GLUE reader is not wired into the CLI yet (task "
        + t + ", data root " + root + "); use --task synthetic meanwhile");
  }

  /**
   * MERGE POINT (metrics): the task metric on the dev predictions (GLUE: accuracy for RTE and
   * SST-2, F1 for MRPC, Matthews correlation for CoLA, Pearson for STS-B). The synthetic task uses
   * accuracy.
   */
  static Map.Entry<String, Double> metric(Task t, double[][] outputs, List<Example> dev) {
    if (t == Task.SYNTHETIC) {
      return Map.entry("accuracy", Finetuner.accuracy(outputs, dev));
    }
    throw new UnsupportedOperationException("GLUE metrics are not wired into the CLI yet");
  }

  private Path dataRoot() {
    if (data != null) {
      return data;
    }
    String prop = System.getProperty("heformer.data");
    if (prop != null) {
      return Path.of(prop);
    }
    Path sibling = Path.of("..", "shared", "data");
    return Files.isDirectory(sibling) ? sibling : Path.of("shared", "data");
  }
}
