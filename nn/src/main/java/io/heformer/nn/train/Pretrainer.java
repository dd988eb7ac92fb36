package io.heformer.nn.train;

import io.heformer.nn.model.Bert;
import io.heformer.nn.model.MlmDecoderKind;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.optim.AdamW;
import io.heformer.nn.optim.CosineSchedule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Masked-language-model pretraining of the encoder (paper §12.1 in miniature): shuffled batches of
 * sequences, {@link MaskedLmMasking}, cross-entropy over the vocabulary at the masked positions,
 * AdamW on the encoder (and the untied decoder), cosine schedule with warm-up, and optional
 * global gradient-norm clipping.
 */
public final class Pretrainer {

  /**
   * Settings.
   *
   * @param epochs passes over the sequences
   * @param batchSize sequences per step
   * @param learningRate peak learning rate
   * @param warmupSteps warm-up steps
   * @param maskRate masking probability
   * @param clipNorm global gradient-norm bound, or 0 for none
   * @param optimizer AdamW hyperparameters
   * @param special special token ids
   * @param seed shuffling and masking seed
   */
  public record Options(int epochs, int batchSize, double learningRate, int warmupSteps,
      double maskRate, double clipNorm, AdamW.Hyper optimizer, SpecialTokens special, long seed) {
    /** Validates ranges. */
    public Options {
      if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || clipNorm < 0) {
        throw new IllegalArgumentException("bad pretraining options: epochs " + epochs
            + ", batch " + batchSize + ", lr " + learningRate + ", clip " + clipNorm);
      }
    }
  }

  /**
   * Outcome.
   *
   * @param stepLosses loss of every step
   * @param tokens token positions processed
   * @param seconds wall-clock seconds
   */
  public record Result(List<Double> stepLosses, long tokens, double seconds) {}

  private Pretrainer() {}

  /** Pretrains {@code bert} (which must have an MLM decoder) in place. */
  public static Result train(Bert bert, TokenSequenceSource source, Options options,
      ProgressListener listener) {
    if (bert.config().mlmDecoder() == MlmDecoderKind.NONE) {
      throw new IllegalArgumentException("pretraining needs an MLM decoder (TIED or UNTIED)");
    }
    List<int[]> data = source.sequences();
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no pretraining sequences");
    }
    Set<ParameterGroup> groups = EnumSet.of(ParameterGroup.ENCODER, ParameterGroup.MLM);
    bert.setTrainable(groups);
    AdamW opt = new AdamW(bert.parameters().layout(), groups, options.optimizer(),
        bert.nonlinearities());
    int perEpoch = (data.size() + options.batchSize() - 1) / options.batchSize();
    int total = perEpoch * options.epochs();
    CosineSchedule schedule = new CosineSchedule(options.learningRate(), total,
        Math.min(options.warmupSteps(), total - 1));
    Random rnd = new Random(options.seed());
    List<int[]> order = new ArrayList<>(data);
    List<Double> losses = new ArrayList<>();
    long tokens = 0;
    long start = System.nanoTime();
    int step = 0;
    int seqLen = bert.config().maxSeqLen();
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      java.util.Collections.shuffle(order, rnd);
      for (int from = 0; from < order.size(); from += options.batchSize()) {
        List<int[]> chunk = order.subList(from, Math.min(order.size(), from + options.batchSize()));
        int t = 1;
        for (int[] s : chunk) {
          t = Math.max(t, Math.min(seqLen, s.length));
        }
        MaskedLmMasking.Masked m = MaskedLmMasking.mask(chunk, t, options.maskRate(),
            options.special(), bert.config().vocabSize(), rnd);
        bert.zeroGradients();
        double loss = bert.maskedLmLoss(m.batch(), m.positions(), m.targets());
        bert.backwardMaskedLm();
        if (options.clipNorm() > 0) {
          clip(bert.gradients().data(), options.clipNorm());
        }
        opt.step(bert.parameters().data(), bert.gradients().data(), schedule.at(step));
        losses.add(loss);
        tokens += m.batch().rows();
        listener.onStep(epoch, step, total, loss);
        step++;
      }
    }
    return new Result(losses, tokens, (System.nanoTime() - start) / 1e9);
  }

  /** Scales {@code g} so that its Euclidean norm is at most {@code max}. */
  static void clip(double[] g, double max) {
    double s = 0;
    for (double v : g) {
      s += v * v;
    }
    double norm = Math.sqrt(s);
    if (norm > max) {
      double f = max / norm;
      for (int i = 0; i < g.length; i++) {
        g[i] *= f;
      }
    }
  }
}
