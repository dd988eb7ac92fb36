package io.heformer.nn.nonlinear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import io.heformer.nn.model.Bert;
import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.Initializer;
import io.heformer.nn.model.LoraConfig;
import io.heformer.nn.model.MlmDecoderKind;
import io.heformer.nn.model.NormPlacement;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.TokenBatch;
import io.heformer.nn.tensor.Matrix;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Approximation mode built from recorded ranges: each evaluator matches the exact function on
 * its recorded range, out-of-interval inputs are clamped and counted, and a model run in
 * approximation mode with intervals from its own recorded ranges stays close to exact mode.
 */
class CalibratedApproximationsTest {

  @Test
  void evaluatorsMatchTheExactFunctionsOnTheRecordedRanges() {
    List<InputRange> ranges = List.of(
        new InputRange(NonlinearFunction.EXP, "layer0.attention.exp", -10000, -0.1, 10),
        new InputRange(NonlinearFunction.EXP, "loss.exp", -7, 0, 10),
        new InputRange(NonlinearFunction.INV_SQRT, "layer0.ln1", 0.02, 37, 10),
        new InputRange(NonlinearFunction.STEP, "layer0.ffn", -9, 12, 10),
        new InputRange(NonlinearFunction.TANH, "head.tanh", -7, 6, 10),
        new InputRange(NonlinearFunction.RECIPROCAL, "loss.reciprocal", 1, 2, 10));
    CalibratedApproximations.Result r = CalibratedApproximations.fromRanges(ranges, 1.5);
    ApproximateNonlinearities a = r.nonlinearities();
    Random rnd = new Random(3);
    for (InputRange range : ranges) {
      for (int i = 0; i < 2000; i++) {
        double x = range.min() + (range.max() - range.min()) * rnd.nextDouble();
        if (range.function() == NonlinearFunction.EXP && range.site().contains("attention")) {
          x = -30 * rnd.nextDouble(); // the informative part of the kernel's range
        }
        double exact = range.function().exact(x);
        double approx = a.apply(range.function(), range.site(), x);
        double tol = switch (range.function()) {
          case EXP -> 2e-5;
          case INV_SQRT, RECIPROCAL -> 1e-6 * exact;
          case TANH -> 1e-5;
          // The sign approximation is accurate outside its gap around 0 (B * gap ~ 0.03 here).
          case STEP -> Math.abs(x) > 0.2 ? 5e-3 : 1.0;
          default -> throw new AssertionError();
        };
        assertEquals(exact, approx, tol, range.function() + "@" + range.site() + " at " + x);
      }
    }
    assertTrue(r.violations().isEmpty(), "no input left its interval: " + r.violations());
    // Far outside the chosen interval: clamped and counted per site.
    double v = a.apply(NonlinearFunction.TANH, "head.tanh", 100.0);
    assertEquals(1.0, v, 1e-5);
    assertEquals(1L, r.violations().get("TANH@head.tanh"));
  }

  @Test
  void keptExactFunctionsAreExactAtEverySiteAndTheOthersStayApproximate() {
    List<InputRange> ranges = List.of(
        new InputRange(NonlinearFunction.STEP, "layer0.ffn", -9, 12, 10),
        new InputRange(NonlinearFunction.TANH, "head.tanh", -3, 3, 10));
    CalibratedApproximations.Result r = CalibratedApproximations.fromRanges(ranges, 1.5,
        Set.of(NonlinearFunction.STEP));
    ApproximateNonlinearities a = r.nonlinearities();
    // Inside the sign's gap the approximate step is far from 0 or 1; kept exact it is the step.
    assertEquals(1.0, a.apply(NonlinearFunction.STEP, "layer0.ffn", 0.01));
    assertEquals(0.0, a.apply(NonlinearFunction.STEP, "layer1.ffn", -0.01));
    double tanh = a.apply(NonlinearFunction.TANH, "head.tanh", 0.7);
    assertNotEquals(Math.tanh(0.7), tanh, "tanh is still the polynomial");
    assertEquals(Math.tanh(0.7), tanh, 1e-8);
    for (CalibratedApproximations.Choice c : r.choices()) {
      assertEquals(c.function() == NonlinearFunction.STEP, c.depth() == 0, c.toString());
    }
    double approxStep = CalibratedApproximations.fromRanges(ranges, 1.5).nonlinearities()
        .apply(NonlinearFunction.STEP, "layer0.ffn", 0.01);
    assertTrue(approxStep > 0.1 && approxStep < 0.9, "approximate step in the gap: " + approxStep);
  }

  @Test
  void geluAndBadMarginsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> CalibratedApproximations.fromRanges(
        List.of(new InputRange(NonlinearFunction.GELU, "layer0.ffn", -3, 3, 1)), 1.5));
    assertThrows(IllegalArgumentException.class,
        () -> CalibratedApproximations.fromRanges(List.of(), 0.5));
  }

  @Test
  void rangeTableRoundTripsAndNamesBadLines() {
    List<InputRange> ranges = List.of(
        new InputRange(NonlinearFunction.EXP, "layer1.attention.exp", -10000.5, -1e-3, 42),
        new InputRange(NonlinearFunction.INV_SQRT, "final.ln", 0.1, 3.25, 7));
    assertEquals(ranges, InputRangeTable.parse(InputRangeTable.format(ranges), "t"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InputRangeTable.parse("# c\nEXP\tx\t1\n", "f.tsv"));
    assertTrue(e.getMessage().contains("f.tsv line 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> InputRangeTable.parse("EXP\tx\t2\t1\t3\n", "f.tsv"));
  }

  @Test
  void unionOfTablesCoversEverySitesRangeInEveryTable() {
    List<InputRange> seedA = List.of(
        new InputRange(NonlinearFunction.INV_SQRT, "layer4.ln1", 0.2, 3.0, 10),
        new InputRange(NonlinearFunction.EXP, "loss", -7, 0, 5));
    List<InputRange> seedB = List.of(
        new InputRange(NonlinearFunction.EXP, "loss", -9, -1, 4),
        new InputRange(NonlinearFunction.INV_SQRT, "layer4.ln1", 0.5, 4.5, 10),
        new InputRange(NonlinearFunction.TANH, "head", -2, 2, 3),
        new InputRange(NonlinearFunction.STEP, "loss", -1, 1, 2));
    assertEquals(List.of(
        new InputRange(NonlinearFunction.INV_SQRT, "layer4.ln1", 0.2, 4.5, 20),
        new InputRange(NonlinearFunction.EXP, "loss", -9, 0, 9),
        new InputRange(NonlinearFunction.TANH, "head", -2, 2, 3),
        new InputRange(NonlinearFunction.STEP, "loss", -1, 1, 2)),
        InputRangeTable.union(List.of(seedA, seedB)));
    assertEquals(seedA, InputRangeTable.union(List.of(seedA)));
    assertThrows(IllegalArgumentException.class, () -> InputRangeTable.read(List.of()));
  }

  @Test
  void modelInApproximationModeStaysCloseToExactMode() {
    BertConfig config = new BertConfig(50, 16, 16, 2, 2, 32, FeedForwardKind.RELU_GLU,
        AttentionKind.GAUSSIAN_KERNEL, NormPlacement.PRE, false, 1e-5, -10000.0, 4, 8, 2,
        LoraConfig.paper(), MlmDecoderKind.NONE);
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 5);
    double[] p = bert.parameters().data();
    Random rnd = new Random(6);
    for (int i = 0; i < p.length; i++) {
      p[i] += 0.2 * rnd.nextGaussian();
    }
    int b = 4;
    int t = 16;
    int[] tokens = new int[b * t];
    int[] mask = new int[b * t];
    for (int i = 0; i < b * t; i++) {
      tokens[i] = rnd.nextInt(50);
      mask[i] = i % t < 10 + i / t ? 1 : 0;
    }
    TokenBatch batch = new TokenBatch(b, t, tokens, mask);
    RecordingNonlinearities rec = new RecordingNonlinearities(Nonlinearities.exact());
    bert.setNonlinearities(rec);
    double[] exact = bert.classify(batch).toArray();
    CalibratedApproximations.Result r = CalibratedApproximations.fromRanges(rec.ranges(), 1.5);
    bert.setNonlinearities(r.nonlinearities());
    Matrix approx = bert.classify(batch);
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < exact.length; i++) {
      scale = Math.max(scale, Math.abs(exact[i]));
      diff = Math.max(diff, Math.abs(exact[i] - approx.data()[approx.offset() + i]));
    }
    assertTrue(scale > 1e-3, "logits not trivially small: " + scale);
    assertTrue(diff < 0.05 * scale, "max logit difference " + diff + " vs scale " + scale);
    assertTrue(diff > 0, "approximation mode really evaluates other functions");
    assertTrue(r.violations().isEmpty(), "recorded ranges cover the same inputs");
  }
}
