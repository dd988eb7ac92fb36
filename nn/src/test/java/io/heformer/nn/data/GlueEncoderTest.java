package io.heformer.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.text.BertTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding real GLUE splits into fixed-length model inputs. */
class GlueEncoderTest {

  @Test
  void encodesPairsWithSegmentsLabelsAndFixedLength() throws Exception {
    BertTokenizer tok = TestTokenizers.miniLm();
    List<GlueExample> dev = GlueReader.read(DataRoot.resolve(), GlueTask.MRPC, GlueSplit.DEV);
    List<EncodedExample> enc = GlueEncoder.encodeAll(dev, tok, 64);
    assertEquals(dev.size(), enc.size());
    int truncated = 0;
    for (int n = 0; n < enc.size(); n++) {
      EncodedExample e = enc.get(n);
      assertEquals(64, e.seq());
      assertEquals(101, e.inputIds()[0]);
      assertEquals(dev.get(n).label(), e.label());
      int real = 0;
      int seps = 0;
      int typeOnes = 0;
      for (int i = 0; i < 64; i++) {
        real += e.attentionMask()[i];
        seps += e.inputIds()[i] == 102 ? 1 : 0;
        typeOnes += e.tokenTypeIds()[i];
        if (e.attentionMask()[i] == 0) {
          assertEquals(0, e.inputIds()[i], "padding id");
          assertEquals(0, e.tokenTypeIds()[i], "padding type");
        }
      }
      assertEquals(2, seps);
      assertEquals(102, e.inputIds()[real - 1], "last real token is [SEP]");
      assertTrue(typeOnes >= 2, "second sentence and its [SEP] have type 1");
      truncated += real == 64 ? 1 : 0;
    }
    assertTrue(truncated > 0, "some MRPC pairs exceed 64 tokens and are truncated");
  }

  @Test
  void encodesSingleSentencesAndRegressionTargets() throws Exception {
    BertTokenizer tok = TestTokenizers.miniLm();
    List<GlueExample> sst = GlueReader.read(DataRoot.resolve(), GlueTask.SST2, GlueSplit.DEV);
    EncodedExample first = GlueEncoder.encode(sst.get(0), tok, 128);
    for (int t : first.tokenTypeIds()) {
      assertEquals(0, t);
    }
    List<GlueExample> sts = GlueReader.read(DataRoot.resolve(), GlueTask.STSB, GlueSplit.DEV);
    EncodedExample s = GlueEncoder.encode(sts.get(0), tok, 128);
    assertEquals(sts.get(0).target(), s.target());
    assertEquals(-1, s.label());
  }
}
