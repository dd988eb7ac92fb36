package io.heformer.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import io.heformer.nn.optim.AdamW;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

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

  @Test
  void loraModeTrainsOnlyAdaptersAndHead() {
    BertConfig config = small(AttentionKind.SOFTMAX);
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 5);
    double[] before = bert.parameters().data().clone();
    List<Example> train = SyntheticTask.majority(64, 12, 25, 3, 6);
    FinetuneOptions opt = new FinetuneOptions(2, 16, 1e-2, 0, AdamW.Hyper.paperHe(),
        TrainingMode.LORA, 7, false);
    Finetuner.train(bert, train, opt, ProgressListener.silent());
    double[] after = bert.parameters().data();
    boolean loraMoved = false;
    boolean headMoved = false;
    for (ParameterLayout.Entry e : bert.parameters().layout().entries()) {
      double[] b = java.util.Arrays.copyOfRange(before, e.offset(), e.offset() + e.size());
      double[] a = java.util.Arrays.copyOfRange(after, e.offset(), e.offset() + e.size());
      if (e.group() == ParameterGroup.ENCODER) {
        assertArrayEquals(b, a, 0.0, e.name() + " must stay frozen");
      } else if (!java.util.Arrays.equals(a, b)) {
        loraMoved |= e.group() == ParameterGroup.LORA;
        headMoved |= e.group() == ParameterGroup.HEAD;
      }
    }
    assertTrue(loraMoved && headMoved, "adapters and head must be updated");
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
}
