package io.heformer.nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import io.heformer.nn.layers.Pooling;
import io.heformer.nn.tensor.Matrix;
import io.heformer.nn.testing.GradientCheck;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference check of the whole model: every trainable parameter's gradient (embeddings,
 * LayerNorms, projections, LoRA, feed-forward, head) against central differences of the loss.
 */
class BertGradientTest {

  static BertConfig tiny(AttentionKind att, FeedForwardKind ffn, NormPlacement norm, boolean bias,
      int classes) {
    return new BertConfig(11, 6, 8, 2, 2, 12, ffn, att, norm, bias, 1e-5, -10000.0, 3, 5,
        classes, new LoraConfig(2, 3.0, EnumSet.allOf(LoraTarget.class)),
        MlmDecoderKind.NONE);
  }

  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of(AttentionKind.GAUSSIAN_KERNEL, FeedForwardKind.RELU_GLU, NormPlacement.PRE,
            false, 3, Pooling.CLS),
        Arguments.of(AttentionKind.SOFTMAX, FeedForwardKind.RELU_GLU, NormPlacement.PRE, false, 2,
            Pooling.MEAN),
        Arguments.of(AttentionKind.GAUSSIAN_KERNEL, FeedForwardKind.GELU_MLP, NormPlacement.POST,
            true, 2, Pooling.CLS),
        Arguments.of(AttentionKind.SOFTMAX, FeedForwardKind.RELU_MLP, NormPlacement.POST, true,
            1, Pooling.MEAN));
  }

  /** Random parameters with LoRA B non-zero (else A's gradient would vanish) and padding. */
  static Bert randomModel(BertConfig config, long seed) {
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), seed);
    Random r = new Random(seed + 1);
    double[] p = bert.parameters().data();
    for (ParameterLayout.Entry e : bert.parameters().layout().entries()) {
      for (int i = e.offset(); i < e.offset() + e.size(); i++) {
        if (e.name().endsWith(".gamma")) {
          p[i] = 1 + 0.3 * r.nextGaussian();
        } else {
          // Larger than the 0.02 init so that every path contributes visibly to the loss.
          p[i] = 0.4 * r.nextGaussian();
        }
      }
    }
    return bert;
  }

  /** A random model whose encoder alone is trained. */
  private static Bert encoderOnly(BertConfig config, long seed) {
    Bert bert = randomModel(config, seed);
    bert.setTrainable(EnumSet.of(ParameterGroup.ENCODER));
    return bert;
  }

  static TokenBatch batch(BertConfig config, long seed) {
    Random r = new Random(seed);
    int b = 3;
    int t = 5;
    int[] tokens = new int[b * t];
    int[] mask = new int[b * t];
    int[] lengths = {5, 3, 4};
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < t; j++) {
        tokens[i * t + j] = r.nextInt(config.vocabSize());
        mask[i * t + j] = j < lengths[i] ? 1 : 0;
      }
    }
    return new TokenBatch(b, t, tokens, mask);
  }

  @ParameterizedTest(name = "{0} {1} {2} bias={3} classes={4} {5}")
  @MethodSource("configs")
  void everyParameterMatchesFiniteDifferences(AttentionKind att, FeedForwardKind ffn,
      NormPlacement norm, boolean bias, int classes, Pooling pooling) {
    BertConfig config = tiny(att, ffn, norm, bias, classes).withPooling(pooling);
    Bert bert = randomModel(config, 7);
    TokenBatch batch = batch(config, 11);
    int[] labels = {0, classes - 1, 1 % classes};
    double[] targets = {0.3, -1.2, 2.0};
    java.util.function.DoubleSupplier loss = () -> {
      bert.classify(batch);
      return classes == 1 ? bert.regressionLoss(targets) : bert.classificationLoss(labels);
    };
    bert.zeroGradients();
    loss.getAsDouble();
    bert.backward();
    double[] analytic = bert.gradients().data().clone();
    int checked = 0;
    for (ParameterLayout.Entry e : bert.parameters().layout().entries()) {
      double[] num = GradientCheck.numerical(bert.parameters().data(), e.offset(), e.size(), loss);
      double[] ana = java.util.Arrays.copyOfRange(analytic, e.offset(), e.offset() + e.size());
      if (e.name().equals("embedding.position")) {
        // Rows past the batch's sequence length are never used: zero both ways.
        num = java.util.Arrays.copyOf(num, batch.seqLen() * config.width());
        ana = java.util.Arrays.copyOf(ana, batch.seqLen() * config.width());
      }
      if (att == AttentionKind.SOFTMAX && e.name().endsWith("attention.key.bias")) {
        // Softmax is invariant to adding q_i . b to a whole row: the key bias has zero gradient.
        for (int i = 0; i < ana.length; i++) {
          org.junit.jupiter.api.Assertions.assertEquals(0.0, ana[i], 1e-12, e.name());
          org.junit.jupiter.api.Assertions.assertEquals(0.0, num[i], 1e-8, e.name());
        }
      } else {
        GradientCheck.assertClose(e.name(), ana, num, 1e-6);
      }
      checked++;
    }
    assertEquals(bert.parameters().layout().entries().size(), checked);
  }

  /**
   * The encoder's backward with gradients injected at every block's output: the loss {@code
   * sum_l <R_l, layerOutput(l)> + <R, hidden>} is linear in the activations, so its parameter
   * gradient must match central differences.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("configs")
  void blockOutputGradientsMatchFiniteDifferences(AttentionKind att, FeedForwardKind ffn,
      NormPlacement norm, boolean bias, int classes, Pooling unusedWithoutHead) {
    Bert bert = encoderOnly(tiny(att, ffn, norm, bias, 0), 3);
    BertConfig config = bert.config();
    TokenBatch batch = batch(config, 5);
    Random r = new Random(9);
    int n = batch.rows();
    int c = config.width();
    Matrix dHidden = Matrix.zeros(n, c);
    Matrix[] dBlocks = new Matrix[config.layers()];
    for (int l = 0; l < dBlocks.length; l++) {
      dBlocks[l] = Matrix.zeros(n, c);
    }
    for (Matrix m : List.of(dHidden, dBlocks[0], dBlocks[1])) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < c; j++) {
          m.set(i, j, batch.mask()[i] == 1 ? r.nextGaussian() : 0);
        }
      }
    }
    java.util.function.DoubleSupplier loss = () -> {
      double s = dot(bert.encode(batch), dHidden);
      for (int l = 0; l < dBlocks.length; l++) {
        s += dot(bert.layerOutput(l), dBlocks[l]);
      }
      return s;
    };
    bert.zeroGradients();
    bert.encode(batch);
    bert.backwardEncoder(dHidden, dBlocks);
    double[] analytic = bert.gradients().data().clone();
    for (String name : new String[] {"layer0.attention.query.weight", "layer0.ffn.in.weight",
        "layer1.ln2.gamma", "embedding.word"}) {
      ParameterLayout.Entry e = bert.parameters().layout().get(name);
      double[] num = GradientCheck.numerical(bert.parameters().data(), e.offset(), e.size(), loss);
      GradientCheck.assertClose(name, java.util.Arrays.copyOfRange(analytic, e.offset(),
          e.offset() + e.size()), num, 1e-6);
    }
  }

  /**
   * Teacher forcing: run on the model's own block inputs, {@code forwardBlocks} reproduces
   * {@code encode}'s block outputs; run on other inputs, {@code backwardBlocks}' parameter
   * gradients of {@code sum_l <R_l, layerOutput(l)>} match central differences, with the inputs
   * held fixed, and the embeddings get none.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("configs")
  void teacherForcedBlocksMatchEncodeAndFiniteDifferences(AttentionKind att, FeedForwardKind ffn,
      NormPlacement norm, boolean bias, int classes, Pooling unusedWithoutHead) {
    Bert bert = encoderOnly(tiny(att, ffn, norm, bias, 0), 4);
    int layers = bert.config().layers();
    int width = bert.config().width();
    TokenBatch batch = batch(bert.config(), 6);
    Matrix[] inputs = new Matrix[layers];
    double[][] outputs = new double[layers][];
    bert.encode(batch);
    for (int l = 0; l < layers; l++) {
      inputs[l] = new Matrix(bert.layerInput(l).toArray(), 0,
          batch.rows(), width);
      outputs[l] = bert.layerOutput(l).toArray();
    }
    bert.forwardBlocks(batch, inputs);
    for (int l = 0; l < layers; l++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(outputs[l],
          bert.layerOutput(l).toArray(), 0.0, "block " + l + " on its own input");
    }
    Random r = new Random(10);
    Matrix[] dBlocks = new Matrix[layers];
    for (int l = 0; l < layers; l++) {
      dBlocks[l] = Matrix.zeros(batch.rows(), width);
      for (int i = 0; i < batch.rows(); i++) {
        for (int j = 0; j < width; j++) {
          // inputs unlike the block below's outputs, as another model's would be
          inputs[l].set(i, j, inputs[l].get(i, j) + 0.5 * r.nextGaussian());
          dBlocks[l].set(i, j, batch.mask()[i] == 1 ? r.nextGaussian() : 0);
        }
      }
    }
    java.util.function.DoubleSupplier loss = () -> {
      bert.forwardBlocks(batch, inputs);
      double s = 0;
      for (int l = 0; l < layers; l++) {
        s += dot(bert.layerOutput(l), dBlocks[l]);
      }
      return s;
    };
    bert.zeroGradients();
    loss.getAsDouble();
    bert.backwardBlocks(dBlocks, null);
    double[] analytic = bert.gradients().data().clone();
    int checked = 0;
    for (ParameterLayout.Entry e : bert.parameters().layout().entries()) {
      if (e.group() != ParameterGroup.ENCODER) {
        continue;
      }
      double[] ana = java.util.Arrays.copyOfRange(analytic, e.offset(), e.offset() + e.size());
      if (!e.name().startsWith("layer")) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[e.size()], ana, 0.0,
            e.name() + " lies outside the forced blocks");
        continue;
      }
      double[] num = GradientCheck.numerical(bert.parameters().data(), e.offset(), e.size(), loss);
      if (att == AttentionKind.SOFTMAX && e.name().endsWith("attention.key.bias")) {
        // softmax ignores a shift of a whole row: the key bias has no gradient (see above)
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[e.size()], num, 1e-8);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[e.size()], ana, 1e-12);
        continue;
      }
      GradientCheck.assertClose(e.name(), ana, num, 1e-6);
      checked++;
    }
    org.junit.jupiter.api.Assertions.assertTrue(checked >= 2 * 8, "block tensors checked: "
        + checked);
  }

  private static double dot(Matrix a, Matrix b) {
    double s = 0;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        s += a.get(i, j) * b.get(i, j);
      }
    }
    return s;
  }
}
