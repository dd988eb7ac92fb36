package io.heformer.nn.nonlinear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.junit.jupiter.api.Test;

/** Exact, approximate and recording non-linearities, and approximation mode of the model. */
class NonlinearitiesTest {

  @Test
  void erfAndGeluMatchKnownValues() {
    // erf(1), erf(0.5), erf(2.5): published values to 16 digits.
    assertEquals(0.8427007929497149, Gaussian.erf(1.0), 1e-15);
    assertEquals(0.5204998778130465, Gaussian.erf(0.5), 1e-15);
    assertEquals(0.9995930479825550, Gaussian.erf(2.5), 1e-15);
    assertEquals(-0.8427007929497149, Gaussian.erf(-1.0), 1e-15);
    // Upper tail keeps relative accuracy: erfc(5) = 1.5374597944280349e-12.
    assertEquals(1.5374597944280349e-12, Gaussian.erfc(5.0), 1e-25);
    // GELU'(x) is the derivative of GELU(x).
    double h = 1e-6;
    for (double x : new double[] {-3, -0.7, 0.2, 1.9}) {
      double fd = (NonlinearFunction.GELU.exact(x + h) - NonlinearFunction.GELU.exact(x - h))
          / (2 * h);
      assertEquals(fd, NonlinearFunction.GELU_DERIVATIVE.exact(x), 1e-8);
    }
  }

  @Test
  void approximateUsesSiteOverridesThenFunctionEvaluatorsAndRefusesMissingOnes() {
    ApproximateNonlinearities nl = ApproximateNonlinearities.builder()
        .function(NonlinearFunction.TANH, x -> 2 * x)
        .site(NonlinearFunction.TANH, "special", x -> 3 * x)
        .build();
    assertEquals(2.0, nl.apply(NonlinearFunction.TANH, "any", 1.0), 0);
    assertEquals(3.0, nl.apply(NonlinearFunction.TANH, "special", 1.0), 0);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> nl.apply(NonlinearFunction.EXP, "layer0.attention.exp", 1.0));
    assertTrue(e.getMessage().contains("EXP") && e.getMessage().contains("layer0.attention.exp"));
  }

  static BertConfig config() {
    return new BertConfig(20, 8, 16, 2, 2, 32, FeedForwardKind.RELU_GLU,
        AttentionKind.GAUSSIAN_KERNEL, NormPlacement.PRE, false, 1e-5, -10000.0, 4, 8, 2,
        LoraConfig.paper(), MlmDecoderKind.NONE);
  }

  static TokenBatch batch() {
    int[] tokens = {1, 5, 9, 13, 0, 0, 0, 0, 1, 7, 7, 19, 4, 11, 0, 0};
    int[] mask = {1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0};
    return new TokenBatch(2, 8, tokens, mask);
  }

  @Test
  void recordingReportsEverySiteOfTheModel() {
    Bert bert = new Bert(config());
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 2);
    RecordingNonlinearities rec = new RecordingNonlinearities(Nonlinearities.exact());
    bert.setNonlinearities(rec);
    bert.classify(batch());
    bert.classificationLoss(new int[] {0, 1});
    for (String site : new String[] {Sites.EMBEDDING_LN, "layer0.ln1", "layer1.ln2",
        Sites.FINAL_LN}) {
      InputRange r = rec.range(NonlinearFunction.INV_SQRT, site);
      assertNotNull(r, site);
      assertTrue(r.min() > 0 && r.max() >= r.min(), site + " " + r);
      assertEquals(16, r.count(), site); // one variance per token row
    }
    InputRange exp = rec.range(NonlinearFunction.EXP, "layer1.attention.exp");
    // Gaussian-kernel inputs are -||q-k||^2/16 + mask <= 0; padded keys reach the -10000 mask.
    assertTrue(exp.max() <= 1e-12 && exp.min() < -9000, exp.toString());
    assertEquals(2L * 2 * 8 * 8, exp.count());
    assertNotNull(rec.range(NonlinearFunction.STEP, "layer0.ffn"));
    assertNotNull(rec.range(NonlinearFunction.TANH, Sites.HEAD_TANH));
    assertNotNull(rec.range(NonlinearFunction.RECIPROCAL, Sites.LOSS_RECIPROCAL));
  }

  @Test
  void approximationModeWithThePapersExpStaysCloseToExactMode() {
    Bert bert = new Bert(config());
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 2);
    Matrix exact = bert.classify(batch());
    double[] e = exact.toArray();
    // exp(x) ~ (1 + x / 2^k)^(2^k), k = 14 (paper §8), evaluated by k squarings; the base is
    // clamped at 0 as the encrypted path's input interval guarantees x > -2^(k+1).
    int k = 14;
    ApproximateNonlinearities approx = ApproximateNonlinearities.builder()
        .function(NonlinearFunction.EXP, x -> {
          double y = Math.max(0, 1 + x / (1 << k));
          for (int i = 0; i < k; i++) {
            y *= y;
          }
          return y;
        })
        .exactFallback(true)
        .build();
    bert.setNonlinearities(approx);
    double[] a = bert.classify(batch()).toArray();
    double maxRel = 0;
    for (int i = 0; i < e.length; i++) {
      maxRel = Math.max(maxRel, Math.abs(a[i] - e[i]) / Math.max(1e-12, Math.abs(e[i])));
      assertTrue(a[i] != e[i] || e[i] == 0, "approximation must actually be used");
    }
    assertTrue(maxRel < 1e-3, "relative logit change " + maxRel);
  }
}
