package io.heformer.nn.train;

import io.heformer.nn.data.EncodedExample;
import io.heformer.nn.data.GlueEncoder;
import io.heformer.nn.data.GlueReader;
import io.heformer.nn.data.GlueSplit;
import io.heformer.nn.data.GlueTask;
import io.heformer.nn.metrics.Metric;
import io.heformer.nn.text.BertTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * GLUE tasks as fine-tuning {@link Example}s, and their dev metrics: the one place where the
 * readers, the tokenizer and the metrics meet the trainer.
 */
public final class GlueExamples {

  /** The training and dev examples of a task. */
  public record Splits(List<Example> train, List<Example> dev) {}

  private GlueExamples() {}

  /**
   * Reads a task's train and dev files under {@code root} with {@link GlueReader}, tokenises
   * them with {@code tokenizer} and packs them by {@link GlueEncoder} ({@code [CLS] A [SEP] (B
   * [SEP])}, truncated longest-first, padded to {@code seqLen}): labels, or STS-B scores as
   * regression targets.
   */
  public static Splits load(Path root, GlueTask task, BertTokenizer tokenizer, int seqLen)
      throws IOException {
    List<List<Example>> out = new ArrayList<>();
    for (GlueSplit split : new GlueSplit[] {GlueSplit.TRAIN, GlueSplit.DEV}) {
      List<Example> examples = new ArrayList<>();
      for (EncodedExample e : GlueEncoder.encodeAll(GlueReader.read(root, task, split),
          tokenizer, seqLen)) {
        examples.add(task.isRegression()
            ? Example.regression(e.inputIds(), e.attentionMask(), e.target())
            : Example.classification(e.inputIds(), e.attentionMask(), e.label()));
      }
      out.add(examples);
    }
    return new Splits(out.get(0), out.get(1));
  }

  /**
   * A seeded random subset of {@code n} examples, or all of them when {@code n} is at least
   * their number; the same seed gives the same subset in every run.
   */
  public static List<Example> subset(List<Example> examples, int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("subset size must be >= 1, got " + n);
    }
    if (n >= examples.size()) {
      return examples;
    }
    List<Example> copy = new ArrayList<>(examples);
    Collections.shuffle(copy, new Random(seed));
    return copy.subList(0, n);
  }

  /**
   * The task's metrics of dev outputs (logit rows, or the single regression output), primary
   * first: Matthews correlation (CoLA), accuracy (SST-2, RTE), F1 and accuracy (MRPC), Pearson
   * and Spearman (STS-B). Keys are the metric names in lower case.
   */
  public static Map<String, Double> metrics(GlueTask task, double[][] outputs, List<Example> dev) {
    double[] predicted = new double[dev.size()];
    double[] gold = new double[dev.size()];
    int[] argmax = task.isRegression() ? null : Finetuner.argmax(outputs);
    for (int i = 0; i < dev.size(); i++) {
      predicted[i] = task.isRegression() ? outputs[i][0] : argmax[i];
      gold[i] = task.isRegression() ? dev.get(i).target() : dev.get(i).label();
    }
    Map<String, Double> m = new LinkedHashMap<>();
    for (Metric metric : task.metrics()) {
      m.put(metric.name().toLowerCase(Locale.ROOT), metric.evaluate(predicted, gold));
    }
    return m;
  }
}
