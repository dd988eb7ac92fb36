package io.heformer.nn.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the initializers of a BERT encoder exported to ONNX (Hugging Face / Optimum export, as
 * in the all-MiniLM-L6-v2 artifact) onto the {@link PretrainedBert} naming scheme.
 *
 * <p>Mapping (i = layer index):
 * <pre>
 * embeddings.word_embeddings.weight            -> embeddings.word
 * embeddings.position_embeddings.weight        -> embeddings.position
 * embeddings.token_type_embeddings.weight      -> embeddings.token_type
 * embeddings.LayerNorm.weight|bias             -> embeddings.ln.gamma|beta
 * encoder.layer.i.attention.self.query|key|value.bias   -> layer.i.attn.q|k|v.bias
 * encoder.layer.i.attention.output.dense.bias  -> layer.i.attn.o.bias
 * encoder.layer.i.attention.output.LayerNorm.* -> layer.i.attn.ln.gamma|beta
 * encoder.layer.i.intermediate.dense.bias      -> layer.i.ffn.in.bias
 * encoder.layer.i.output.dense.bias            -> layer.i.ffn.out.bias
 * encoder.layer.i.output.LayerNorm.*           -> layer.i.ffn.ln.gamma|beta
 * </pre>
 * Linear weights lose their names in the export (they become anonymous {@code onnx::MatMul_N}
 * initializers, already transposed to {@code [in, out]}); each is found through the graph: the
 * {@code Add} that adds a named bias takes the output of a {@code MatMul} whose second input is
 * the weight. No transposition is needed for the {@code [in, out]} convention.
 *
 * <p>Hyper-parameters come from the tensors and the graph: sizes from the embedding and bias
 * shapes, the layer count from the bias names, the LayerNorm epsilon from the constant added
 * to the variance (or a {@code LayerNormalization} node's attribute), and the head count from
 * the attention-score scale {@code 1/sqrt(d)} ({@code Div} by sqrt(d) or {@code Mul} by its
 * inverse, just before the {@code Softmax}). The importer checks that the feed-forward
 * activation is the erf form of GELU (one {@code Erf} per layer) and refuses other graphs.
 *
 * <p>Stateless and thread safe.
 */
public final class BertOnnxImporter {
  private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.attention\\.self\\.query\\.bias$");
  private static final Map<String, String> LINEAR = linearNames();

  private BertOnnxImporter() {}

  private static Map<String, String> linearNames() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("attention.self.query", "attn.q");
    m.put("attention.self.key", "attn.k");
    m.put("attention.self.value", "attn.v");
    m.put("attention.output.dense", "attn.o");
    m.put("intermediate.dense", "ffn.in");
    m.put("output.dense", "ffn.out");
    return m;
  }

  /**
   * Imports the encoder weights of {@code graph}.
   *
   * @throws IllegalArgumentException if a tensor is missing, a shape disagrees, or the graph is
   *     not a post-LN BERT encoder with erf GELU
   */
  public static PretrainedBert importGraph(OnnxGraph graph) {
    Map<String, WeightTensor> w = new LinkedHashMap<>();
    put(w, graph, "embeddings.word_embeddings.weight", "embeddings.word");
    put(w, graph, "embeddings.position_embeddings.weight", "embeddings.position");
    put(w, graph, "embeddings.token_type_embeddings.weight", "embeddings.token_type");
    put(w, graph, "embeddings.LayerNorm.weight", "embeddings.ln.gamma");
    put(w, graph, "embeddings.LayerNorm.bias", "embeddings.ln.beta");

    TreeSet<Integer> layerIds = new TreeSet<>();
    for (String name : graph.initializers().keySet()) {
      Matcher m = LAYER.matcher(name);
      if (m.matches()) {
        layerIds.add(Integer.parseInt(m.group(1)));
      }
    }
    int layers = layerIds.size();
    if (layers == 0 || layerIds.last() != layers - 1) {
      throw new IllegalArgumentException("encoder layers must be numbered 0..n-1, found " + layerIds);
    }
    for (int i = 0; i < layers; i++) {
      String src = "encoder.layer." + i + ".";
      for (Map.Entry<String, String> e : LINEAR.entrySet()) {
        String bias = src + e.getKey() + ".bias";
        put(w, graph, bias, PretrainedBert.layer(i, e.getValue() + ".bias"));
        OnnxTensorProto weight = linearWeightFor(graph, bias);
        w.put(PretrainedBert.layer(i, e.getValue() + ".weight"), convert(weight, PretrainedBert.layer(i, e.getValue() + ".weight")));
      }
      put(w, graph, src + "attention.output.LayerNorm.weight", PretrainedBert.layer(i, "attn.ln.gamma"));
      put(w, graph, src + "attention.output.LayerNorm.bias", PretrainedBert.layer(i, "attn.ln.beta"));
      put(w, graph, src + "output.LayerNorm.weight", PretrainedBert.layer(i, "ffn.ln.gamma"));
      put(w, graph, src + "output.LayerNorm.bias", PretrainedBert.layer(i, "ffn.ln.beta"));
    }

    long erfCount = graph.nodes().stream().filter(n -> n.opType().equals("Erf")).count();
    if (erfCount != layers) {
      throw new IllegalArgumentException(
          "expected one Erf (GELU, erf form) per layer, found " + erfCount + " for " + layers + " layers");
    }
    int[] word = w.get("embeddings.word").shape();
    int hidden = word[1];
    int headDim = attentionHeadDim(graph);
    if (hidden % headDim != 0) {
      throw new IllegalArgumentException("head width " + headDim + " does not divide hidden " + hidden);
    }
    PretrainedBertConfig config = new PretrainedBertConfig(
        layers,
        hidden,
        hidden / headDim,
        w.get(PretrainedBert.layer(0, "ffn.in.bias")).shape()[0],
        word[0],
        w.get("embeddings.position").shape()[0],
        w.get("embeddings.token_type").shape()[0],
        layerNormEpsilon(graph, "embeddings.LayerNorm.weight"));
    return new PretrainedBert(config, w);
  }

  private static void put(Map<String, WeightTensor> w, OnnxGraph graph, String source, String target) {
    OnnxTensorProto t = graph.initializers().get(source);
    if (t == null) {
      throw new IllegalArgumentException("initializer " + source + " (for " + target + ") not in the graph");
    }
    w.put(target, convert(t, target));
  }

  private static WeightTensor convert(OnnxTensorProto t, String target) {
    if (t.dataType() != OnnxTensorProto.FLOAT && t.dataType() != OnnxTensorProto.DOUBLE) {
      throw new IllegalArgumentException(
          t.name() + " (for " + target + ") has data type " + t.dataType() + "; a float model is required "
              + "(quantized models are not supported)");
    }
    return new WeightTensor(target, t.shape(), t.toDoubles());
  }

  /** The [in, out] weight of the MatMul whose output is added to {@code biasName}. */
  private static OnnxTensorProto linearWeightFor(OnnxGraph graph, String biasName) {
    for (OnnxNode add : graph.consumers(biasName)) {
      if (!add.opType().equals("Add")) {
        continue;
      }
      for (String in : add.inputs()) {
        Optional<OnnxNode> mm = graph.producer(in).filter(n -> n.opType().equals("MatMul"));
        if (mm.isPresent()) {
          String wName = mm.get().inputs().get(1);
          return graph.constant(wName).orElseThrow(() -> new IllegalArgumentException(
              "MatMul feeding " + biasName + " has a computed weight " + wName));
        }
      }
    }
    throw new IllegalArgumentException("no MatMul + Add(" + biasName + ") pattern in the graph");
  }

  /** Epsilon of the LayerNorm whose scale is {@code gammaName}. */
  private static double layerNormEpsilon(OnnxGraph graph, String gammaName) {
    for (OnnxNode n : graph.consumers(gammaName)) {
      if (n.opType().equals("LayerNormalization")) {
        return n.floatAttributes().getOrDefault("epsilon", 1e-5);
      }
      if (n.opType().equals("Mul")) {
        // Decomposed: Mul(Div(x - mean, Sqrt(Add(var, eps))), gamma).
        Optional<Double> eps = n.inputs().stream()
            .map(graph::producer).flatMap(Optional::stream).filter(d -> d.opType().equals("Div"))
            .findFirst()
            .flatMap(div -> graph.producer(div.inputs().get(1)))
            .filter(s -> s.opType().equals("Sqrt"))
            .flatMap(sqrt -> graph.producer(sqrt.inputs().get(0)))
            .filter(a -> a.opType().equals("Add"))
            .flatMap(add -> scalarInput(graph, add));
        if (eps.isPresent()) {
          return eps.get();
        }
      }
    }
    throw new IllegalArgumentException("cannot find the LayerNorm epsilon next to " + gammaName);
  }

  /** Head width d from the score scale before the first Softmax: Div by sqrt(d) or Mul by 1/sqrt(d). */
  private static int attentionHeadDim(OnnxGraph graph) {
    OnnxNode softmax = graph.nodes().stream().filter(n -> n.opType().equals("Softmax")).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Softmax (attention) in the graph"));
    OnnxNode node = softmax;
    for (int depth = 0; depth < 4; depth++) {
      for (String in : node.inputs()) {
        Optional<OnnxNode> p = graph.producer(in);
        if (p.isEmpty()) {
          continue;
        }
        OnnxNode q = p.get();
        Optional<Double> c = scalarInput(graph, q);
        if (q.opType().equals("Div") && c.isPresent()) {
          return (int) Math.round(c.get() * c.get());
        }
        if (q.opType().equals("Mul") && c.isPresent()) {
          return (int) Math.round(1 / (c.get() * c.get()));
        }
      }
      List<String> ins = node.inputs();
      node = graph.producer(ins.get(0)).orElseThrow(() -> new IllegalArgumentException("attention scale not found"));
    }
    throw new IllegalArgumentException("attention scale (Div/Mul by a constant) not found before Softmax");
  }

  private static Optional<Double> scalarInput(OnnxGraph graph, OnnxNode node) {
    for (String in : node.inputs()) {
      Optional<OnnxTensorProto> t = graph.constant(in);
      if (t.isPresent() && t.get().elementCount() == 1
          && (t.get().dataType() == OnnxTensorProto.FLOAT || t.get().dataType() == OnnxTensorProto.DOUBLE)) {
        return Optional.of(t.get().toDoubles()[0]);
      }
    }
    return Optional.empty();
  }
}
