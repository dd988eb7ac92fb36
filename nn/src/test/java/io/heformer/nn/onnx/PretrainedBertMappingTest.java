package io.heformer.nn.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.heformer.nn.model.Bert;
import io.heformer.nn.model.TokenBatch;
import io.heformer.nn.tensor.Matrix;
import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.text.EncodedInput;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 loaded into the project's model ({@link Bert}, post-LN, softmax, GELU): its
 * batched forward pass must reproduce the reference forward over the same imported weights, and
 * ONNX Runtime on the original file, to 1e-4 on the last hidden state, padding included.
 */
class PretrainedBertMappingTest {
  private static final double TOLERANCE = 1e-4;
  private static final int SEQ = 32;

  private static PretrainedBert pretrained;
  private static Bert model;
  private static BertTokenizer tokenizer;
  private static OrtSession session;

  @BeforeAll
  static void load() throws Exception {
    byte[] bytes = MiniLmArtifact.modelBytes();
    pretrained = BertOnnxImporter.importGraph(OnnxModelReader.read(bytes));
    model = PretrainedBertMapping.toModel(pretrained, SEQ, pretrained.config().layers());
    tokenizer = MiniLmArtifact.tokenizer();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    session = OrtEnvironment.getEnvironment().createSession(bytes, options);
  }

  @AfterAll
  static void close() throws Exception {
    session.close();
  }

  @Test
  void batchedForwardMatchesReferenceAndOnnxRuntime() throws Exception {
    // Two sentences of different lengths in one batch: the shorter one is padded and masked.
    EncodedInput a = tokenizer.encode("The quick brown fox jumps over the lazy dog.", SEQ);
    EncodedInput b = tokenizer.encodePair("A man plays a guitar.",
        "Someone is playing an instrument on a stage while people listen.", SEQ);
    assertTrue(a.length() < SEQ, "padding present");
    int[] tokens = new int[2 * SEQ];
    int[] mask = new int[2 * SEQ];
    System.arraycopy(a.inputIds(), 0, tokens, 0, SEQ);
    System.arraycopy(b.inputIds(), 0, tokens, SEQ, SEQ);
    System.arraycopy(a.attentionMask(), 0, mask, 0, SEQ);
    System.arraycopy(b.attentionMask(), 0, mask, SEQ, SEQ);
    Matrix hidden = model.encode(new TokenBatch(2, SEQ, tokens, mask));
    EncodedInput[] inputs = {a, b};
    for (int s = 0; s < 2; s++) {
      EncodedInput in = inputs[s];
      // The model has no segment embedding: token type 0 is folded into the positions.
      int[] types = new int[SEQ];
      double[][] ref = ReferenceBertForward.lastHiddenState(pretrained, in.inputIds(),
          in.attentionMask(), types);
      float[][] ort = runOrt(in.inputIds(), in.attentionMask(), types);
      double toRef = 0;
      double toOrt = 0;
      double scale = 0;
      for (int t = 0; t < SEQ; t++) {
        for (int j = 0; j < ref[t].length; j++) {
          double ours = hidden.get(s * SEQ + t, j);
          toRef = Math.max(toRef, Math.abs(ours - ref[t][j]));
          toOrt = Math.max(toOrt, Math.abs(ours - ort[t][j]));
          scale = Math.max(scale, Math.abs(ref[t][j]));
        }
      }
      assertTrue(scale > 0.1, "output not trivially small: " + scale);
      assertTrue(toRef < TOLERANCE, "sequence " + s + ": max |model - reference| = " + toRef);
      assertTrue(toOrt < TOLERANCE, "sequence " + s + ": max |model - ORT| = " + toOrt);
    }
  }

  @Test
  void configurationAndRangeChecks() {
    assertEquals(6, model.config().layers());
    assertEquals(384, model.config().width());
    assertEquals(SEQ, model.config().maxSeqLen());
    assertEquals(pretrained.config().layerNormEps(), model.config().layerNormEps());
    PretrainedBertConfig c = pretrained.config();
    assertThrows(IllegalArgumentException.class, () -> PretrainedBertMapping.config(c, 513, 6));
    assertThrows(IllegalArgumentException.class, () -> PretrainedBertMapping.config(c, 128, 7));
    assertEquals(2, PretrainedBertMapping.config(c, 128, 2).layers());
  }

  private static float[][] runOrt(int[] ids, int[] mask, int[] types) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor a = OnnxTensor.createTensor(env, new long[][] {toLong(ids)});
        OnnxTensor b = OnnxTensor.createTensor(env, new long[][] {toLong(mask)});
        OnnxTensor c = OnnxTensor.createTensor(env, new long[][] {toLong(types)});
        OrtSession.Result r = session.run(
            Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
      return ((float[][][]) r.get(MiniLmArtifact.OUTPUT_NAME).orElseThrow().getValue())[0];
    }
  }

  private static long[] toLong(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
