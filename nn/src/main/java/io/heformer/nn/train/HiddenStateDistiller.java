package io.heformer.nn.train;

import io.heformer.nn.model.Bert;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.TokenBatch;
import io.heformer.nn.optim.AdamW;
import io.heformer.nn.optim.CosineSchedule;
import io.heformer.nn.tensor.Matrix;
import io.heformer.nn.tensor.MatrixBuffers;
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
 * <p>Loss: {@code L = L_tok + w v L_sent + u sum_{l < L-1} L_tok(l) + a L_att}.
 * {@code L_tok = sum over real tokens i of |h_s,i - h_t,i|^2 / (N_real C)} is the mean squared error per hidden
 * coordinate; padded positions are ignored. {@code L_tok(l)} is the same error on the output of
 * block l (intermediate layers; teacher and student then need the same depth), so that every
 * block gets its own target instead of only the last. {@code L_sent} is the sentence-level error,
 * relative to the teacher's spread over the batch, of two summaries of each sequence b: the mean
 * over its real tokens m_b and its first (CLS) row c_b, {@code L_sent = sum_b |m_s,b - m_t,b|^2 /
 * sum_b |m_t,b - mean_b m_t|^2 + (the same for c)}; v is the teacher's per-coordinate token
 * variance in the batch, so that w = 1 weighs a relative sentence error like a relative token
 * error. {@code L_att} is the attention-map term: the mean, over blocks, heads and real query
 * rows, of {@code KL(p_i || s_i / sum_j s_ij)}, where p_i is the teacher's attention row and s_i
 * the student's (the Gaussian kernel's unnormalised row), both over the real keys; its gradient
 * with respect to the student's exponents Z is the normalised row minus p_i, back-propagated by
 * {@link Bert#backwardEncoder(Matrix, Matrix[], Matrix[])}. Why: hidden-state matching leaves the
 * kernel about twice as diffuse as the teacher's softmax (docs/results/attention.md); MiniLM
 * itself was distilled by matching attention distributions. Why the sentence term: the token
 * error is dominated by high-variance lexical directions, while fine-tuning reads the low-variance
 * sentence-level ones (on STS-B a student with 0.2 relative token error kept a third of the
 * teacher's linearly decodable similarity in its mean-pooled states). The gradient of every term
 * is back-propagated with {@link Bert#backwardEncoder}; AdamW on the student's encoder with a
 * cosine schedule and global gradient-norm clipping. {@link Options#blockLocal} instead trains
 * every block alone on the teacher's input to it, a cheaper first stage (docs/results/glue.md,
 * conversion fast1400).
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
   * @param sentenceWeight w, the weight of the sentence-level term (0: token error only)
   * @param blockWeight u, the weight of the blocks' output errors (0: final states only)
   * @param attentionWeight a, the weight of the attention-map term (0: none)
   * @param blockLocal train every block on the teacher's input to that block (teacher forcing),
   *     against the teacher's output of it: {@code L = sum_l L_tok(l) + w v L_sent + a L_att},
   *     with the sentence term on the last block; no gradient crosses from one block to the
   *     next, and the embeddings are not trained. Why: end to end, a block's error is mixed with
   *     the errors of every block below it; alone, each block only has to replace its own
   *     softmax and GELU. {@code blockWeight} is then unused
   */
  public record Options(int steps, int batchSize, double learningRate, int warmupSteps,
      double clipNorm, AdamW.Hyper optimizer, long seed, double sentenceWeight,
      double blockWeight, double attentionWeight, boolean blockLocal) {
    /** Validates ranges. */
    public Options {
      if (steps < 1 || batchSize < 1 || !(learningRate > 0) || warmupSteps < 0 || clipNorm < 0
          || !isWeight(sentenceWeight) || !isWeight(blockWeight) || !isWeight(attentionWeight)) {
        throw new IllegalArgumentException("bad distillation options: steps " + steps + ", batch "
            + batchSize + ", lr " + learningRate + ", warmup " + warmupSteps + ", clip "
            + clipNorm + ", sentence weight " + sentenceWeight + ", block weight " + blockWeight
            + ", attention weight " + attentionWeight);
      }
    }

    private static boolean isWeight(double w) {
      return Double.isFinite(w) && w >= 0;
    }

    /** End to end, without the attention-map term. */
    public Options(int steps, int batchSize, double learningRate, int warmupSteps,
        double clipNorm, AdamW.Hyper optimizer, long seed, double sentenceWeight,
        double blockWeight) {
      this(steps, batchSize, learningRate, warmupSteps, clipNorm, optimizer, seed,
          sentenceWeight, blockWeight, 0, false);
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
    if ((options.blockWeight() > 0 || options.attentionWeight() > 0 || options.blockLocal())
        && teacher.config().layers() != student.config().layers()) {
      throw new IllegalArgumentException("block, block-local and attention matching need as "
          + "many student blocks (" + student.config().layers() + ") as teacher blocks ("
          + teacher.config().layers() + ")");
    }
    if (options.attentionWeight() > 0 && teacher.config().heads() != student.config().heads()) {
      throw new IllegalArgumentException("attention matching needs as many student heads ("
          + student.config().heads() + ") as teacher heads (" + teacher.config().heads() + ")");
    }
    Set<ParameterGroup> groups = EnumSet.of(ParameterGroup.ENCODER);
    student.setTrainable(groups);
    // Block-local steps give the embeddings no gradient; leaving them out of the optimiser also
    // spares them the weight decay.
    AdamW opt = new AdamW(student.parameters().layout(), e -> groups.contains(e.group())
        && (!options.blockLocal() || e.name().startsWith("layer")), options.optimizer(),
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
    // Gradients and teacher copies reuse the same arrays every step (they grow to the longest
    // batch): the attention term alone moves 2 x layers x B H T^2 doubles per step.
    MatrixBuffers buffers = new MatrixBuffers();
    Matrix[] dBlocks = options.blockWeight() > 0 || options.blockLocal()
        ? new Matrix[student.config().layers()] : null;
    Matrix[] dAttention = options.attentionWeight() > 0
        ? new Matrix[student.config().layers()] : null;
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
      buffers.reset();
      double loss;
      if (options.blockLocal()) {
        loss = blockLocalLossAndGradient(teacher, student, batch, dBlocks, dAttention, options,
            buffers);
        student.backwardBlocks(dBlocks, dAttention);
      } else {
        Matrix dHidden = buffers.next(batch.rows(), student.config().width());
        loss = lossAndGradient(teacher, student, batch, dHidden, dBlocks, dAttention, options,
            buffers);
        student.backwardEncoder(dHidden, dBlocks, dAttention);
      }
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

  /**
   * Loss of one batch; writes dL/dh_s into {@code g} (B T, C) and, where {@code dBlocks} is not
   * null, the block-output gradients into {@code dBlocks[l]} for all blocks but the last (whose
   * output the final term already matches); where {@code dAttention} is not null, the
   * attention-map term's gradients with respect to every block's exponents into {@code
   * dAttention[l]}. Those gradients and the teacher's copied outputs are views from {@code
   * buffers}.
   */
  static double lossAndGradient(Bert teacher, Bert student, TokenBatch batch, Matrix g,
      Matrix[] dBlocks, Matrix[] dAttention, Options options, MatrixBuffers buffers) {
    Matrix ht = teacher.encode(batch);
    // The teacher's outputs are cache views: copy before the student's forward (distinct models,
    // distinct caches, but keep the rule simple).
    double[] target = buffers.copyOf(ht).data();
    double[][] blockTargets = new double[dBlocks == null ? 0 : dBlocks.length - 1][];
    for (int l = 0; l < blockTargets.length; l++) {
      blockTargets[l] = buffers.copyOf(teacher.layerOutput(l)).data();
    }
    double[][] attentionTargets = attentionTargets(teacher, dAttention, buffers);
    double loss = hiddenLoss(student.encode(batch), target, batch, g, 1,
        options.sentenceWeight());
    for (int l = 0; l < blockTargets.length; l++) {
      dBlocks[l] = buffers.next(batch.rows(), student.config().width());
      loss += hiddenLoss(student.layerOutput(l), blockTargets[l], batch, dBlocks[l],
          options.blockWeight(), 0);
    }
    return loss + attentionTerms(student, attentionTargets, batch, dAttention, options, buffers);
  }

  /**
   * Loss of one batch in {@link Options#blockLocal} mode: the student's blocks run on the
   * teacher's block inputs ({@link Bert#forwardBlocks}); writes each block's output gradient into
   * {@code dBlocks[l]} (all blocks) and the attention-map gradients as {@link #lossAndGradient}
   * does.
   */
  static double blockLocalLossAndGradient(Bert teacher, Bert student, TokenBatch batch,
      Matrix[] dBlocks, Matrix[] dAttention, Options options, MatrixBuffers buffers) {
    teacher.encode(batch);
    int layers = dBlocks.length;
    Matrix[] inputs = new Matrix[layers];
    double[][] targets = new double[layers][];
    for (int l = 0; l < layers; l++) {
      inputs[l] = buffers.copyOf(teacher.layerInput(l));
      targets[l] = buffers.copyOf(teacher.layerOutput(l)).data();
    }
    double[][] attentionTargets = attentionTargets(teacher, dAttention, buffers);
    student.forwardBlocks(batch, inputs);
    double loss = 0;
    for (int l = 0; l < layers; l++) {
      dBlocks[l] = buffers.next(batch.rows(), student.config().width());
      loss += hiddenLoss(student.layerOutput(l), targets[l], batch, dBlocks[l], 1,
          l == layers - 1 ? options.sentenceWeight() : 0);
    }
    return loss + attentionTerms(student, attentionTargets, batch, dAttention, options, buffers);
  }

  /** Copies of the teacher's attention rows per block, or none without the attention term. */
  private static double[][] attentionTargets(Bert teacher, Matrix[] dAttention,
      MatrixBuffers buffers) {
    double[][] targets = new double[dAttention == null ? 0 : dAttention.length][];
    for (int l = 0; l < targets.length; l++) {
      targets[l] = buffers.copyOf(teacher.cache().layer(l).scores).data();
    }
    return targets;
  }

  /** The attention-map term over the student's last forward; fills {@code dAttention}. */
  private static double attentionTerms(Bert student, double[][] targets, TokenBatch batch,
      Matrix[] dAttention, Options options, MatrixBuffers buffers) {
    double loss = 0;
    for (int l = 0; l < targets.length; l++) {
      Matrix scores = student.cache().layer(l).scores;
      dAttention[l] = buffers.next(scores.rows(), scores.cols());
      loss += attentionLoss(scores, targets[l], batch, student.config().heads(), dAttention[l],
          options.attentionWeight() / targets.length);
    }
    return loss;
  }

  /**
   * {@code weight} times the mean, over heads and real query rows, of {@code KL(p_i || s_i /
   * sum_j s_ij)} over the real keys, where p_i is the {@code target} row normalised likewise
   * (the teacher's softmax rows already are); writes its gradient with respect to the student's
   * exponents, {@code weight (s_ij / sum_j s_ij - p_ij) / rows}, into {@code dZ} (B H T, T), 0 at
   * padded rows and keys.
   *
   * @param scores the student's saved scores (B H T, T): positive, exp of the exponents
   * @param target the teacher's, same shape, row-major
   */
  static double attentionLoss(Matrix scores, double[] target, TokenBatch batch, int heads,
      Matrix dZ, double weight) {
    dZ.zero();
    int t = batch.seqLen();
    int[] mask = batch.mask();
    long rows = 0;
    for (int m : mask) {
      rows += m;
    }
    rows *= heads;
    double scale = weight / rows;
    double loss = 0;
    for (int b = 0; b < batch.batch(); b++) {
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < t; i++) {
          if (mask[b * t + i] == 0) {
            continue;
          }
          int row = (b * heads + h) * t + i;
          double studentSum = 0;
          double teacherSum = 0;
          for (int j = 0; j < t; j++) {
            if (mask[b * t + j] == 1) {
              studentSum += scores.get(row, j);
              teacherSum += target[row * t + j];
            }
          }
          for (int j = 0; j < t; j++) {
            if (mask[b * t + j] == 0) {
              continue;
            }
            double p = target[row * t + j] / teacherSum;
            double a = scores.get(row, j) / studentSum;
            if (p > 0) {
              // floor: a kernel entry may underflow to 0 where the teacher still attends
              loss += p * (Math.log(p) - Math.log(Math.max(a, Double.MIN_NORMAL)));
            }
            dZ.set(row, j, scale * (a - p));
          }
        }
      }
    }
    return scale * loss;
  }

  /**
   * {@code weight} times the loss of the student's hidden states {@code hs} (B T, C) against the
   * teacher's {@code target} (row-major, same shape); writes its gradient dL/dh_s into {@code g}.
   */
  static double hiddenLoss(Matrix hs, double[] target, TokenBatch batch, Matrix g, double weight,
      double sentenceWeight) {
    g.zero();
    int c = hs.cols();
    long real = 0;
    for (int row = 0; row < batch.rows(); row++) {
      real += batch.mask()[row];
    }
    double scale = weight / (real * (double) c);
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
    loss *= scale;
    if (sentenceWeight > 0 && batch.batch() > 1) {
      double w = weight * sentenceWeight * tokenVariance(target, batch, c);
      loss += w * sentenceTerm(hs, target, batch, g, w, false);
      loss += w * sentenceTerm(hs, target, batch, g, w, true);
    }
    return loss;
  }

  /** The teacher's per-coordinate variance over the batch's real tokens. */
  private static double tokenVariance(double[] target, TokenBatch batch, int c) {
    double[] sum = new double[c];
    double sumSq = 0;
    long n = 0;
    for (int row = 0; row < batch.rows(); row++) {
      if (batch.mask()[row] == 0) {
        continue;
      }
      n++;
      for (int j = 0; j < c; j++) {
        double a = target[row * c + j];
        sum[j] += a;
        sumSq += a * a;
      }
    }
    double meanSq = 0;
    for (double s : sum) {
      meanSq += (s / n) * (s / n);
    }
    return (sumSq / n - meanSq) / c;
  }

  /**
   * One relative sentence-level error, of the mean-pooled rows ({@code cls} false) or of the first
   * rows; adds {@code weight} times its gradient into {@code g}.
   */
  private static double sentenceTerm(Matrix hs, double[] target, TokenBatch batch, Matrix g,
      double weight, boolean cls) {
    int b = batch.batch();
    int t = batch.seqLen();
    int c = hs.cols();
    double[][] s = new double[b][c];
    double[][] u = new double[b][c];
    int[] count = new int[b];
    for (int i = 0; i < b; i++) {
      for (int r = 0; r < (cls ? 1 : t); r++) {
        int row = i * t + r;
        if (batch.mask()[row] == 0) {
          continue;
        }
        count[i]++;
        for (int j = 0; j < c; j++) {
          s[i][j] += hs.get(row, j);
          u[i][j] += target[row * c + j];
        }
      }
      for (int j = 0; j < c; j++) {
        s[i][j] /= Math.max(1, count[i]);
        u[i][j] /= Math.max(1, count[i]);
      }
    }
    double[] centre = new double[c];
    for (double[] v : u) {
      for (int j = 0; j < c; j++) {
        centre[j] += v[j] / b;
      }
    }
    double spread = 0;
    double err = 0;
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < c; j++) {
        spread += (u[i][j] - centre[j]) * (u[i][j] - centre[j]);
        err += (s[i][j] - u[i][j]) * (s[i][j] - u[i][j]);
      }
    }
    if (!(spread > 0)) {
      return 0;
    }
    for (int i = 0; i < b; i++) {
      for (int r = 0; r < (cls ? 1 : t); r++) {
        int row = i * t + r;
        if (batch.mask()[row] == 0) {
          continue;
        }
        for (int j = 0; j < c; j++) {
          g.set(row, j, g.get(row, j) + weight * 2 * (s[i][j] - u[i][j]) / (count[i] * spread));
        }
      }
    }
    return err / spread;
  }

  static TokenBatch pack(List<int[]> seqs, int maxLen) {
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
