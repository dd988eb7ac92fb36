package io.heformer.nn.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building blocks of the oracle forward pass, on values known independently. */
class ReferenceBertForwardTest {

  @Test
  void erfMatchesTabulatedValues() {
    // Known values of erf to 16 digits; the series is accurate to a few ulps.
    assertEquals(0.5204998778130465, ReferenceBertForward.erf(0.5), 1e-15);
    assertEquals(0.8427007929497149, ReferenceBertForward.erf(1.0), 1e-15);
    assertEquals(0.9953222650189527, ReferenceBertForward.erf(2.0), 1e-15);
    assertEquals(-0.8427007929497149, ReferenceBertForward.erf(-1.0), 1e-15);
    assertEquals(1.0, ReferenceBertForward.erf(7.0));
    assertEquals(0.0, ReferenceBertForward.erf(0.0));
  }

  @Test
  void geluErfForm() {
    // GELU(1) = 0.5 (1 + erf(1/sqrt 2)) = 0.5 (1 + 0.6826894921370859) = 0.8413447460685429.
    assertEquals(0.8413447460685429, ReferenceBertForward.gelu(1.0), 1e-15);
    // GELU(x) - GELU(-x) = x.
    assertEquals(2.5, ReferenceBertForward.gelu(2.5) - ReferenceBertForward.gelu(-2.5), 1e-15);
  }

  @Test
  void zeroLayerEncoderIsNormalisedEmbeddings() {
    // One layer with all-zero attention/FFN weights: each block adds only its biases (zero),
    // so the output is LN(LN(LN(embedding))) = LN(embedding) with gamma 1, beta 0.
    PretrainedBertConfig c = new PretrainedBertConfig(1, 4, 2, 8, 5, 6, 2, 1e-12);
    Map<String, WeightTensor> w = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : PretrainedBert.expectedShapes(c).entrySet()) {
      int n = 1;
      for (int d : e.getValue()) {
        n *= d;
      }
      double[] data = new double[n];
      if (e.getKey().endsWith("gamma")) {
        java.util.Arrays.fill(data, 1);
      }
      if (e.getKey().equals("embeddings.word")) {
        for (int i = 0; i < n; i++) {
          data[i] = i % 4 == 0 ? 3 : -1; // every row: (3, -1, -1, -1), mean 0, variance 3
        }
      }
      w.put(e.getKey(), new WeightTensor(e.getKey(), e.getValue(), data));
    }
    PretrainedBert m = new PretrainedBert(c, w);
    double[][] h = ReferenceBertForward.lastHiddenState(m, new int[] {1, 2}, new int[] {1, 0}, new int[] {0, 1});
    double s = Math.sqrt(3);
    for (double[] row : h) {
      assertEquals(3 / s, row[0], 1e-9);
      assertEquals(-1 / s, row[1], 1e-9);
    }
    assertThrows(IllegalArgumentException.class,
        () -> ReferenceBertForward.lastHiddenState(m, new int[] {5}, new int[] {1}, new int[] {0}));
    assertThrows(IllegalArgumentException.class,
        () -> ReferenceBertForward.lastHiddenState(m, new int[] {1}, new int[] {0}, new int[] {0}));
  }
}
