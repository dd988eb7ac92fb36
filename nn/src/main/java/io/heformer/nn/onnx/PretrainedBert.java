package io.heformer.nn.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pretrained post-LayerNorm BERT encoder: its {@link PretrainedBertConfig} and named weights,
 * independent of the file format it came from.
 *
 * <p>Naming scheme (H = hidden, I = intermediate, i = layer index from 0); every linear map is
 * stored as {@code [in, out]} and applied as {@code y = x W + b} (the transpose of PyTorch's
 * {@code nn.Linear.weight}, and exactly how ONNX MatMul initializers are stored):
 * <pre>
 * embeddings.word              [vocab, H]
 * embeddings.position          [maxPositions, H]
 * embeddings.token_type        [typeVocab, H]
 * embeddings.ln.gamma|beta     [H]
 * layer.i.attn.q|k|v.weight    [H, H]   output column block h*d..(h+1)*d is head h (d = H/heads)
 * layer.i.attn.q|k|v.bias      [H]
 * layer.i.attn.o.weight        [H, H]   input row block h*d..(h+1)*d is head h's context
 * layer.i.attn.o.bias          [H]
 * layer.i.attn.ln.gamma|beta   [H]      LayerNorm after attention + residual
 * layer.i.ffn.in.weight        [H, I]   followed by GELU (erf form)
 * layer.i.ffn.in.bias          [I]
 * layer.i.ffn.out.weight       [I, H]
 * layer.i.ffn.out.bias         [H]
 * layer.i.ffn.ln.gamma|beta    [H]      LayerNorm after feed-forward + residual
 * </pre>
 * The forward pass these weights define is {@link ReferenceBertForward}.
 *
 * <p>Immutable map (the arrays inside are shared, not copied).
 */
public final class PretrainedBert {
  private final PretrainedBertConfig config;
  private final Map<String, WeightTensor> weights;

  /**
   * @throws IllegalArgumentException if a name of the scheme is missing or has the wrong shape
   */
  public PretrainedBert(PretrainedBertConfig config, Map<String, WeightTensor> weights) {
    this.config = config;
    this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    for (Map.Entry<String, int[]> e : expectedShapes(config).entrySet()) {
      WeightTensor t = weights.get(e.getKey());
      if (t == null) {
        throw new IllegalArgumentException("missing weight " + e.getKey());
      }
      if (!java.util.Arrays.equals(t.shape(), e.getValue())) {
        throw new IllegalArgumentException(
            e.getKey() + " has shape " + java.util.Arrays.toString(t.shape()) + ", expected "
                + java.util.Arrays.toString(e.getValue()));
      }
    }
  }

  /** Every name of the scheme with its shape, in canonical order. */
  public static Map<String, int[]> expectedShapes(PretrainedBertConfig c) {
    int h = c.hidden();
    Map<String, int[]> m = new LinkedHashMap<>();
    m.put("embeddings.word", new int[] {c.vocabSize(), h});
    m.put("embeddings.position", new int[] {c.maxPositions(), h});
    m.put("embeddings.token_type", new int[] {c.typeVocabSize(), h});
    m.put("embeddings.ln.gamma", new int[] {h});
    m.put("embeddings.ln.beta", new int[] {h});
    for (int i = 0; i < c.layers(); i++) {
      for (String p : List.of("q", "k", "v", "o")) {
        m.put(layer(i, "attn." + p + ".weight"), new int[] {h, h});
        m.put(layer(i, "attn." + p + ".bias"), new int[] {h});
      }
      m.put(layer(i, "attn.ln.gamma"), new int[] {h});
      m.put(layer(i, "attn.ln.beta"), new int[] {h});
      m.put(layer(i, "ffn.in.weight"), new int[] {h, c.intermediate()});
      m.put(layer(i, "ffn.in.bias"), new int[] {c.intermediate()});
      m.put(layer(i, "ffn.out.weight"), new int[] {c.intermediate(), h});
      m.put(layer(i, "ffn.out.bias"), new int[] {h});
      m.put(layer(i, "ffn.ln.gamma"), new int[] {h});
      m.put(layer(i, "ffn.ln.beta"), new int[] {h});
    }
    return m;
  }

  /** The name {@code layer.<i>.<suffix>}. */
  public static String layer(int i, String suffix) {
    return "layer." + i + "." + suffix;
  }

  /** The shape of the encoder. */
  public PretrainedBertConfig config() {
    return config;
  }

  /** All weights by name (unmodifiable). */
  public Map<String, WeightTensor> weights() {
    return weights;
  }

  /**
   * The weight named {@code name}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public WeightTensor weight(String name) {
    WeightTensor t = weights.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no weight named " + name);
    }
    return t;
  }

  /** The data of weight {@code name} (shared array, do not modify). */
  public double[] data(String name) {
    return weight(name).data();
  }
}
