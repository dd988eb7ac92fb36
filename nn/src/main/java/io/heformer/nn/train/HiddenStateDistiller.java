package io.heformer.nn.train;

import io.heformer.nn.model.Bert;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.TokenBatch;
import io.heformer.nn.optim.AdamW;
import io.heformer.nn.optim.CosineSchedule;
import io.heformer.nn.tensor.Matrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Converts a pretrained encoder to another architecture by hidden-state distillation: the
 * student (e.g. Gaussian-kernel attention and ReLU, started from the teacher's weights) is trained
 * so that its final hidden states match the teacher's (e.g. softmax attention and GELU) on
 * unlabelled text.
 *
 * <p>Loss: {@code L = sum over real tokens i of |h_s,i - h_t,i|^2 / (N_real C)}, the mean squared
 * error per hidden coordinate; padded positions are ignored. Gradient {@code dL/dh_s = 2 (h_s -
 * h_t) / (N_real C)} at real rows, back-propagated with {@link Bert#backwardEncoder}; AdamW on the
 * student's encoder with a cosine schedule and global gradient-norm clipping.
 *
 * <p>Why hidden states rather than masked-LM: the teacher (a sentence-embedding model) ships no
 * MLM head, and matching its representation is what fine-tuning builds on; it also avoids the
 * vocabulary-sized output layer, the dominant cost of MLM on two cores. {@link #relativeError}
 * measures the loss of quality as the student's error relative to the teacher's per-coordinate
 * variance (0: identical, 1: no better than the mean hidden state).
 */
public final class HiddenStateDistiller {

  /**
   * Settings.
   *
   * @param steps optimiser steps (the data is cycled, reshuffled each pass)
   * @param batchSize sequences per step
   * @param learningRate peak learning rate
   * @param warmupSteps warm-up steps
   * @param clipNorm global gradient-norm bound, or 0 for none
   * @param optimizer AdamW hyperparameters
   * @param seed shuffling seed
   */
  public record Options(int steps, int batchSize, double learningRate, int warmupSteps,
      double clipNorm, AdamW.Hyper optimizer, long seed) {
    /** Validates ranges. */
    public Options {
      if (steps < 1 || batchSize < 1 || !(learningRate > 0) || warmupSteps < 0 || clipNorm < 0) {
        throw new IllegalArgumentException("bad distillation options: steps " + steps + ", batch "
            + batchSize + ", lr " + learningRate + ", warmup " + warmupSteps + ", clip "
            + clipNorm);
      }
    }
  }

  /**
   * Outcome.
   *
   * @param stepLosses loss of every step
   * @param tokens token positions processed (student, padding included)
   * @param seconds wall-clock seconds
   */
  public record Result(List<Double> stepLosses, long tokens, double seconds) {}

  private HiddenStateDistiller() {}

  /**
   * Trains {@code student}'s encoder in place towards {@code teacher}'s hidden states.
   *
   * @throws IllegalArgumentException if the widths differ or there is no data
   */
  public static Result train(Bert teacher, Bert student, List<int[]> sequences, Options options,
      ProgressListener listener) {
    check(teacher, student, sequences);
    Set<ParameterGroup> groups = EnumSet.of(ParameterGroup.ENCODER);
    student.setTrainable(groups);
    AdamW opt = new AdamW(student.parameters().layout(), groups, options.optimizer(),
        student.nonlinearities());
    CosineSchedule schedule = new CosineSchedule(options.learningRate(), options.steps(),
        Math.min(options.warmupSteps(), options.steps() - 1));
    Random rnd = new Random(options.seed());
    List<int[]> order = new ArrayList<>(sequences);
    Collections.shuffle(order, rnd);
    int next = 0;
    List<Double> losses = new ArrayList<>();
    long tokens = 0;
    long start = System.nanoTime();
    int perEpoch = (order.size() + options.batchSize() - 1) / options.batchSize();
    for (int step = 0; step < options.steps(); step++) {
      if (next >= order.size()) {
        Collections.shuffle(order, rnd);
        next = 0;
      }
      List<int[]> chunk = order.subList(next, Math.min(order.size(), next + options.batchSize()));
      next += chunk.size();
      TokenBatch batch = pack(chunk, Math.min(teacher.config().maxSeqLen(),
          student.config().maxSeqLen()));
      student.zeroGradients();
      Matrix dHidden = Matrix.zeros(batch.rows(), student.config().width());
      double loss = lossAndGradient(teacher, student, batch, dHidden);
      student.backwardEncoder(dHidden);
      if (options.clipNorm() > 0) {
        Pretrainer.clip(student.gradients().data(), options.clipNorm());
      }
      opt.step(student.parameters().data(), student.gradients().data(), schedule.at(step));
      losses.add(loss);
      tokens += batch.rows();
      listener.onStep(step / perEpoch, step, options.steps(), loss);
    }
    return new Result(losses, tokens, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The student's mean squared hidden-state error divided by the teacher's per-coordinate
   * variance over the real tokens of {@code sequences} (no training).
   */
  public static double relativeError(Bert teacher, Bert student, List<int[]> sequences,
      int batchSize) {
    check(teacher, student, sequences);
    int c = teacher.config().width();
    double sq = 0;
    long n = 0;
    double[] sum = new double[c];
    double[] sumSq = new double[c];
    int t = Math.min(teacher.config().maxSeqLen(), student.config().maxSeqLen());
    for (int from = 0; from < sequences.size(); from += batchSize) {
      TokenBatch batch = pack(sequences.subList(from, Math.min(sequences.size(),
          from + batchSize)), t);
      Matrix ht = teacher.encode(batch);
      Matrix hs = student.encode(batch);
      for (int row = 0; row < batch.rows(); row++) {
        if (batch.mask()[row] == 0) {
          continue;
        }
        n++;
        for (int j = 0; j < c; j++) {
          double a = ht.get(row, j);
          double d = hs.get(row, j) - a;
          sq += d * d;
          sum[j] += a;
          sumSq[j] += a * a;
        }
      }
    }
    double variance = 0;
    for (int j = 0; j < c; j++) {
      double mean = sum[j] / n;
      variance += sumSq[j] / n - mean * mean;
    }
    return sq / n / variance;
  }

  /** Loss of one batch; writes dL/dh_s into {@code g} (B T, C). */
  static double lossAndGradient(Bert teacher, Bert student, TokenBatch batch, Matrix g) {
    Matrix ht = teacher.encode(batch);
    // The teacher's output is a cache view: copy before the student's forward (distinct models,
    // distinct caches, but keep the rule simple).
    double[] target = ht.toArray();
    Matrix hs = student.encode(batch);
    g.zero();
    int c = hs.cols();
    long real = 0;
    for (int row = 0; row < batch.rows(); row++) {
      real += batch.mask()[row];
    }
    double scale = 1.0 / (real * (double) c);
    double loss = 0;
    for (int row = 0; row < batch.rows(); row++) {
      if (batch.mask()[row] == 0) {
        continue;
      }
      for (int j = 0; j < c; j++) {
        double d = hs.get(row, j) - target[row * c + j];
        loss += d * d;
        g.set(row, j, 2 * d * scale);
      }
    }
    return loss * scale;
  }

  private static TokenBatch pack(List<int[]> seqs, int maxLen) {
    int t = 1;
    for (int[] s : seqs) {
      t = Math.max(t, Math.min(maxLen, s.length));
    }
    int b = seqs.size();
    int[] tokens = new int[b * t];
    int[] mask = new int[b * t];
    for (int i = 0; i < b; i++) {
      int[] s = seqs.get(i);
      int n = Math.min(t, s.length);
      System.arraycopy(s, 0, tokens, i * t, n);
      java.util.Arrays.fill(mask, i * t, i * t + n, 1);
    }
    return new TokenBatch(b, t, tokens, mask);
  }

  private static void check(Bert teacher, Bert student, List<int[]> sequences) {
    if (teacher.config().width() != student.config().width()) {
      throw new IllegalArgumentException("teacher width " + teacher.config().width()
          + " differs from student width " + student.config().width());
    }
    if (sequences.isEmpty()) {
      throw new IllegalArgumentException("no distillation sequences");
    }
  }
}
