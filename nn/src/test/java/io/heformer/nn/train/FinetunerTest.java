package io.heformer.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import io.heformer.nn.model.Bert;
import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.Initializer;
import io.heformer.nn.model.LoraConfig;
import io.heformer.nn.model.LoraTarget;
import io.heformer.nn.model.MlmDecoderKind;
import io.heformer.nn.model.NormPlacement;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.ParameterLayout;
import io.heformer.nn.optim.AdamW;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A small model learns the synthetic majority task; LoRA mode leaves the encoder untouched. */
class FinetunerTest {

  static BertConfig small(AttentionKind att) {
    return new BertConfig(25, 12, 16, 2, 1, 32, FeedForwardKind.RELU_GLU, att, NormPlacement.PRE,
        false, 1e-5, -10000.0, 8, 16, 2, LoraConfig.paper(), MlmDecoderKind.NONE);
  }

  @Test
  void fullFineTuningLearnsTheMajorityTask() {
    BertConfig config = small(AttentionKind.GAUSSIAN_KERNEL);
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 1);
    List<Example> train = SyntheticTask.majority(600, 12, 25, 3, 2);
    List<Example> dev = SyntheticTask.majority(300, 12, 25, 3, 3);
    FinetuneOptions opt = new FinetuneOptions(8, 16, 1e-2, 0, AdamW.Hyper.standard(),
        TrainingMode.FULL, 4, true);
    Finetuner.Result r = Finetuner.train(bert, train, opt, ProgressListener.silent());
    double first = r.epochLosses().get(0);
    double last = r.epochLosses().get(r.epochLosses().size() - 1);
    // Chance-level cross-entropy is ln 2 = 0.69; the trained model must cut it at least 10-fold.
    assertTrue(last < first / 10, "loss " + first + " -> " + last);
    double acc = Finetuner.accuracy(Finetuner.predict(bert, dev, 32, true), dev);
    assertTrue(acc > 0.9, "dev accuracy " + acc);
  }

  @ParameterizedTest
  @EnumSource(value = TrainingMode.class, names = {"LORA", "HEAD"})
  void frozenModesUpdateExactlyTheirGroups(TrainingMode mode) {
    BertConfig config = small(AttentionKind.SOFTMAX);
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 5);
    double[] before = bert.parameters().data().clone();
    List<Example> train = SyntheticTask.majority(64, 12, 25, 3, 6);
    FinetuneOptions opt = new FinetuneOptions(2, 16, 1e-2, 0, AdamW.Hyper.paperHe(),
        mode, 7, false);
    Finetuner.train(bert, train, opt, ProgressListener.silent());
    double[] after = bert.parameters().data();
    EnumSet<ParameterGroup> moved = EnumSet.noneOf(ParameterGroup.class);
    for (ParameterLayout.Entry e : bert.parameters().layout().entries()) {
      double[] b = java.util.Arrays.copyOfRange(before, e.offset(), e.offset() + e.size());
      double[] a = java.util.Arrays.copyOfRange(after, e.offset(), e.offset() + e.size());
      if (!mode.groups().contains(e.group())) {
        assertArrayEquals(b, a, 0.0, e.name() + " must stay frozen in " + mode);
      } else if (!java.util.Arrays.equals(a, b)) {
        moved.add(e.group());
      }
    }
    assertEquals(mode.groups(), moved, "every trained group must be updated");
  }

  @Test
  void loraTargetRatiosScaleBothFactorsOfTheirProjectionsAndComposeWithLoraPlus() {
    BertConfig config = small(AttentionKind.GAUSSIAN_KERNEL);
    Bert bert = new Bert(config);
    FinetuneOptions opt = new FinetuneOptions(1, 16, 1e-2, 0,
        new AdamW.Hyper(0.9, 0.999, 1e-8, 0.0, AdamW.Variant.STANDARD), TrainingMode.LORA, 1,
        true, 1e-2, 4.0, java.util.Map.of(LoraTarget.QUERY, 0.25));
    ParameterLayout layout = bert.parameters().layout();
    double[] p = new double[layout.size()];
    double[] g = new double[layout.size()];
    java.util.Arrays.fill(p, 1.0);
    java.util.Arrays.fill(g, 0.3);
    Finetuner.optimizer(bert, opt).step(p, g, 0.01);
    // Adam's first step is lr x scale x g / (|g| + eps), so 1 - p is the rate each tensor got.
    double u = 0.3 / (0.3 + 1e-8);
    for (int layer = 0; layer < config.layers(); layer++) {
      String q = "layer" + layer + ".attention.query";
      String k = "layer" + layer + ".attention.key";
      assertEquals(0.01 * 0.25 * u, 1 - p[layout.get(q + ParameterLayout.LORA_A).offset()],
          1e-15);
      assertEquals(0.01 * 0.25 * 4 * u, 1 - p[layout.get(q + ParameterLayout.LORA_B).offset()],
          1e-15);
      assertEquals(0.01 * u, 1 - p[layout.get(k + ParameterLayout.LORA_A).offset()], 1e-15);
      assertEquals(0.01 * 4 * u, 1 - p[layout.get(k + ParameterLayout.LORA_B).offset()], 1e-15);
      assertEquals(1.0, p[layout.get(q + ".weight").offset()], 0.0);
    }
    assertThrows(IllegalArgumentException.class, () -> new FinetuneOptions(1, 16, 1e-2, 0,
        AdamW.Hyper.standard(), TrainingMode.LORA, 1, true, 1e-2, 1.0,
        java.util.Map.of(LoraTarget.KEY, 0.0)));
  }

  @Test
  void trimmedAndPaddedBatchesGiveTheSameLogits() {
    BertConfig config = small(AttentionKind.GAUSSIAN_KERNEL);
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 8);
    List<Example> data = SyntheticTask.majority(10, 12, 25, 3, 9);
    double[][] full = Finetuner.predict(bert, data, 4, false);
    double[][] trimmed = Finetuner.predict(bert, data, 4, true);
    for (int i = 0; i < full.length; i++) {
      assertArrayEquals(full[i], trimmed[i], 1e-12);
    }
  }

  @Test
  void regressionIsTrainedOnStandardisedTargetsFarFromZero() {
    BertConfig config = small(AttentionKind.GAUSSIAN_KERNEL).withNumClasses(1);
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 11);
    // Target: 40 + 8 x the fraction of "low" content tokens; far from 0, which a head without a
    // bias cannot reach unless the targets are centred.
    List<Example> train = shares(SyntheticTask.majority(600, 12, 25, 3, 12));
    List<Example> dev = shares(SyntheticTask.majority(200, 12, 25, 3, 13));
    FinetuneOptions opt = new FinetuneOptions(6, 16, 1e-2, 0, AdamW.Hyper.standard(),
        TrainingMode.FULL, 4, true);
    Finetuner.Result r = Finetuner.train(bert, train, opt, ProgressListener.silent());
    TargetScale scale = r.targetScale();
    assertEquals(TargetScale.fit(train), scale);
    assertEquals(Finetuner.targetScale(bert, train), scale);
    assertTrue(scale.mean() > 40 && scale.mean() < 48, "mean " + scale.mean());
    double[][] out = Finetuner.predict(bert, dev, 32, true);
    double sq = 0;
    double var = 0;
    for (int i = 0; i < dev.size(); i++) {
      double y = dev.get(i).target();
      sq += Math.pow(scale.restore(out[i][0]) - y, 2);
      var += Math.pow(y - scale.mean(), 2);
    }
    assertTrue(sq < 0.3 * var, "restored dev predictions explain 70% of the variance: mse "
        + sq / dev.size() + ", variance " + var / dev.size());
  }

  @Test
  void targetScaleRoundTripsAndRejectsNonsense() {
    TargetScale s = new TargetScale(2.5, 1.5);
    assertEquals(-1.0, s.standardize(1.0), 1e-15);
    assertEquals(7.0, s.restore(s.standardize(7.0)), 1e-12);
    assertEquals(1.0, TargetScale.fit(shares(SyntheticTask.majority(1, 12, 25, 3, 1))).std());
    assertThrows(IllegalArgumentException.class, () -> new TargetScale(0, 0));
    assertThrows(IllegalArgumentException.class, () -> TargetScale.fit(List.of()));
  }

  /** Regression examples whose target is 40 + 8 x the share of content tokens below the middle. */
  private static List<Example> shares(List<Example> examples) {
    List<Example> out = new java.util.ArrayList<>();
    for (Example e : examples) {
      int low = 0;
      int n = 0;
      for (int i = 1; i < e.tokens().length; i++) {
        if (e.mask()[i] == 1) {
          n++;
          low += e.tokens()[i] < SyntheticTask.FIRST_CONTENT + 10 ? 1 : 0;
        }
      }
      out.add(Example.regression(e.tokens(), e.mask(), 40 + 8.0 * low / n));
    }
    return out;
  }
}
