package io.heformer.nn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order, offsets and shapes of every parameter tensor of a {@link BertConfig} in one flat
 * array. Parameters, gradients and both AdamW moments use the same layout (STYLE.md R8).
 *
 * <p>Names (weights are stored {@code (in, out)}):
 *
 * <pre>
 * embedding.word (V, C)   embedding.position (T, C)   embedding.ln.gamma / .beta (1, C)
 * layer{l}.ln1.gamma / .beta (1, C)
 * layer{l}.attention.{query,key,value,output}.weight (C, C)   [.bias (1, C)]
 *     [.lora_a (C, r)  .lora_b (r, C)]   for adapted projections
 * layer{l}.ln2.gamma / .beta (1, C)
 * layer{l}.ffn.in.weight (C, ffnDim)  [.bias]   layer{l}.ffn.out.weight (ffnHidden, C)  [.bias]
 *     [.lora_a / .lora_b]
 * final.ln.gamma / .beta (1, C)           pre-LN only
 * head.pooler_a (C, R)  head.pooler_b (R, W)  head.classifier (W, K)     when K > 0
 * mlm.decoder (V, C)                      untied MLM decoder only
 * </pre>
 *
 * LayerNorm gains and all biases are excluded from weight decay.
 */
public final class ParameterLayout {

  /**
   * One tensor.
   *
   * @param name unique name
   * @param offset first index in the flat array
   * @param rows rows
   * @param cols columns
   * @param group training group
   * @param decay whether AdamW weight decay applies
   */
  public record Entry(String name, int offset, int rows, int cols, ParameterGroup group,
      boolean decay) {
    /** Number of elements. */
    public int size() {
      return rows * cols;
    }

    /** Whether this is a LoRA factor B, the zero-initialised one next to the output. */
    public boolean isLoraB() {
      return name.endsWith(LORA_B);
    }

    /** Whether this is a LoRA factor (A or B) of the projection {@code target} of any layer. */
    public boolean isLoraOf(LoraTarget target) {
      String p = "." + target.path();
      return name.endsWith(p + LORA_A) || name.endsWith(p + LORA_B);
    }
  }

  /** Name suffix of a projection's LoRA factor A (in, r): random initialisation. */
  public static final String LORA_A = ".lora_a";

  /** Name suffix of a projection's LoRA factor B (r, out): zero initialisation. */
  public static final String LORA_B = ".lora_b";

  private final List<Entry> entries;
  private final Map<String, Entry> byName;
  private final int size;

  private ParameterLayout(List<Entry> entries) {
    this.entries = Collections.unmodifiableList(entries);
    Map<String, Entry> m = new LinkedHashMap<>();
    int total = 0;
    for (Entry e : entries) {
      if (m.put(e.name(), e) != null) {
        throw new IllegalStateException("duplicate parameter name " + e.name());
      }
      total = Math.addExact(total, e.size());
    }
    this.byName = Collections.unmodifiableMap(m);
    this.size = total;
  }

  /** The layout of {@code config}'s parameters. */
  public static ParameterLayout of(BertConfig config) {
    Builder b = new Builder();
    int c = config.width();
    b.add("embedding.word", config.vocabSize(), c, ParameterGroup.ENCODER, true);
    b.add("embedding.position", config.maxSeqLen(), c, ParameterGroup.ENCODER, true);
    b.layerNorm("embedding.ln", c);
    for (int l = 0; l < config.layers(); l++) {
      String p = "layer" + l + ".";
      b.layerNorm(p + "ln1", c);
      b.projection(config, p, LoraTarget.QUERY, c, c);
      b.projection(config, p, LoraTarget.KEY, c, c);
      b.projection(config, p, LoraTarget.VALUE, c, c);
      b.projection(config, p, LoraTarget.OUTPUT, c, c);
      b.layerNorm(p + "ln2", c);
      b.projection(config, p, LoraTarget.FFN_IN, c, config.ffnDim());
      b.projection(config, p, LoraTarget.FFN_OUT, config.ffnHidden(), c);
    }
    if (config.norm() == NormPlacement.PRE) {
      b.layerNorm("final.ln", c);
    }
    if (config.numClasses() > 0) {
      b.add("head.pooler_a", c, config.headRank(), ParameterGroup.HEAD, true);
      b.add("head.pooler_b", config.headRank(), config.headWidth(), ParameterGroup.HEAD, true);
      b.add("head.classifier", config.headWidth(), config.numClasses(), ParameterGroup.HEAD,
          true);
    }
    if (config.mlmDecoder() == MlmDecoderKind.UNTIED) {
      b.add("mlm.decoder", config.vocabSize(), c, ParameterGroup.MLM, true);
    }
    return new ParameterLayout(b.list);
  }

  /** All tensors in layout order. */
  public List<Entry> entries() {
    return entries;
  }

  /** The tensor called {@code name}, or null. */
  public Entry find(String name) {
    return byName.get(name);
  }

  /**
   * The tensor called {@code name}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public Entry get(String name) {
    Entry e = byName.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'");
    }
    return e;
  }

  /** Total number of doubles. */
  public int size() {
    return size;
  }

  /** Number of doubles in the given groups. */
  public long count(java.util.Set<ParameterGroup> groups) {
    long n = 0;
    for (Entry e : entries) {
      if (groups.contains(e.group())) {
        n += e.size();
      }
    }
    return n;
  }

  private static final class Builder {
    final List<Entry> list = new ArrayList<>();
    int offset;

    void add(String name, int rows, int cols, ParameterGroup group, boolean decay) {
      list.add(new Entry(name, offset, rows, cols, group, decay));
      offset = Math.addExact(offset, Math.multiplyExact(rows, cols));
    }

    void layerNorm(String prefix, int c) {
      add(prefix + ".gamma", 1, c, ParameterGroup.ENCODER, false);
      add(prefix + ".beta", 1, c, ParameterGroup.ENCODER, false);
    }

    void projection(BertConfig config, String layer, LoraTarget t, int in, int out) {
      String p = layer + t.path();
      add(p + ".weight", in, out, ParameterGroup.ENCODER, true);
      if (config.bias()) {
        add(p + ".bias", 1, out, ParameterGroup.ENCODER, false);
      }
      if (config.lora().adapts(t)) {
        int r = config.lora().rank();
        add(p + LORA_A, in, r, ParameterGroup.LORA, true);
        add(p + LORA_B, r, out, ParameterGroup.LORA, true);
      }
    }
  }
}
