package io.heformer.app;

import io.heformer.nn.data.DataRoot;
import io.heformer.nn.data.GlueTask;
import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.Pooling;
import io.heformer.nn.model.Bert;
import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.Checkpoint;
import io.heformer.nn.model.Initializer;
import io.heformer.nn.model.LoraConfig;
import io.heformer.nn.model.LoraTarget;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.Presets;
import io.heformer.nn.nonlinear.CalibratedApproximations;
import io.heformer.nn.nonlinear.InputRange;
import io.heformer.nn.nonlinear.InputRangeTable;
import io.heformer.nn.nonlinear.NonlinearFunction;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.nonlinear.RecordingNonlinearities;
import io.heformer.nn.optim.AdamW;
import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.train.Example;
import io.heformer.nn.train.FinetuneOptions;
import io.heformer.nn.train.Finetuner;
import io.heformer.nn.train.GlueExamples;
import io.heformer.nn.train.ProgressListener;
import io.heformer.nn.train.SyntheticTask;
import io.heformer.nn.train.TargetScale;
import io.heformer.nn.train.TrainingMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code heformer finetune}: fine-tunes the plaintext model on a GLUE task (or the synthetic
 * majority task), evaluates on the dev set and prints the task metric. {@code --mode approx}
 * replaces every non-polynomial function by the polynomial the encrypted path evaluates, with
 * intervals chosen from recorded input ranges.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
    description = "Fine-tune the encoder on a task and report the dev metric.")
public final class FinetuneCommand implements Callable<Integer> {

  /** Tasks accepted by --task. */
  enum Task {
    RTE, MRPC, STSB, COLA, SST2, SYNTHETIC;

    /** The checkpoint metadata key under which {@code finetune --save} names the task. */
    static final String METADATA_KEY = "task";

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

    GlueTask glue() {
      return switch (this) {
        case RTE -> GlueTask.RTE;
        case MRPC -> GlueTask.MRPC;
        case STSB -> GlueTask.STSB;
        case COLA -> GlueTask.COLA;
        case SST2 -> GlueTask.SST2;
        case SYNTHETIC -> throw new IllegalArgumentException("synthetic is not a GLUE task");
      };
    }
  }

  @Option(names = "--task", required = true, description = "RTE, MRPC, STS-B, CoLA, SST-2 or synthetic")
  String task;

  @Option(names = "--mode", defaultValue = "plain", description = "plain | approx (encrypted: later)")
  String mode;

  @Option(names = "--preset", defaultValue = "cpu", description = "cpu | paper (without --init)")
  String preset;

  @Option(names = "--epochs", defaultValue = "5")
  int epochs;

  @Option(names = "--lr", description = "peak learning rate (default: 2e-3 LoRA, 5e-4 full)")
  Double lr;

  @Option(names = "--head-lr", description = "peak learning rate of the head (default: --lr); "
      + "e.g. the LoRA rate for full fine-tuning, so that the fresh head trains alike")
  Double headLr;

  @Option(names = "--lora-b-ratio", defaultValue = "1",
      description = "learning rate of each LoRA factor B over that of A (LoRA+; 1 = plain LoRA)")
  double loraBRatio;

  @Option(names = "--lora-lr-ratio", split = ",", paramLabel = "TARGET=RATIO",
      description = "learning rate of some projections' adapters over the others', e.g. "
          + "QUERY=0.25,KEY=0.25 (default 1 for every target)")
  Map<LoraTarget, Double> loraLrRatios = new LinkedHashMap<>();

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

  @Option(names = "--lora-rank", defaultValue = "2",
      description = "LoRA rank r (scale alpha / r = 1, as the paper's encrypted code)")
  int loraRank;

  @Option(names = "--lora-targets", split = ",", paramLabel = "TARGET",
      defaultValue = "QUERY,KEY,VALUE", description = "projections carrying LoRA adapters: "
          + "QUERY, KEY, VALUE, OUTPUT, FFN_IN, FFN_OUT (default: the paper's Q, K, V)")
  List<LoraTarget> loraTargets;

  @Option(names = "--pooling", defaultValue = "CLS", description = "the head's input: CLS (the "
      + "paper's) or MEAN over the real tokens (the pooling all-MiniLM-L6-v2 was trained with)")
  Pooling pooling;

  @Option(names = "--attention", description = "gaussian | softmax (presets only; a checkpoint "
      + "keeps its own; default gaussian)")
  String attention;

  @Option(names = "--optimizer", defaultValue = "adamw-he", description = "adamw-he | adamw")
  String optimizer;

  @Option(names = "--eps", description = "AdamW epsilon (default 1e-8 for adamw; for adamw-he "
      + "6e-4, inside the square root, the paper's MRPC value)")
  Double eps;

  @Option(names = "--init", description = "checkpoint of a pretrained encoder to start from, or "
      + "'minilm' for all-MiniLM-L6-v2 as is (softmax, GELU, post-LN)")
  String init;

  @Option(names = "--layers", defaultValue = "2", description = "layers of MiniLM kept (--init minilm)")
  int layers;

  @Option(names = "--vocab", description = "vocab.txt of the model (default: <init>.vocab.txt if "
      + "present, else the BERT-uncased vocabulary of MiniLM)")
  Path vocab;

  @Option(names = "--seq", defaultValue = "128", description = "sequence length (tokens), at "
      + "most the model's")
  int seq;

  @Option(names = "--max-train", description = "use a random subset of this many training "
      + "examples (seeded)")
  Integer maxTrain;

  @Option(names = "--save", description = "write the fine-tuned model to this checkpoint, with "
      + "the task and, for regression, the target mean and std beside the weights (the model "
      + "outputs standardised targets: multiply by the std, add the mean)")
  Path save;

  @Option(names = "--data", description = "data root (default: system property heformer.data, "
      + "else ../shared/data or shared/data)")
  Path data;

  @Option(names = "--json", description = "write the result as JSON to this file")
  Path json;

  @Option(names = "--record-ranges", description = "record the input range of every "
      + "non-polynomial function during training and dev evaluation; print them and write "
      + "the table to this file")
  Path recordRanges;

  @Option(names = "--ranges", split = ",", paramLabel = "TABLE",
      description = "--mode approx: choose intervals from these recorded range tables, "
          + "their union when several (e.g. one per pilot seed; default: a calibration pass "
          + "over training batches)")
  List<Path> ranges;

  @Option(names = "--margin", defaultValue = "1.5",
      description = "--mode approx: widening factor of the recorded ranges")
  double margin;

  @Option(names = "--keep-exact", split = ",", paramLabel = "FUNCTION",
      description = "--mode approx ablation: evaluate these functions exactly everywhere "
          + "(EXP, INV_SQRT, STEP, TANH, RECIPROCAL) to see which approximation costs accuracy")
  List<NonlinearFunction> keepExact = List.of();

  @Option(names = "--calibration-batches", defaultValue = "20",
      description = "--mode approx without --ranges: training batches of the calibration pass")
  int calibrationBatches;

  @Option(names = "--progress-every", defaultValue = "20", description = "steps between progress lines")
  int progressEvery;

  @Option(names = "--synthetic-size", defaultValue = "2000",
      description = "training examples of the synthetic task")
  int syntheticSize;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--warmup", defaultValue = "0",
      description = "linear warm-up steps before the cosine decay (default 0, as the paper)")
  int warmup;

  @Option(names = "--head-epochs", defaultValue = "0", description = "first train the head "
      + "alone on the frozen encoder for this many epochs at the head's rate (linear probing, "
      + "then --epochs of fine-tuning: LP-FT)")
  int headEpochs;

  @Option(names = "--eval-every-epoch", description = "also evaluate on dev after each epoch "
      + "(printed and kept in --json as dev_by_epoch; the reported value stays the last epoch's)")
  boolean evalEveryEpoch;

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } catch (UnsupportedOperationException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("heformer finetune: " + e.getMessage());
      return 2;
    }
  }

  private int run() throws Exception {
    Task t = Task.parse(task);
    boolean full = training != null && training.full;
    Bert base = baseModel();
    BertConfig config = (base == null ? Presets.byName(preset) : base.config())
        .withNumClasses(t.classes()).withLora(full ? LoraConfig.none() : lora())
        .withPooling(pooling);
    if (base == null) {
      config = config.withAttention(attentionKind(attention == null ? "gaussian" : attention));
    } else if (attention != null && attentionKind(attention) != config.attention()) {
      throw new IllegalArgumentException("--attention " + attention + " differs from the "
          + "checkpoint's " + config.attention() + "; convert the model instead");
    }
    int seqLen = Math.min(seq, config.maxSeqLen());
    List<List<Example>> splits = t == Task.SYNTHETIC
        ? List.of(SyntheticTask.majority(syntheticSize, seqLen,
              Math.min(config.vocabSize(), 200), 3, seed),
            SyntheticTask.majority(Math.max(200, syntheticSize / 5), seqLen,
              Math.min(config.vocabSize(), 200), 3, seed + 1))
        : loadGlue(t, tokenizer(config), seqLen);
    List<Example> train = subset(splits.get(0));
    List<Example> dev = splits.get(1);
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), seed);
    if (base != null) {
      int n = bert.parameters().copyMatching(base.parameters());
      System.err.printf("loaded %d pretrained tensors from %s%n", n, init);
    }
    AdamW.Hyper hyper = switch (optimizer.toLowerCase(Locale.ROOT)) {
      case "adamw-he" -> AdamW.Hyper.paperHe();
      case "adamw" -> AdamW.Hyper.standard();
      default -> throw new IllegalArgumentException("--optimizer must be adamw-he or adamw");
    };
    if (eps != null) {
      hyper = new AdamW.Hyper(hyper.beta1(), hyper.beta2(), eps, hyper.weightDecay(),
          hyper.variant());
    }
    if (full ? !loraLrRatios.isEmpty() : !loraTargets.containsAll(loraLrRatios.keySet())) {
      throw new IllegalArgumentException("--lora-lr-ratio names " + loraLrRatios.keySet()
          + " but the adapted projections are " + (full ? "none (--full)" : loraTargets));
    }
    if (headEpochs < 0) {
      throw new IllegalArgumentException("--head-epochs must be >= 0, got " + headEpochs);
    }
    double peak = lr != null ? lr : full ? 5e-4 : 2e-3;
    double headPeak = headLr != null ? headLr : peak;
    FinetuneOptions opt = new FinetuneOptions(epochs, batch, peak, warmup, hyper,
        full ? TrainingMode.FULL : TrainingMode.LORA, seed, true, headPeak, loraBRatio,
        loraLrRatios);
    CalibratedApproximations.Result approx = null;
    Nonlinearities nl;
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "plain" -> {
        if (!keepExact.isEmpty()) {
          throw new IllegalArgumentException("--keep-exact needs --mode approx");
        }
        nl = Nonlinearities.exact();
      }
      case "approx" -> {
        approx = approximations(bert, train, opt);
        nl = approx.nonlinearities();
      }
      case "encrypted" -> throw new UnsupportedOperationException(
          "--mode encrypted is not available in this command yet");
      default -> throw new IllegalArgumentException("--mode must be plain or approx, got " + mode);
    }
    RecordingNonlinearities recorder = recordRanges != null ? new RecordingNonlinearities(nl)
        : null;
    bert.setNonlinearities(recorder != null ? recorder : nl);
    String trained = full ? "full" : "LoRA r=" + loraRank + " on " + loraTargets
        + (loraBRatio != 1 ? ", B at " + loraBRatio + "x A's rate" : "")
        + (loraLrRatios.isEmpty() ? "" : ", adapter rate ratios " + loraLrRatios);
    System.err.printf("finetune %s: %s, %s attention, %s FFN, %s pooling, %s, mode %s, seq %d, "
        + "%d train / %d dev, %d epochs, batch %d, lr %.3g (head %.3g), %s%n", t,
        base == null ? "preset " + preset : "init " + init, config.attention(),
        config.feedForward(), config.pooling(), trained, mode, seqLen, train.size(), dev.size(),
        epochs, batch, peak, headPeak, hyper.variant());
    // Known before training, so that dev can also be scored between epochs.
    TargetScale scale = Finetuner.targetScale(bert, train);
    Finetuner.Result probe = null;
    List<Map<String, Double>> probeDev = new ArrayList<>();
    if (headEpochs > 0) {
      FinetuneOptions headOnly = new FinetuneOptions(headEpochs, batch, headPeak, 0, hyper,
          TrainingMode.HEAD, seed, true, headPeak, 1.0);
      System.err.printf("head only (linear probing): %d epochs at lr %.3g%n", headEpochs,
          headPeak);
      probe = Finetuner.train(bert, train, headOnly,
          progress("head epoch", t, bert, train, dev, scale, probeDev, true));
    }
    List<Map<String, Double>> devByEpoch = new ArrayList<>();
    Finetuner.Result r = Finetuner.train(bert, train, opt,
        progress("epoch", t, bert, train, dev, scale, devByEpoch, false));
    long evalStart = System.nanoTime();
    if (config.regression()) {
      System.out.printf(Locale.ROOT, "regression targets standardised for training: mean %.4f, "
          + "std %.4f (training losses are in standardised units)%n", scale.mean(), scale.std());
    }
    Map<String, Double> metrics = evaluate(t, bert, dev, scale);
    double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
    if (evalEveryEpoch) {
      devByEpoch.add(metrics);
    }
    Map.Entry<String, Double> primary = metrics.entrySet().iterator().next();
    System.out.printf(Locale.ROOT, "%s dev %s = %.4f%s  (train loss per epoch %s; %.0f tokens/s; "
        + "train %.0f s, dev %.0f s)%n", t, primary.getKey(), primary.getValue(),
        metrics.size() > 1 ? " " + metrics : "", r.epochLosses(), r.tokens() / r.seconds(),
        r.seconds(), evalSeconds);
    if (approx != null) {
      ApproximationReport.printClamping("finetune", approx);
    }
    if (recorder != null) {
      System.out.println("input ranges of the non-polynomial functions (training and dev):");
      for (InputRange range : recorder.ranges()) {
        System.out.printf(Locale.ROOT, "  %-28s %-12s [%.6g, %.6g]  n=%d%n", range.site(),
            range.function(), range.min(), range.max(), range.count());
      }
      InputRangeTable.write(recordRanges, recorder.ranges());
      System.out.println("wrote " + recordRanges);
    }
    if (save != null) {
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put(Task.METADATA_KEY, t.name());
      if (config.regression()) {
        metadata.putAll(scale.toMetadata());
      }
      Checkpoint.write(bert, metadata, save);
      System.out.println("wrote " + save);
      // A vocabulary other than MiniLM's travels with the model, so infer finds it beside.
      Path vocabFile = ModelVocabulary.file(vocab, initCheckpoint());
      if (vocabFile != null) {
        Path beside = PretrainCommand.vocabFile(save);
        Files.copy(vocabFile, beside, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("wrote " + beside);
      }
    }
    if (json != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", t.name());
      m.put("mode", mode);
      // File names only: results are committed, and a path would name this machine's folders.
      Path checkpoint = initCheckpoint();
      m.put("init", base == null ? "preset " + preset
          : checkpoint == null ? init : checkpoint.getFileName().toString());
      m.put("attention", config.attention().name());
      m.put("feed_forward", config.feedForward().name());
      m.put("layers", config.layers());
      m.put("width", config.width());
      m.put("pooling", config.pooling().name());
      m.put("training", full ? "full" : "lora");
      m.put("trainable_parameters", bert.parameters().layout().count(opt.mode().groups()));
      if (!full) {
        m.put("lora_rank", loraRank);
        m.put("lora_targets", loraTargets.stream().map(Enum::name).toList());
        m.put("lora_b_ratio", loraBRatio);
        if (!loraLrRatios.isEmpty()) {
          Map<String, Object> ratios = new LinkedHashMap<>();
          loraLrRatios.forEach((k, v) -> ratios.put(k.name(), v));
          m.put("lora_lr_ratios", ratios);
        }
      }
      m.put("optimizer", hyper.variant().name());
      m.put("eps", hyper.eps());
      m.put("epochs", epochs);
      m.put("learning_rate", peak);
      m.put("head_learning_rate", headPeak);
      m.put("batch", batch);
      m.put("seq", seqLen);
      m.put("train_examples", train.size());
      m.put("dev_examples", dev.size());
      m.put("metric", primary.getKey());
      m.put("value", primary.getValue());
      m.put("metrics", new LinkedHashMap<String, Object>(metrics));
      m.put("train_loss", new ArrayList<Object>(r.epochLosses()));
      if (warmup > 0) {
        m.put("warmup_steps", warmup);
      }
      if (probe != null) {
        m.put("head_epochs", headEpochs);
        m.put("head_train_loss", new ArrayList<Object>(probe.epochLosses()));
        m.put("head_train_seconds", probe.seconds());
        if (evalEveryEpoch) {
          m.put("head_dev_by_epoch", new ArrayList<Object>(probeDev));
        }
      }
      if (evalEveryEpoch) {
        m.put("dev_by_epoch", new ArrayList<Object>(devByEpoch));
      }
      if (config.regression()) {
        m.put("target_mean", scale.mean());
        m.put("target_std", scale.std());
      }
      m.put("train_seconds", r.seconds());
      m.put("dev_seconds", evalSeconds);
      m.put("tokens_per_second", r.tokens() / r.seconds());
      if (approx != null) {
        List<Object> chosen = new ArrayList<>();
        for (CalibratedApproximations.Choice c : approx.choices()) {
          Map<String, Object> cm = new LinkedHashMap<>();
          cm.put("function", c.function().name());
          cm.put("site", c.site());
          if (c.recorded() != null) {
            cm.put("recorded_min", c.recorded().min());
            cm.put("recorded_max", c.recorded().max());
          }
          cm.put("approximation", c.description());
          cm.put("depth", c.depth());
          cm.put("error_bound", c.errorBound());
          cm.put("clamped", c.policy().violations());
          chosen.add(cm);
        }
        m.put("ranges_from", ranges == null ? List.of("calibration pass")
            : ranges.stream().map(f -> f.getFileName().toString()).toList());
        m.put("approximations", chosen);
        m.put("kept_exact", keepExact.stream().map(Enum::name).toList());
      }
      JsonOut.write(json, m);
    }
    return 0;
  }

  /** The LoRA adapters of {@code --lora-rank} and {@code --lora-targets}, scale 1. */
  private LoraConfig lora() {
    if (loraRank < 1) {
      throw new IllegalArgumentException("--lora-rank must be >= 1, got " + loraRank);
    }
    return new LoraConfig(loraRank, loraRank, EnumSet.copyOf(loraTargets));
  }

  /** The pretrained encoder of {@code --init}, or null for a preset trained from scratch. */
  private Bert baseModel() throws IOException {
    return init == null ? null : EncoderInit.load(init, seq, layers);
  }

  /** The tokenizer matching the model's vocabulary. */
  private BertTokenizer tokenizer(BertConfig config) throws IOException {
    return ModelVocabulary.tokenizer(vocab, initCheckpoint(), config);
  }

  /** The checkpoint of {@code --init}, or null for a preset or MiniLM as imported. */
  private Path initCheckpoint() {
    return EncoderInit.checkpoint(init);
  }

  private static AttentionKind attentionKind(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "gaussian" -> AttentionKind.GAUSSIAN_KERNEL;
      case "softmax" -> AttentionKind.SOFTMAX;
      default -> throw new IllegalArgumentException(
          "--attention must be gaussian or softmax, got " + s);
    };
  }

  private List<Example> subset(List<Example> train) {
    if (maxTrain == null) {
      return train;
    }
    if (maxTrain < 1) {
      throw new IllegalArgumentException("--max-train must be >= 1, got " + maxTrain);
    }
    return GlueExamples.subset(train, maxTrain, seed);
  }

  /**
   * Approximation mode: intervals from {@code --ranges}, or from a calibration pass (exact
   * forward and loss over the first training batches, the pretrained model as loaded).
   */
  private CalibratedApproximations.Result approximations(Bert bert, List<Example> train,
      FinetuneOptions opt) throws IOException {
    List<InputRange> recorded;
    if (ranges != null) {
      recorded = InputRangeTable.read(ranges);
      System.err.printf("approximation intervals from %d recorded ranges in %s (margin %.2f)%n",
          recorded.size(), ranges.size() == 1 ? ranges.get(0) : "the union of " + ranges,
          margin);
    } else {
      RecordingNonlinearities rec = new RecordingNonlinearities(Nonlinearities.exact());
      bert.setNonlinearities(rec);
      int n = Math.min(train.size(), calibrationBatches * opt.batchSize());
      Finetuner.predict(bert, train.subList(0, n), opt.batchSize(), true);
      recorded = rec.ranges();
      System.err.printf("approximation intervals from a calibration pass over %d training "
          + "examples (margin %.2f; head, loss and optimizer sites use the paper's defaults)%n",
          n, margin);
    }
    CalibratedApproximations.Result r = CalibratedApproximations.fromRanges(recorded, margin,
        keepExact.isEmpty() ? Set.of() : EnumSet.copyOf(keepExact));
    for (CalibratedApproximations.Choice c : r.choices()) {
      System.err.printf(Locale.ROOT, "  %-24s %-10s %s%s, depth %d, error <= %.2g%n", c.site(),
          c.function(), c.recorded() == null ? ""
              : String.format(Locale.ROOT, "recorded [%.4g, %.4g] -> ", c.recorded().min(),
                  c.recorded().max()), c.description(), c.depth(), c.errorBound());
    }
    return r;
  }

  /** A GLUE task's [train, dev] examples, tokenised with the model's vocabulary. */
  List<List<Example>> loadGlue(Task t, BertTokenizer tokenizer, int seqLen) throws IOException {
    GlueExamples.Splits s = GlueExamples.load(data != null ? data : DataRoot.resolve(), t.glue(),
        tokenizer, seqLen);
    return List.of(s.train(), s.dev());
  }

  /**
   * Prints progress every {@code --progress-every} steps and at each epoch's end; with
   * {@code --eval-every-epoch} also evaluates on dev after every epoch (after the last only if
   * {@code evaluateLast}: the caller evaluates the finished model itself) and appends the
   * metrics to {@code curve}.
   */
  private ProgressListener progress(String label, Task t, Bert bert, List<Example> train,
      List<Example> dev, TargetScale devScale, List<Map<String, Double>> curve,
      boolean evaluateLast) {
    long wallStart = System.nanoTime();
    double[] epochSum = new double[1];
    int perEpoch = (train.size() + batch - 1) / batch;
    return (e, s, total, loss) -> {
      epochSum[0] += loss;
      double sec = (System.nanoTime() - wallStart) / 1e9;
      if ((s + 1) % progressEvery == 0 || s == total - 1) {
        System.err.printf("  %s %d step %d/%d loss %.4f  %.1f examples/s%n", label, e + 1,
            s + 1, total, loss, (s + 1.0) * batch / sec);
      }
      if ((s + 1) % perEpoch == 0) {
        System.err.printf("  %s %d done: mean batch loss %.4f, %.0f s%n", label, e + 1,
            epochSum[0] / perEpoch, sec);
        epochSum[0] = 0;
        // The step's backward and update are done, so evaluating here leaves training as is.
        if (evalEveryEpoch && (evaluateLast || s < total - 1)) {
          Map<String, Double> em = evaluate(t, bert, dev, devScale);
          curve.add(em);
          System.err.printf(Locale.ROOT, "  %s %d dev %s%n", label, e + 1, em);
        }
      }
    };
  }

  /** The task's dev metrics of {@code bert} now, regression outputs restored by {@code scale}. */
  private static Map<String, Double> evaluate(Task t, Bert bert, List<Example> dev,
      TargetScale scale) {
    double[][] out = Finetuner.predict(bert, dev, 32, true);
    if (bert.config().regression()) {
      for (double[] row : out) {
        row[0] = scale.restore(row[0]);
      }
    }
    return metrics(t, out, dev);
  }

  /** The task's dev metrics, primary first ({@link GlueExamples#metrics}; synthetic: accuracy). */
  static Map<String, Double> metrics(Task t, double[][] outputs, List<Example> dev) {
    if (t == Task.SYNTHETIC) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("accuracy", Finetuner.accuracy(outputs, dev));
      return m;
    }
    return GlueExamples.metrics(t.glue(), outputs, dev);
  }
}
