package io.heformer.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.heformer.nn.model.ParameterLayout;
import io.heformer.nn.model.TokenBatch;
import io.heformer.nn.optim.AdamW;
import io.heformer.nn.tensor.Matrix;
import io.heformer.nn.testing.GradientCheck;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conversion by distillation on a small model: a Gaussian-kernel + ReLU student started from a
 * softmax + GELU teacher's weights moves towards the teacher's hidden states.
 */
class HiddenStateDistillerTest {

  private static BertConfig config(AttentionKind a, FeedForwardKind f) {
    return new BertConfig(40, 12, 16, 2, 2, 32, f, a, NormPlacement.POST, true, 1e-12, -10000.0,
        4, 16, 0, LoraConfig.none(), MlmDecoderKind.TIED);
  }

  /** A softmax + GELU teacher with perturbed weights. */
  private static Bert teacher() {
    Bert teacher = new Bert(config(AttentionKind.SOFTMAX, FeedForwardKind.GELU_MLP));
    Initializer.initialize(teacher.parameters(), EnumSet.allOf(ParameterGroup.class), 1);
    double[] p = teacher.parameters().data();
    Random r = new Random(2);
    for (int i = 0; i < p.length; i++) {
      p[i] += 0.1 * r.nextGaussian();
    }
    return teacher;
  }

  /** A Gaussian-kernel + ReLU student started from the teacher's weights. */
  private static Bert student(Bert teacher) {
    Bert student = new Bert(config(AttentionKind.GAUSSIAN_KERNEL, FeedForwardKind.RELU_MLP));
    student.parameters().copyMatching(teacher.parameters());
    return student;
  }

  private static List<int[]> sequences() {
    Random r = new Random(3);
    List<int[]> seqs = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      int[] s = new int[6 + r.nextInt(7)];
      for (int j = 0; j < s.length; j++) {
        s[j] = r.nextInt(40);
      }
      seqs.add(s);
    }
    return seqs;
  }

  @Test
  void studentApproachesTeacherAndIdenticalModelsHaveZeroError() {
    Bert teacher = teacher();
    Bert student = student(teacher);
    List<int[]> seqs = sequences();
    Bert twin = new Bert(teacher.config());
    twin.parameters().copyMatching(teacher.parameters());
    assertEquals(0.0, HiddenStateDistiller.relativeError(teacher, twin, seqs, 16), 1e-12);
    double before = HiddenStateDistiller.relativeError(teacher, student, seqs, 16);
    HiddenStateDistiller.Result res = HiddenStateDistiller.train(teacher, student, seqs,
        new HiddenStateDistiller.Options(150, 16, 3e-3, 10, 1.0, AdamW.Hyper.standard(), 3, 1.0,
            0.5),
        ProgressListener.silent());
    double after = HiddenStateDistiller.relativeError(teacher, student, seqs, 16);
    assertEquals(150, res.stepLosses().size());
    assertTrue(before > 0.05, "architectures differ visibly at the start: " + before);
    assertTrue(after < before / 3, "relative error " + before + " -> " + after);
    assertThrows(IllegalArgumentException.class, () -> HiddenStateDistiller.train(teacher,
        student, List.of(), new HiddenStateDistiller.Options(1, 1, 1e-3, 0, 0,
            AdamW.Hyper.standard(), 1, 0, 0), ProgressListener.silent()));
  }

  /**
   * Block-local distillation: each block, run on the teacher's input to it, moves towards the
   * teacher's output of it; the end-to-end error falls too; the embeddings, which get no
   * gradient, are left exactly as they were (no weight decay either).
   */
  @Test
  void blockLocalDistillationTrainsEveryBlockAndLeavesTheEmbeddings() {
    Bert teacher = teacher();
    Bert student = student(teacher);
    List<int[]> seqs = sequences();
    ParameterLayout.Entry word = student.parameters().layout().get("embedding.word");
    double[] embeddings = java.util.Arrays.copyOfRange(student.parameters().data(),
        word.offset(), word.offset() + word.size());
    double[] localBefore = blockErrors(teacher, student, seqs);
    double before = HiddenStateDistiller.relativeError(teacher, student, seqs, 16);
    HiddenStateDistiller.train(teacher, student, seqs,
        new HiddenStateDistiller.Options(150, 16, 3e-3, 10, 1.0, AdamW.Hyper.standard(), 3, 1.0,
            0, 0, true),
        ProgressListener.silent());
    double[] localAfter = blockErrors(teacher, student, seqs);
    double after = HiddenStateDistiller.relativeError(teacher, student, seqs, 16);
    for (int l = 0; l < localBefore.length; l++) {
      assertTrue(localAfter[l] < localBefore[l] / 3, "block " + l + " on the teacher's input: "
          + localBefore[l] + " -> " + localAfter[l]);
    }
    assertTrue(after < before / 2, "end-to-end relative error " + before + " -> " + after);
    org.junit.jupiter.api.Assertions.assertArrayEquals(embeddings, java.util.Arrays.copyOfRange(
        student.parameters().data(), word.offset(), word.offset() + word.size()), 0.0);
  }

  /** Each block's mean squared output error with the teacher's block inputs forced in. */
  private static double[] blockErrors(Bert teacher, Bert student, List<int[]> seqs) {
    int layers = teacher.config().layers();
    double[] err = new double[layers];
    TokenBatch batch = HiddenStateDistiller.pack(seqs, teacher.config().maxSeqLen());
    teacher.encode(batch);
    Matrix[] inputs = new Matrix[layers];
    for (int l = 0; l < layers; l++) {
      inputs[l] = new Matrix(teacher.layerInput(l).toArray(), 0, batch.rows(),
          teacher.config().width());
    }
    student.forwardBlocks(batch, inputs);
    for (int l = 0; l < layers; l++) {
      for (int row = 0; row < batch.rows(); row++) {
        for (int j = 0; j < teacher.config().width() && batch.mask()[row] == 1; j++) {
          double d = student.layerOutput(l).get(row, j) - teacher.layerOutput(l).get(row, j);
          err[l] += d * d;
        }
      }
    }
    return err;
  }

  @Test
  void lossGradientMatchesFiniteDifferencesWithTheSentenceTerm() {
    Random r = new Random(5);
    int b = 3;
    int t = 4;
    int c = 5;
    int[] mask = {1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1};
    TokenBatch batch = new TokenBatch(b, t, new int[b * t], mask);
    Matrix hs = Matrix.zeros(b * t, c);
    double[] target = new double[b * t * c];
    for (int i = 0; i < target.length; i++) {
      hs.data()[hs.rowOffset(0) + i] = r.nextGaussian();
      target[i] = r.nextGaussian();
    }
    for (double w : new double[] {0, 0.7}) {
      Matrix g = Matrix.zeros(b * t, c);
      HiddenStateDistiller.hiddenLoss(hs, target, batch, g, 1, w);
      Matrix scratch = Matrix.zeros(b * t, c);
      double[] numerical = GradientCheck.numerical(hs.data(), hs.rowOffset(0), b * t * c,
          () -> HiddenStateDistiller.hiddenLoss(hs, target, batch, scratch, 1, w));
      GradientCheck.assertClose("dL/dh, sentence weight " + w, g.toArray(), numerical, 1e-6);
      for (int row : new int[] {3, 6, 7}) {
        for (int j = 0; j < c; j++) {
          assertEquals(0.0, g.get(row, j), "padded row " + row + " gets no gradient");
        }
      }
    }
    Matrix g0 = Matrix.zeros(b * t, c);
    Matrix g1 = Matrix.zeros(b * t, c);
    double plain = HiddenStateDistiller.hiddenLoss(hs, target, batch, g0, 1, 0);
    assertTrue(HiddenStateDistiller.hiddenLoss(hs, target, batch, g1, 1, 1) > plain,
        "the sentence term adds to the token error");
  }

  /**
   * The attention-map term through the whole student: its gradient with respect to the weights,
   * via the exponent gradients and {@code backwardEncoder}, against finite differences.
   */
  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void attentionTermGradientMatchesFiniteDifferencesThroughTheStudent(AttentionKind kind) {
    Bert student = new Bert(config(kind, FeedForwardKind.RELU_MLP));
    Initializer.initialize(student.parameters(), EnumSet.allOf(ParameterGroup.class), 4);
    student.setTrainable(EnumSet.of(ParameterGroup.ENCODER));
    int b = 3;
    int t = 5;
    int heads = student.config().heads();
    int layers = student.config().layers();
    Random r = new Random(6);
    int[] tokens = new int[b * t];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = r.nextInt(40);
    }
    TokenBatch batch = new TokenBatch(b, t, tokens,
        new int[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0});
    double[][] targets = new double[layers][b * heads * t * t];
    for (double[] target : targets) {
      for (int i = 0; i < target.length; i++) {
        target[i] = Math.exp(r.nextGaussian());
      }
    }
    double weight = 0.8;
    Matrix scratch = Matrix.zeros(b * heads * t, t);
    java.util.function.DoubleSupplier loss = () -> {
      student.encode(batch);
      double sum = 0;
      for (int l = 0; l < layers; l++) {
        sum += HiddenStateDistiller.attentionLoss(student.cache().layer(l).scores, targets[l],
            batch, heads, scratch, weight);
      }
      return sum;
    };
    student.zeroGradients();
    student.encode(batch);
    Matrix[] dZ = new Matrix[layers];
    for (int l = 0; l < layers; l++) {
      dZ[l] = Matrix.zeros(b * heads * t, t);
      HiddenStateDistiller.attentionLoss(student.cache().layer(l).scores, targets[l], batch,
          heads, dZ[l], weight);
    }
    for (int row : new int[] {(2 * heads) * t + 2, (2 * heads + 1) * t + 4}) {
      for (int j = 0; j < t; j++) {
        assertEquals(0.0, dZ[0].get(row, j), "padded query row " + row);
      }
    }
    student.backwardEncoder(Matrix.zeros(b * t, student.config().width()), null, dZ);
    double[] analytic = student.gradients().data().clone();
    for (String name : new String[] {"layer0.attention.query.weight",
        "layer1.attention.key.weight", "layer0.ffn.in.weight", "embedding.word"}) {
      ParameterLayout.Entry e = student.parameters().layout().get(name);
      double[] num = GradientCheck.numerical(student.parameters().data(), e.offset(), e.size(),
          loss);
      GradientCheck.assertClose(kind + " " + name, java.util.Arrays.copyOfRange(analytic,
          e.offset(), e.offset() + e.size()), num, 1e-6);
    }
    // identical distributions cost nothing: the student's own rows as the target
    Matrix own = student.cache().layer(1).scores;
    student.encode(batch);
    assertEquals(0.0, HiddenStateDistiller.attentionLoss(own, own.toArray(), batch, heads,
        scratch, weight), 1e-12);
  }
}
