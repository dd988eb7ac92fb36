package io.heformer.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.heformer.nn.optim.AdamW;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MLM pretraining learns a corpus with predictable structure, tied and untied. */
class PretrainerTest {

  @ParameterizedTest
  @EnumSource(value = MlmDecoderKind.class, names = {"TIED", "UNTIED"})
  void maskedLmLossFallsOnAPeriodicCorpus(MlmDecoderKind decoder) {
    BertConfig config = new BertConfig(30, 10, 16, 2, 1, 32, FeedForwardKind.RELU_GLU,
        AttentionKind.GAUSSIAN_KERNEL, NormPlacement.PRE, false, 1e-5, -10000.0, 1, 1, 0,
        LoraConfig.none(), decoder);
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 1);
    // Sequences CLS, s, s+1, s+2, ... (mod 20, offset 10): every masked token is predictable from
    // its neighbours.
    Random r = new Random(2);
    List<int[]> seqs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int[] s = new int[10];
      s[0] = 1;
      int start = r.nextInt(20);
      for (int j = 1; j < 10; j++) {
        s[j] = 10 + (start + j) % 20;
      }
      seqs.add(s);
    }
    SpecialTokens special = new SpecialTokens(0, 1, 2, 3, 10);
    Pretrainer.Options opt = new Pretrainer.Options(25, 16, 1e-2, 5, 0.2, 1.0,
        AdamW.Hyper.standard(), special, 3);
    Pretrainer.Result res = Pretrainer.train(bert, () -> seqs, opt, ProgressListener.silent());
    assertEquals(25 * 13, res.stepLosses().size());
    double first = res.stepLosses().subList(0, 5).stream().mapToDouble(d -> d).average()
        .orElseThrow();
    double last = res.stepLosses().subList(res.stepLosses().size() - 10,
        res.stepLosses().size()).stream().mapToDouble(d -> d).average().orElseThrow();
    // Uniform guessing over 30 ids costs ln 30 = 3.4; the model must at least halve its starting loss.
    assertTrue(last < first / 2, "MLM loss " + first + " -> " + last);
  }
}
