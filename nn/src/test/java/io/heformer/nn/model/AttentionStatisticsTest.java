package io.heformer.nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** {@link AttentionStatistics} on models whose attention rows are known in closed form. */
class AttentionStatisticsTest {

  /** Two sequences of T = 6 with 5 and 3 real tokens. */
  private static final TokenBatch BATCH = new TokenBatch(2, 6,
      new int[] {1, 4, 2, 7, 3, 0, 1, 5, 6, 0, 0, 0},
      new int[] {1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0});

  /** A tiny model whose query and key projections are zero, so every q and k is 0. */
  private static Bert blindModel(AttentionKind kind) {
    Bert bert = new Bert(BertGradientTest.tiny(kind, FeedForwardKind.RELU_GLU, NormPlacement.PRE,
        true, 2));
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 5);
    for (int l = 0; l < bert.config().layers(); l++) {
      for (String p : new String[] {"query", "key"}) {
        bert.parameters().get("layer" + l + ".attention." + p + ".weight").zero();
        bert.parameters().get("layer" + l + ".attention." + p + ".bias").zero();
      }
    }
    return bert;
  }

  // With q = k = 0 every real key scores exp(0) = 1 under the Gaussian kernel and 1/n under
  // softmax; padded keys are masked. Query rows: (5 + 3) real tokens x 2 heads = 16; mean real
  // keys per row (5 x 5 + 3 x 3) / 8 = 4.25.
  @Test
  void gaussianKernelRowsOfEqualScoresHaveMassAndEffectiveKeysEqualToTheirLength() {
    Bert bert = blindModel(AttentionKind.GAUSSIAN_KERNEL);
    AttentionStatistics stats = new AttentionStatistics(bert.config().layers());
    stats.add(bert, BATCH);
    for (int l = 0; l < stats.layers(); l++) {
      AttentionStatistics.Layer s = stats.layer(l);
      assertEquals(16, s.rows());
      assertEquals(4.25, s.realKeys(), 1e-12);
      assertEquals(4.25, s.rowMass(), 1e-9);
      assertEquals(1.0, s.rowMax(), 1e-9);
      assertEquals(4.25, s.effectiveKeys(), 1e-9);
    }
  }

  @Test
  void softmaxRowsOfEqualScoresHaveUnitMassAndTheSameEffectiveKeys() {
    Bert bert = blindModel(AttentionKind.SOFTMAX);
    AttentionStatistics stats = new AttentionStatistics(bert.config().layers());
    stats.add(bert, BATCH);
    stats.add(bert, BATCH);
    AttentionStatistics.Layer s = stats.layer(1);
    assertEquals(32, s.rows());
    assertEquals(1.0, s.rowMass(), 1e-9);
    // (5 rows x 1/5 + 3 rows x 1/3) / 8 per head
    assertEquals(0.25, s.rowMax(), 1e-9);
    assertEquals(4.25, s.effectiveKeys(), 1e-9);
  }

  @Test
  void trainedScoresLieBetweenOneKeyAndAllRealKeys() {
    Bert bert = new Bert(BertGradientTest.tiny(AttentionKind.SOFTMAX, FeedForwardKind.RELU_GLU,
        NormPlacement.PRE, true, 2));
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 5);
    AttentionStatistics stats = new AttentionStatistics(bert.config().layers());
    stats.add(bert, BATCH);
    AttentionStatistics.Layer s = stats.layer(0);
    assertTrue(s.effectiveKeys() >= 1 && s.effectiveKeys() <= s.realKeys(), s.toString());
    assertTrue(s.rowMax() >= 1 / s.realKeys() && s.rowMax() <= 1, s.toString());
  }

  @Test
  void refusesAModelOfAnotherDepthAndReportsNothingBeforeRowsAreAdded() {
    Bert bert = blindModel(AttentionKind.GAUSSIAN_KERNEL);
    AttentionStatistics three = new AttentionStatistics(3);
    assertThrows(IllegalArgumentException.class, () -> three.add(bert, BATCH));
    assertThrows(IllegalStateException.class, () -> three.layer(0));
    assertThrows(IllegalArgumentException.class, () -> new AttentionStatistics(0));
  }
}
