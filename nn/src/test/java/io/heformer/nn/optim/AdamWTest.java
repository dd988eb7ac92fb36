package io.heformer.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.LoraConfig;
import io.heformer.nn.model.MlmDecoderKind;
import io.heformer.nn.model.NormPlacement;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.ParameterLayout;
import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import io.heformer.nn.nonlinear.Nonlinearities;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** AdamW and AdamW-HE against hand-computed steps. */
class AdamWTest {

  private static ParameterLayout layout() {
    return layout(LoraConfig.none());
  }

  private static ParameterLayout layout(LoraConfig lora) {
    BertConfig c = new BertConfig(3, 2, 2, 1, 1, 2, FeedForwardKind.RELU_GLU,
        AttentionKind.GAUSSIAN_KERNEL, NormPlacement.PRE, false, 1e-5, -1e4, 1, 1, 1,
        lora, MlmDecoderKind.NONE);
    return ParameterLayout.of(c);
  }

  @Test
  void heVariantTakesTheHandComputedFirstAndSecondStep() {
    ParameterLayout layout = layout();
    ParameterLayout.Entry e = layout.get("head.classifier"); // (1, 1), decayed
    AdamW.Hyper h = new AdamW.Hyper(0.9, 0.99, 6e-4, 0.01, AdamW.Variant.HE);
    AdamW opt = new AdamW(layout, EnumSet.of(ParameterGroup.HEAD), h, Nonlinearities.exact());
    double[] p = new double[layout.size()];
    double[] g = new double[layout.size()];
    int i = e.offset();
    p[i] = 0.5;
    g[i] = 0.2;
    double lr = 0.1;
    opt.step(p, g, lr);
    // Step 1: m = 0.02, v = 0.0004, mhat = 0.2, vhat = 0.04;
    // theta = (1 - 0.001) 0.5 - 0.1 * 0.2 / sqrt(0.04 + 6e-4)
    double expected1 = 0.999 * 0.5 - 0.1 * 0.2 / Math.sqrt(0.04 + 6e-4);
    assertEquals(expected1, p[i], 1e-15);
    g[i] = -0.1;
    opt.step(p, g, lr);
    // Step 2: m = 0.9*0.02 - 0.01 = 0.008, v = 0.99*0.0004 + 0.01*0.01 = 0.000496;
    // mhat = 0.008 / 0.19, vhat = 0.000496 / 0.0199
    double mhat = 0.008 / (1 - 0.81);
    double vhat = 0.000496 / (1 - 0.9801);
    double expected2 = 0.999 * expected1 - 0.1 * mhat / Math.sqrt(vhat + 6e-4);
    assertEquals(expected2, p[i], 1e-14);
    assertEquals(2, opt.steps());
  }

  @Test
  void standardVariantPutsEpsilonOutsideTheRootAndSkipsFrozenAndUndecayed() {
    ParameterLayout layout = layout();
    AdamW.Hyper h = new AdamW.Hyper(0.9, 0.999, 1e-8, 0.1, AdamW.Variant.STANDARD);
    AdamW opt = new AdamW(layout, EnumSet.of(ParameterGroup.ENCODER), h, Nonlinearities.exact());
    double[] p = stepFromOnes(opt, layout);
    int word = layout.get("embedding.word").offset();
    int gamma = layout.get("embedding.ln.gamma").offset();
    int head = layout.get("head.classifier").offset();
    // mhat = 0.3, vhat = 0.09 at step 1
    assertEquals((1 - 0.001) - 0.01 * 0.3 / (0.3 + 1e-8), p[word], 1e-15);
    assertEquals(1.0 - 0.01 * 0.3 / (0.3 + 1e-8), p[gamma], 1e-15); // no decay on LN gains
    assertEquals(1.0, p[head], 0.0); // HEAD not selected
  }

  @Test
  void groupScaleMultipliesOnlyThatGroupsStepAndDecay() {
    ParameterLayout layout = layout();
    AdamW.Hyper h = new AdamW.Hyper(0.9, 0.999, 1e-8, 0.1, AdamW.Variant.STANDARD);
    AdamW opt = new AdamW(layout, EnumSet.of(ParameterGroup.ENCODER, ParameterGroup.HEAD), h,
        Nonlinearities.exact()).scaleLearningRate(ParameterGroup.HEAD, 20);
    double[] p = stepFromOnes(opt, layout);
    int word = layout.get("embedding.word").offset();
    int head = layout.get("head.classifier").offset();
    assertEquals((1 - 0.001) - 0.01 * 0.3 / (0.3 + 1e-8), p[word], 1e-15);
    assertEquals((1 - 0.02) - 0.2 * 0.3 / (0.3 + 1e-8), p[head], 1e-15);
    assertThrows(IllegalArgumentException.class,
        () -> opt.scaleLearningRate(ParameterGroup.HEAD, 0));
  }

  @Test
  void loraPlusRatioScalesOnlyFactorBAndComposesWithTheGroupScale() {
    ParameterLayout layout = layout(LoraConfig.paper());
    AdamW.Hyper h = new AdamW.Hyper(0.9, 0.999, 1e-8, 0.1, AdamW.Variant.STANDARD);
    AdamW opt = new AdamW(layout, EnumSet.of(ParameterGroup.LORA), h, Nonlinearities.exact())
        .scaleLearningRate(ParameterGroup.LORA, 2)
        .scaleLearningRate(ParameterLayout.Entry::isLoraB, 16);
    double[] p = stepFromOnes(opt, layout);
    int a = layout.get("layer0.attention.query" + ParameterLayout.LORA_A).offset();
    int b = layout.get("layer0.attention.query" + ParameterLayout.LORA_B).offset();
    int weight = layout.get("layer0.attention.query.weight").offset();
    // lr 0.01 x 2 for A, x 2 x 16 for B; each step 0.3 / (0.3 + 1e-8), decay 1 - lr wd
    assertEquals((1 - 0.002) - 0.02 * 0.3 / (0.3 + 1e-8), p[a], 1e-15);
    assertEquals((1 - 0.032) - 0.32 * 0.3 / (0.3 + 1e-8), p[b], 1e-15);
    assertEquals(1.0, p[weight], 0.0); // ENCODER not selected
    assertThrows(IllegalArgumentException.class,
        () -> opt.scaleLearningRate(ParameterLayout.Entry::isLoraB, Double.POSITIVE_INFINITY));
  }

  /** One step at lr 0.01 from parameters 1.0 with gradients 0.3 everywhere. */
  private static double[] stepFromOnes(AdamW opt, ParameterLayout layout) {
    double[] p = new double[layout.size()];
    double[] g = new double[layout.size()];
    java.util.Arrays.fill(p, 1.0);
    java.util.Arrays.fill(g, 0.3);
    opt.step(p, g, 0.01);
    return p;
  }

  @Test
  void rejectsBadHyperparameters() {
    assertThrows(IllegalArgumentException.class,
        () -> new AdamW.Hyper(1.0, 0.99, 1e-3, 0, AdamW.Variant.HE));
    assertThrows(IllegalArgumentException.class,
        () -> new AdamW.Hyper(0.9, 0.99, 0, 0, AdamW.Variant.HE));
  }

  @Test
  void cosineScheduleDecaysToZero() {
    CosineSchedule s = new CosineSchedule(2e-3, 100, 0);
    assertEquals(2e-3, s.at(0), 0);
    assertEquals(1e-3, s.at(50), 1e-15);
    assertEquals(0.0, s.at(100), 0);
    CosineSchedule w = new CosineSchedule(1.0, 10, 4);
    assertEquals(0.25, w.at(0), 1e-15);
    assertEquals(1.0, w.at(4), 1e-15);
  }
}
