package io.heformer.nn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.text.EncodedInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java import of all-MiniLM-L6-v2, checked against ONNX Runtime on the same ONNX file:
 * the reference forward pass over the imported weights must reproduce ONNX Runtime's
 * {@code last_hidden_state} to 1e-4 (max abs difference) on real tokenized sentences.
 */
class MiniLmImportTest {
  private static final double TOLERANCE = 1e-4;

  private static OnnxGraph graph;
  private static PretrainedBert model;
  private static BertTokenizer tokenizer;
  private static OrtEnvironment env;
  private static OrtSession session;

  @BeforeAll
  static void load() throws Exception {
    byte[] bytes = MiniLmArtifact.modelBytes();
    graph = OnnxModelReader.read(bytes);
    model = BertOnnxImporter.importGraph(graph);
    tokenizer = MiniLmArtifact.tokenizer();
    env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    session = env.createSession(bytes, options);
  }

  @AfterAll
  static void close() throws Exception {
    session.close();
  }

  @Test
  void graphHasTheExpectedInterface() {
    assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), graph.inputNames());
    assertEquals(List.of(MiniLmArtifact.OUTPUT_NAME), graph.outputNames());
    assertEquals(List.of(MiniLmArtifact.OUTPUT_NAME), List.copyOf(session.getOutputNames()));
  }

  @Test
  void configIsMiniLmL6() {
    PretrainedBertConfig c = model.config();
    assertEquals(6, c.layers());
    assertEquals(384, c.hidden());
    assertEquals(12, c.heads());
    assertEquals(1536, c.intermediate());
    assertEquals(30522, c.vocabSize());
    assertEquals(512, c.maxPositions());
    assertEquals(2, c.typeVocabSize());
    // 1e-12 rounded to float32, as stored in the graph.
    assertEquals(1e-12, c.layerNormEps(), 1e-18);
    assertEquals(tokenizer.vocabulary().size(), c.vocabSize());
  }

  @Test
  void weightsAreTheFileTensorsUnchanged() {
    // Spot check: a named initializer arrives value for value, an anonymous MatMul weight keeps [in, out].
    double[] bias = graph.initializers().get("encoder.layer.3.attention.self.key.bias").toDoubles();
    assertArrayEquals(bias, model.data("layer.3.attn.k.bias"), 0.0);
    assertArrayEquals(new int[] {384, 1536}, model.weight("layer.5.ffn.in.weight").shape());
    assertArrayEquals(new int[] {1536, 384}, model.weight("layer.5.ffn.out.weight").shape());
    assertEquals(PretrainedBert.expectedShapes(model.config()).keySet(), model.weights().keySet());
  }

  @Test
  void singleSentencesMatchOnnxRuntime() throws Exception {
    for (String s : List.of(
        "Hello world!",
        "The quick brown fox jumps over the lazy dog.",
        "A man is playing a guitar on the stage, and the crowd cheers loudly.")) {
      EncodedInput in = tokenizer.encode(s, 24);
      assertMatches(in);
    }
  }

  @Test
  void sentencePairMatchesOnnxRuntime() throws Exception {
    EncodedInput in = tokenizer.encodePair(
        "The cat sat on the mat.", "A feline was resting on a rug, unaffable as ever.", 32);
    assertTrue(in.length() < 32, "padding present, so the mask is exercised");
    assertMatches(in);
  }

  @Test
  void fullLengthSequenceMatchesOnnxRuntime() throws Exception {
    // 128 tokens (the artifact tokenizer's length), no padding: every position embedding up to 127.
    String text = "It was the best of times, it was the worst of times, it was the age of wisdom, "
        + "it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity. ";
    EncodedInput in = tokenizer.encode(text.repeat(4), 128);
    assertEquals(128, in.length());
    assertMatches(in);
  }

  private static void assertMatches(EncodedInput in) throws Exception {
    double[][] ours = ReferenceBertForward.lastHiddenState(model, in.inputIds(), in.attentionMask(), in.tokenTypeIds());
    float[][] theirs = runOrt(in);
    double maxDiff = 0;
    double maxAbs = 0;
    for (int i = 0; i < ours.length; i++) {
      for (int j = 0; j < ours[i].length; j++) {
        maxDiff = Math.max(maxDiff, Math.abs(ours[i][j] - theirs[i][j]));
        maxAbs = Math.max(maxAbs, Math.abs(theirs[i][j]));
      }
    }
    assertTrue(maxAbs > 0.1, "ORT output is not trivially small: " + maxAbs);
    assertTrue(maxDiff < TOLERANCE, "max |ours - ORT| = " + maxDiff + " (tolerance " + TOLERANCE + ")");
    // Mean pooling over real tokens agrees as well (what sentence-transformers feeds downstream).
    double[] pooled = ReferenceBertForward.meanPooled(ours, in.attentionMask());
    double[] ortPooled = new double[pooled.length];
    int n = in.length();
    for (int i = 0; i < ours.length; i++) {
      if (in.attentionMask()[i] == 1) {
        for (int j = 0; j < pooled.length; j++) {
          ortPooled[j] += theirs[i][j] / n;
        }
      }
    }
    assertArrayEquals(ortPooled, pooled, TOLERANCE);
  }

  private static float[][] runOrt(EncodedInput in) throws Exception {
    long[][] ids = {toLong(in.inputIds())};
    long[][] mask = {toLong(in.attentionMask())};
    long[][] types = {toLong(in.tokenTypeIds())};
    try (OnnxTensor a = OnnxTensor.createTensor(env, ids);
        OnnxTensor b = OnnxTensor.createTensor(env, mask);
        OnnxTensor c = OnnxTensor.createTensor(env, types);
        OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
      float[][][] out = (float[][][]) r.get(MiniLmArtifact.OUTPUT_NAME).orElseThrow().getValue();
      return out[0];
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
