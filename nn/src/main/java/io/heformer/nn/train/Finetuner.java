package io.heformer.nn.train;

import io.heformer.nn.model.Bert;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.ParameterLayout;
import io.heformer.nn.model.TokenBatch;
import io.heformer.nn.optim.AdamW;
import io.heformer.nn.optim.CosineSchedule;
import io.heformer.nn.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fine-tunes a {@link Bert} with a classification head on labelled examples: shuffled mini-batches
 * each epoch (grouped by length when padding is trimmed), mean cross-entropy (K >= 2) or MSE on
 * standardised targets (K = 1, {@link TargetScale}), one backward per batch, AdamW (standard
 * or HE) on the mode's parameter groups with a cosine schedule.
 */
public final class Finetuner {

  /**
   * Outcome of a run.
   *
   * @param epochLosses mean training loss per epoch
   * @param steps optimiser steps taken
   * @param tokens token positions processed (forward and backward), padding included
   * @param seconds wall-clock seconds of training
   * @param targetScale the regression targets' standardisation the model was trained with
   *     (identity for classification); {@link #predict} returns standardised outputs
   */
  public record Result(List<Double> epochLosses, int steps, long tokens, double seconds,
      TargetScale targetScale) {}

  private Finetuner() {}

  /**
   * Trains {@code bert} in place.
   *
   * @param bert model with a head ({@code numClasses >= 1}); its non-linearities are used
   * @param train training examples (labels for K >= 2, targets for K = 1)
   * @param options settings
   * @param listener progress receiver
   */
  public static Result train(Bert bert, List<Example> train, FinetuneOptions options,
      ProgressListener listener) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no training examples");
    }
    bert.setTrainable(options.mode().groups());
    AdamW opt = optimizer(bert, options);
    int perEpoch = (train.size() + options.batchSize() - 1) / options.batchSize();
    int total = perEpoch * options.epochs();
    CosineSchedule schedule = new CosineSchedule(options.learningRate(), total,
        Math.min(options.warmupSteps(), total - 1));
    Random rnd = new Random(options.seed());
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    TargetScale scale = targetScale(bert, train);
    List<Double> losses = new ArrayList<>();
    long tokens = 0;
    long start = System.nanoTime();
    int step = 0;
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      shuffle(order, rnd);
      if (options.trimPadding()) {
        Batches.groupByLength(order, train, options.batchSize(), rnd);
      }
      double sum = 0;
      for (int from = 0; from < order.length; from += options.batchSize()) {
        int to = Math.min(order.length, from + options.batchSize());
        TokenBatch batch = Batches.pack(train, order, from, to, bert.config().maxSeqLen(),
            options.trimPadding());
        bert.zeroGradients();
        double loss = lossAndGradient(bert, batch, train, order, from, to, scale);
        bert.backward();
        opt.step(bert.parameters().data(), bert.gradients().data(), schedule.at(step));
        tokens += batch.rows();
        sum += loss * (to - from);
        listener.onStep(epoch, step, total, loss);
        step++;
      }
      losses.add(sum / order.length);
    }
    return new Result(losses, step, tokens, (System.nanoTime() - start) / 1e9, scale);
  }

  /**
   * The standardisation {@link #train} fits to the regression targets of {@code train} (identity
   * for classification); {@link #predict}'s regression outputs are in its units.
   */
  public static TargetScale targetScale(Bert bert, List<Example> train) {
    return bert.config().regression() ? TargetScale.fit(train) : TargetScale.IDENTITY;
  }

  /** Forward, loss and logit gradient for one batch; regression targets standardised. */
  static double lossAndGradient(Bert bert, TokenBatch batch, List<Example> data, int[] order,
      int from, int to, TargetScale scale) {
    bert.classify(batch);
    int b = to - from;
    if (bert.config().regression()) {
      double[] targets = new double[b];
      for (int i = 0; i < b; i++) {
        targets[i] = scale.standardize(data.get(order[from + i]).target());
      }
      return bert.regressionLoss(targets);
    }
    int[] labels = new int[b];
    for (int i = 0; i < b; i++) {
      labels[i] = data.get(order[from + i]).label();
    }
    return bert.classificationLoss(labels);
  }

  /**
   * The model's outputs on {@code data}, in order: logits (B, K) rows, or the single regression
   * output. No gradients are computed.
   */
  public static double[][] predict(Bert bert, List<Example> data, int batchSize, boolean trim) {
    double[][] out = new double[data.size()][];
    // With trimmed padding, batches of similar length waste the least; outputs go back in order.
    int[] order = trim ? Batches.byLength(data)
        : java.util.stream.IntStream.range(0, data.size()).toArray();
    for (int from = 0; from < order.length; from += batchSize) {
      int to = Math.min(order.length, from + batchSize);
      Matrix logits = bert.classify(
          Batches.pack(data, order, from, to, bert.config().maxSeqLen(), trim));
      for (int i = 0; i < to - from; i++) {
        out[order[from + i]] = java.util.Arrays.copyOfRange(logits.data(), logits.rowOffset(i),
            logits.rowOffset(i) + logits.cols());
      }
    }
    return out;
  }

  /** Index of the largest logit of each row. */
  public static int[] argmax(double[][] logits) {
    int[] p = new int[logits.length];
    for (int i = 0; i < logits.length; i++) {
      int best = 0;
      for (int j = 1; j < logits[i].length; j++) {
        if (logits[i][j] > logits[i][best]) {
          best = j;
        }
      }
      p[i] = best;
    }
    return p;
  }

  /** Fraction of examples whose argmax equals the label (for synthetic tasks and tests). */
  public static double accuracy(double[][] logits, List<Example> data) {
    int[] p = argmax(logits);
    int ok = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] == data.get(i).label()) {
        ok++;
      }
    }
    return (double) ok / p.length;
  }

  private static void shuffle(int[] a, Random rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Convenience: the optimiser a run with {@code options} would use (for benchmarks). */
  public static AdamW optimizer(Bert bert, FinetuneOptions options) {
    AdamW opt = new AdamW(bert.parameters().layout(), options.mode().groups(),
        options.optimizer(), bert.nonlinearities())
        .scaleLearningRate(ParameterGroup.HEAD, options.headLearningRate() / options.learningRate())
        .scaleLearningRate(ParameterLayout.Entry::isLoraB, options.loraBRatio());
    options.loraTargetRatios().forEach((target, ratio) ->
        opt.scaleLearningRate(e -> e.isLoraOf(target), ratio));
    return opt;
  }
}
