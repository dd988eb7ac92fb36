package io.heformer.nn.layers;

import static io.heformer.nn.testing.GradientCheck.assertClose;
import static io.heformer.nn.testing.GradientCheck.numerical;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.tensor.Matrix;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finite-difference checks of every layer's backward against its forward, with the scalar loss
 * {@code L = sum(R * out)} for a fixed random R (so {@code dOut = R}).
 */
class LayerGradientTest {

  private static final double TOL = 1e-7;
  private static final Nonlinearities NL = Nonlinearities.exact();
  private final Random rnd = new Random(42);

  private Matrix random(int rows, int cols, double scale) {
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.data()[i] = scale * rnd.nextGaussian();
    }
    return m;
  }

  private static double dot(Matrix a, Matrix b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) {
      s += a.data()[a.offset() + i] * b.data()[b.offset() + i];
    }
    return s;
  }

  /** Checks the gradient stored in {@code grad} against differences of {@code loss} in x. */
  private static void check(String what, Matrix x, Matrix grad, DoubleSupplier loss) {
    assertClose(what, grad.toArray(), numerical(x.data(), x.offset(), x.size(), loss), TOL);
  }

  @Test
  void linearAndLoraLinear() {
    Matrix in = random(5, 4, 1);
    Matrix w = random(4, 3, 1);
    Matrix bias = random(1, 3, 1);
    Matrix a = random(4, 2, 1);
    Matrix b = random(2, 3, 1);
    Matrix r = random(5, 3, 1);
    Matrix out = Matrix.zeros(5, 3);
    Matrix xa = Matrix.zeros(5, 2);
    double scale = 0.7;
    DoubleSupplier loss = () -> {
      LoraLinear.forward(out, xa, in, w, bias, a, b, scale);
      return dot(out, r);
    };
    loss.getAsDouble();
    Matrix dIn = Matrix.zeros(5, 4);
    Matrix dW = Matrix.zeros(4, 3);
    Matrix dBias = Matrix.zeros(1, 3);
    Matrix dA = Matrix.zeros(4, 2);
    Matrix dB = Matrix.zeros(2, 3);
    LoraLinear.backward(dIn, dW, dBias, dA, dB, Matrix.zeros(5, 2), r, in, xa, w, a, b, scale);
    check("lora dIn", in, dIn, loss);
    check("lora dW", w, dW, loss);
    check("lora dBias", bias, dBias, loss);
    check("lora dA", a, dA, loss);
    check("lora dB", b, dB, loss);
    // Plain Linear: the same layer without adapter.
    DoubleSupplier plain = () -> {
      Linear.forward(out, in, w, bias);
      return dot(out, r);
    };
    Matrix dIn2 = Matrix.zeros(5, 4);
    Matrix dW2 = Matrix.zeros(4, 3);
    Matrix dBias2 = Matrix.zeros(1, 3);
    Linear.backward(dIn2, dW2, dBias2, r, in, w);
    check("linear dIn", in, dIn2, plain);
    check("linear dW", w, dW2, plain);
    check("linear dBias", bias, dBias2, plain);
  }

  @Test
  void layerNorm() {
    Matrix in = random(4, 6, 2);
    for (int i = 0; i < in.size(); i++) {
      in.data()[i] += 5; // large mean: the two-pass variance must not cancel
    }
    Matrix gamma = random(1, 6, 1);
    Matrix beta = random(1, 6, 1);
    Matrix r = random(4, 6, 1);
    Matrix out = Matrix.zeros(4, 6);
    Matrix y = Matrix.zeros(4, 6);
    Matrix rstd = Matrix.zeros(4, 1);
    DoubleSupplier loss = () -> {
      LayerNorm.forward(out, y, rstd, in, gamma, beta, 1e-5, NL, "t");
      return dot(out, r);
    };
    loss.getAsDouble();
    Matrix dIn = Matrix.zeros(4, 6);
    Matrix dG = Matrix.zeros(1, 6);
    Matrix dB = Matrix.zeros(1, 6);
    LayerNorm.backward(dIn, dG, dB, r, y, rstd, gamma);
    check("ln dIn", in, dIn, loss);
    check("ln dGamma", gamma, dG, loss);
    check("ln dBeta", beta, dB, loss);
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void attentionWithPaddingMask(AttentionKind kind) {
    int batch = 2;
    int t = 4;
    int heads = 2;
    int c = 6;
    Matrix q = random(batch * t, c, 0.8);
    Matrix k = random(batch * t, c, 0.8);
    Matrix v = random(batch * t, c, 1);
    Matrix mask = Matrix.zeros(batch, t);
    mask.set(1, 3, -10000); // example 1 has a padded last key
    mask.set(1, 2, -10000);
    Matrix r = random(batch * t, c, 1);
    Matrix out = Matrix.zeros(batch * t, c);
    Matrix scores = Matrix.zeros(batch * heads * t, t);
    Matrix scratch = Matrix.zeros(batch * heads * t, 1);
    DoubleSupplier loss = () -> {
      Attention.forward(out, scores, scratch, q, k, v, mask, heads, kind, NL, "t");
      return dot(out, r);
    };
    loss.getAsDouble();
    Matrix dq = Matrix.zeros(batch * t, c);
    Matrix dk = Matrix.zeros(batch * t, c);
    Matrix dv = Matrix.zeros(batch * t, c);
    Attention.backward(dq, dk, dv, Matrix.zeros(batch * heads * t, t), r, q, k, v, scores, batch,
        heads, kind);
    check(kind + " dq", q, dq, loss);
    check(kind + " dk", k, dk, loss);
    check(kind + " dv", v, dv, loss);
  }

  @Test
  void reluGluReluAndGelu() {
    Matrix in = random(3, 8, 1);
    Matrix r = random(3, 4, 1);
    Matrix out = Matrix.zeros(3, 4);
    Matrix step = Matrix.zeros(3, 4);
    DoubleSupplier glu = () -> {
      ReluGlu.forward(out, step, in, NL, "t");
      return dot(out, r);
    };
    glu.getAsDouble();
    Matrix dIn = Matrix.zeros(3, 8);
    ReluGlu.backward(dIn, r, in, step);
    check("relu-glu", in, dIn, glu);

    Matrix x = random(3, 4, 1.5);
    Matrix o = Matrix.zeros(3, 4);
    Matrix aux = Matrix.zeros(3, 4);
    DoubleSupplier relu = () -> {
      Relu.forward(o, aux, x, NL, "t");
      return dot(o, r);
    };
    relu.getAsDouble();
    Matrix dx = Matrix.zeros(3, 4);
    Relu.backward(dx, r, aux);
    check("relu", x, dx, relu);

    DoubleSupplier gelu = () -> {
      Gelu.forward(o, aux, x, NL, "t");
      return dot(o, r);
    };
    gelu.getAsDouble();
    Matrix dg = Matrix.zeros(3, 4);
    Gelu.backward(dg, r, aux);
    check("gelu", x, dg, gelu);
  }

  @ParameterizedTest
  @EnumSource(Pooling.class)
  void classifierHeadWithTanh(Pooling pooling) {
    int batch = 2;
    int t = 3;
    int[] tokenMask = {1, 1, 0, 1, 1, 1};
    Matrix hidden = random(batch * t, 5, 1);
    Matrix a = random(5, 3, 0.7);
    Matrix b = random(3, 4, 0.7);
    Matrix wc = random(4, 2, 1);
    Matrix r = random(batch, 2, 1);
    Matrix logits = Matrix.zeros(batch, 2);
    Matrix pooled = Matrix.zeros(batch, 5);
    Matrix z = Matrix.zeros(batch, 3);
    Matrix th = Matrix.zeros(batch, 4);
    DoubleSupplier loss = () -> {
      ClassifierHead.forward(logits, pooled, z, th, hidden, t, pooling, tokenMask, a, b, wc, NL,
          "t");
      return dot(logits, r);
    };
    loss.getAsDouble();
    double expected = pooling == Pooling.CLS ? hidden.get(0, 1)
        : (hidden.get(0, 1) + hidden.get(1, 1)) / 2;
    assertEquals(expected, pooled.get(0, 1), 1e-15, "example 0's pooled column 1");
    Matrix dH = Matrix.zeros(batch * t, 5);
    Matrix dA = Matrix.zeros(5, 3);
    Matrix dB = Matrix.zeros(3, 4);
    Matrix dW = Matrix.zeros(4, 2);
    ClassifierHead.backward(dH, dA, dB, dW, Matrix.zeros(batch, 4), Matrix.zeros(batch, 3),
        Matrix.zeros(batch, 5), r, t, pooling, tokenMask, pooled, z, th, a, b, wc);
    check("head dHidden", hidden, dH, loss);
    check("head dA", a, dA, loss);
    check("head dB", b, dB, loss);
    check("head dWcls", wc, dW, loss);
  }

  @Test
  void crossEntropyAndMse() {
    Matrix logits = random(4, 3, 2);
    int[] labels = {0, 2, 1, 2};
    Matrix probs = Matrix.zeros(4, 3);
    DoubleSupplier ce = () -> CrossEntropy.forward(probs, logits, labels, NL, "e", "r");
    ce.getAsDouble();
    Matrix dz = Matrix.zeros(4, 3);
    CrossEntropy.backward(dz, probs, labels, 1.0 / 4);
    check("cross-entropy", logits, dz, ce);

    Matrix pred = random(4, 1, 1);
    double[] targets = {0.5, -1, 2, 0};
    DoubleSupplier mse = () -> MeanSquaredError.forward(pred, targets);
    Matrix dp = Matrix.zeros(4, 1);
    MeanSquaredError.backward(dp, pred, targets, 1.0 / 4);
    check("mse", pred, dp, mse);
  }

  @Test
  void embeddingAndMaskedLmDecoder() {
    int t = 3;
    int[] tokens = {1, 4, 1, 0, 2, 4};
    Matrix word = random(5, 4, 1);
    Matrix pos = random(3, 4, 1);
    Matrix r = random(6, 4, 1);
    Matrix out = Matrix.zeros(6, 4);
    DoubleSupplier emb = () -> {
      Embedding.forward(out, tokens, t, word, pos);
      return dot(out, r);
    };
    Matrix dWord = Matrix.zeros(5, 4);
    Matrix dPos = Matrix.zeros(3, 4);
    Embedding.backward(dWord, dPos, r, tokens, t);
    check("embedding word", word, dWord, emb);
    check("embedding position", pos, dPos, emb);

    Matrix hidden = random(6, 4, 1);
    int[] positions = {1, 4, 5};
    Matrix rl = random(3, 5, 1);
    Matrix logits = Matrix.zeros(3, 5);
    Matrix gathered = Matrix.zeros(3, 4);
    DoubleSupplier dec = () -> {
      MaskedLmDecoder.forward(logits, gathered, hidden, positions, word);
      return dot(logits, rl);
    };
    dec.getAsDouble();
    Matrix dH = Matrix.zeros(6, 4);
    Matrix dD = Matrix.zeros(5, 4);
    MaskedLmDecoder.backward(dH, dD, Matrix.zeros(3, 4), rl, positions, gathered, word);
    check("mlm dHidden", hidden, dH, dec);
    check("mlm dDecoder", word, dD, dec);
  }
}
