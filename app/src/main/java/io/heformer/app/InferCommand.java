package io.heformer.app;

import io.heformer.app.FinetuneCommand.Task;
import io.heformer.nn.data.DataRoot;
import io.heformer.nn.data.EncodedExample;
import io.heformer.nn.data.GlueEncoder;
import io.heformer.nn.data.GlueExample;
import io.heformer.nn.data.GlueTask;
import io.heformer.nn.model.Bert;
import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.Checkpoint;
import io.heformer.nn.nonlinear.CalibratedApproximations;
import io.heformer.nn.nonlinear.InputRangeTable;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.train.Example;
import io.heformer.nn.train.Finetuner;
import io.heformer.nn.train.GlueExamples;
import io.heformer.nn.train.TargetScale;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code heformer infer}: a fine-tuned checkpoint ({@code finetune --save}) on sentences, or on
 * its task's dev set with the task's metrics. The checkpoint's metadata names the task and, for
 * regression, the target mean and std that map the model's standardised output back to the
 * task's scale. Plaintext or approximation mode; the encrypted path is another command's.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = "Run a fine-tuned checkpoint (finetune --save) on sentences or on its task's "
        + "dev set.")
public final class InferCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, description = "checkpoint written by finetune --save")
  Path model;

  @Option(names = "--task", description = "the model's task (default: the one the checkpoint "
      + "records)")
  String task;

  @Option(names = "--text", description = "a sentence to classify or score (repeatable)")
  List<String> texts = new ArrayList<>();

  @Option(names = "--pair", description = "pair tasks: the second sentence of each --text, in "
      + "order (repeatable)")
  List<String> pairs = new ArrayList<>();

  @Option(names = "--dev", description = "score the task's dev set and print its metrics")
  boolean dev;

  @Option(names = "--mode", defaultValue = "plain", description = "plain | approx")
  String mode;

  @Option(names = "--ranges", split = ",", paramLabel = "TABLE",
      description = "--mode approx: the range tables recorded for this model (finetune "
          + "--record-ranges), their union when several")
  List<Path> ranges;

  @Option(names = "--margin", defaultValue = "1.5",
      description = "--mode approx: widening factor of the recorded ranges")
  double margin;

  @Option(names = "--seq", defaultValue = "128", description = "sequence length (tokens), at "
      + "most the model's")
  int seq;

  @Option(names = "--batch", defaultValue = "32")
  int batch;

  @Option(names = "--vocab", description = "vocab.txt of the model (default: <model>.vocab.txt "
      + "if present, else the BERT-uncased vocabulary of MiniLM)")
  Path vocab;

  @Option(names = "--data", description = "data root for --dev (default: system property "
      + "heformer.data, else ../shared/data or shared/data)")
  Path data;

  @Option(names = "--json", description = "write the predictions (and --dev metrics) as JSON")
  Path json;

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("heformer infer: " + e.getMessage());
      return 2;
    }
  }

  private int run() throws IOException {
    if (dev && !(texts.isEmpty() && pairs.isEmpty())) {
      throw new IllegalArgumentException("give --text (and --pair) or --dev, not both");
    }
    Checkpoint.Loaded loaded = Checkpoint.load(model);
    Bert bert = loaded.model();
    BertConfig config = bert.config();
    Task t = task(loaded.metadata(), config);
    GlueTask glue = t.glue();
    TargetScale scale = TargetScale.IDENTITY;
    if (config.regression()) {
      scale = TargetScale.fromMetadata(loaded.metadata()).orElse(null);
      if (scale == null) {
        System.err.println("heformer infer: WARNING: " + model + " records no target mean and "
            + "std (saved before checkpoint version 2); scores are printed standardised");
        scale = TargetScale.IDENTITY;
      }
    }
    CalibratedApproximations.Result approx = nonlinearities(bert);
    int seqLen = Math.min(seq, config.maxSeqLen());
    BertTokenizer tokenizer = ModelVocabulary.tokenizer(vocab, model, config);
    List<Example> inputs = dev
        ? GlueExamples.load(data != null ? data : DataRoot.resolve(), glue, tokenizer, seqLen)
            .dev()
        : sentences(glue, tokenizer, seqLen);
    System.err.printf("infer %s: %s, %s attention, mode %s, %d inputs%n", t, model,
        config.attention(), mode, inputs.size());
    double[][] out = Finetuner.predict(bert, inputs, batch, true);
    if (config.regression()) {
      for (double[] row : out) {
        row[0] = scale.restore(row[0]);
      }
    }
    List<Object> predictions = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      Map<String, Object> p = prediction(glue, out[i]);
      predictions.add(p);
      if (!dev) {
        System.out.println(describe(p) + "\t" + texts.get(i)
            + (pairs.isEmpty() ? "" : "\t" + pairs.get(i)));
      }
    }
    Map<String, Double> metrics = null;
    if (dev) {
      metrics = GlueExamples.metrics(glue, out, inputs);
      Map.Entry<String, Double> primary = metrics.entrySet().iterator().next();
      System.out.printf(Locale.ROOT, "%s dev %s = %.4f%s%n", t, primary.getKey(),
          primary.getValue(), metrics.size() > 1 ? " " + metrics : "");
    }
    if (approx != null) {
      ApproximationReport.printClamping("infer", approx);
    }
    if (json != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", t.name());
      m.put("mode", mode);
      m.put("inputs", inputs.size());
      if (metrics != null) {
        m.put("metrics", new LinkedHashMap<String, Object>(metrics));
      }
      m.put("predictions", predictions);
      JsonOut.write(json, m);
    }
    return 0;
  }

  /** The task from {@code --task} or the checkpoint's metadata, checked against the head. */
  private Task task(Map<String, String> metadata, BertConfig config) {
    if (config.numClasses() == 0) {
      throw new IllegalArgumentException(model + " has no task head (a pretrained encoder); "
          + "fine-tune it with finetune --save first");
    }
    String recorded = metadata.get(Task.METADATA_KEY);
    if (task == null && recorded == null) {
      throw new IllegalArgumentException(model + " does not record its task; pass --task");
    }
    Task t = Task.parse(task != null ? task : recorded);
    if (recorded != null && Task.parse(recorded) != t) {
      throw new IllegalArgumentException("--task " + task + " differs from the task " + recorded
          + " the model was fine-tuned on");
    }
    if (t == Task.SYNTHETIC) {
      throw new IllegalArgumentException("infer runs models of GLUE tasks, not synthetic");
    }
    if (t.classes() != config.numClasses()) {
      throw new IllegalArgumentException("the model has " + config.numClasses() + " outputs, "
          + t + " needs " + t.classes());
    }
    return t;
  }

  /** Installs the mode's non-polynomial functions; the approximation result, or null. */
  private CalibratedApproximations.Result nonlinearities(Bert bert) throws IOException {
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "plain" -> {
        bert.setNonlinearities(Nonlinearities.exact());
        return null;
      }
      case "approx" -> {
        if (ranges == null) {
          throw new IllegalArgumentException("--mode approx needs --ranges (the table "
              + "finetune --record-ranges wrote for this model)");
        }
        CalibratedApproximations.Result r = CalibratedApproximations.fromRanges(
            InputRangeTable.read(ranges), margin, Set.of());
        bert.setNonlinearities(r.nonlinearities());
        return r;
      }
      default -> throw new IllegalArgumentException("--mode must be plain or approx, got "
          + mode);
    }
  }

  /** The --text (and --pair) inputs, encoded as the task's training examples were. */
  private List<Example> sentences(GlueTask glue, BertTokenizer tokenizer, int seqLen) {
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("give --text (and --pair for " + glue.folder()
          + ") or --dev");
    }
    boolean pair = glue.isPair();
    if (pair && pairs.size() != texts.size()) {
      throw new IllegalArgumentException(glue.folder() + " scores sentence pairs: give one "
          + "--pair per --text (" + texts.size() + " --text, " + pairs.size() + " --pair)");
    }
    if (!pair && !pairs.isEmpty()) {
      throw new IllegalArgumentException(glue.folder() + " takes single sentences; drop --pair");
    }
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      EncodedExample e = GlueEncoder.encode(
          new GlueExample(texts.get(i), pair ? pairs.get(i) : null, -1, Double.NaN), tokenizer,
          seqLen);
      out.add(new Example(e.inputIds(), e.attentionMask(), -1, Double.NaN));
    }
    return out;
  }

  /** One output row (logits, or a score already in the task's units) as a prediction. */
  static Map<String, Object> prediction(GlueTask glue, double[] row) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (glue.isRegression()) {
      p.put("score", row[0]);
      return p;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double z : row) {
      max = Math.max(max, z);
    }
    double sum = 0;
    double[] prob = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      prob[j] = Math.exp(row[j] - max);
      sum += prob[j];
    }
    int best = 0;
    Map<String, Object> probabilities = new LinkedHashMap<>();
    for (int j = 0; j < row.length; j++) {
      prob[j] /= sum;
      probabilities.put(glue.labelNames().get(j), prob[j]);
      if (prob[j] > prob[best]) {
        best = j;
      }
    }
    p.put("label", glue.labelNames().get(best));
    p.put("probabilities", probabilities);
    return p;
  }

  private static String describe(Map<String, Object> p) {
    if (p.containsKey("score")) {
      return String.format(Locale.ROOT, "%.3f", (Double) p.get("score"));
    }
    Object label = p.get("label");
    double prob = (Double) ((Map<?, ?>) p.get("probabilities")).get(label);
    return String.format(Locale.ROOT, "%s (%.3f)", label, prob);
  }
}
