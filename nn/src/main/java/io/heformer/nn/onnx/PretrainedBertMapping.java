package io.heformer.nn.onnx;

import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import io.heformer.nn.model.Bert;
import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.LoraConfig;
import io.heformer.nn.model.MlmDecoderKind;
import io.heformer.nn.model.NormPlacement;
import io.heformer.nn.model.ParameterSet;
import io.heformer.nn.tensor.Matrix;

/**
 * Loads a {@link PretrainedBert} (format-neutral imported weights) into the project's model
 * {@link Bert}, so that the model's forward pass computes what {@link ReferenceBertForward}
 * computes.
 *
 * <p>The imported encoder is post-LN BERT with biases, softmax attention and the erf GELU MLP,
 * which {@link Bert} supports as {@link NormPlacement#POST}, {@link AttentionKind#SOFTMAX} and
 * {@link FeedForwardKind#GELU_MLP}. Name map (both sides store linear maps {@code (in, out)}, so
 * nothing is transposed):
 *
 * <pre>
 * embeddings.word                       -> embedding.word
 * embeddings.position[t] + token_type[0] -> embedding.position[t]   (t &lt; maxSeqLen)
 * embeddings.ln                         -> embedding.ln
 * layer.i.attn.{q,k,v,o}.{weight,bias}  -> layer{i}.attention.{query,key,value,output}.*
 * layer.i.attn.ln                       -> layer{i}.ln1       (post-LN: after attention + residual)
 * layer.i.ffn.{in,out}.{weight,bias}    -> layer{i}.ffn.{in,out}.*
 * layer.i.ffn.ln                        -> layer{i}.ln2       (after feed-forward + residual)
 * </pre>
 *
 * <p>Why the token-type embedding is folded: the encryption-friendly model has no segment
 * embedding (the paper's model feeds one sequence), so row 0 is added to every position. Inputs
 * whose second segment has token type 1 therefore see type 0 everywhere; that changes pair
 * inputs slightly and is the price of the model's simpler input layer.
 *
 * <p>A prefix of the layers can be taken ({@code layers < pretrained layers}): the first layers
 * of a deep encoder are a smaller encoder with the same input layer. Stateless.
 */
public final class PretrainedBertMapping {

  /** Low-rank width of the classification head attached later (the paper's 32). */
  public static final int HEAD_RANK = 32;

  private PretrainedBertMapping() {}

  /**
   * The model configuration of the imported encoder: no head, no adapters, tied MLM decoder (the
   * word embedding, as in BERT), the imported LayerNorm epsilon, mask -10000.
   *
   * @param maxSeqLen positions kept, at most the pretrained table's
   * @param layers layers kept, in [1, pretrained layers]
   * @throws IllegalArgumentException if either is out of range
   */
  public static BertConfig config(PretrainedBertConfig c, int maxSeqLen, int layers) {
    if (maxSeqLen < 1 || maxSeqLen > c.maxPositions()) {
      throw new IllegalArgumentException(
          "maxSeqLen " + maxSeqLen + " outside [1, " + c.maxPositions() + "]");
    }
    if (layers < 1 || layers > c.layers()) {
      throw new IllegalArgumentException("layers " + layers + " outside [1, " + c.layers() + "]");
    }
    return new BertConfig(c.vocabSize(), maxSeqLen, c.hidden(), c.heads(), layers,
        c.intermediate(), FeedForwardKind.GELU_MLP, AttentionKind.SOFTMAX, NormPlacement.POST,
        true, c.layerNormEps(), -10000.0, HEAD_RANK, c.hidden(), 0, LoraConfig.none(),
        MlmDecoderKind.TIED);
  }

  /**
   * A model holding the imported weights; see the class comment for the map.
   *
   * @throws IllegalArgumentException as {@link #config}
   */
  public static Bert toModel(PretrainedBert pretrained, int maxSeqLen, int layers) {
    Bert bert = new Bert(config(pretrained.config(), maxSeqLen, layers));
    ParameterSet p = bert.parameters();
    int h = pretrained.config().hidden();
    copy(pretrained.data("embeddings.word"), p.get("embedding.word"));
    Matrix position = p.get("embedding.position");
    double[] pos = pretrained.data("embeddings.position");
    double[] type0 = pretrained.data("embeddings.token_type");
    for (int t = 0; t < maxSeqLen; t++) {
      for (int j = 0; j < h; j++) {
        position.set(t, j, pos[t * h + j] + type0[j]);
      }
    }
    copy(pretrained.data("embeddings.ln.gamma"), p.get("embedding.ln.gamma"));
    copy(pretrained.data("embeddings.ln.beta"), p.get("embedding.ln.beta"));
    String[][] projections = {{"attn.q", "attention.query"}, {"attn.k", "attention.key"},
        {"attn.v", "attention.value"}, {"attn.o", "attention.output"}, {"ffn.in", "ffn.in"},
        {"ffn.out", "ffn.out"}};
    for (int l = 0; l < layers; l++) {
      String to = "layer" + l + ".";
      for (String[] m : projections) {
        copy(pretrained.data(PretrainedBert.layer(l, m[0] + ".weight")), p.get(to + m[1] + ".weight"));
        copy(pretrained.data(PretrainedBert.layer(l, m[0] + ".bias")), p.get(to + m[1] + ".bias"));
      }
      for (String part : new String[] {"gamma", "beta"}) {
        copy(pretrained.data(PretrainedBert.layer(l, "attn.ln." + part)), p.get(to + "ln1." + part));
        copy(pretrained.data(PretrainedBert.layer(l, "ffn.ln." + part)), p.get(to + "ln2." + part));
      }
    }
    return bert;
  }

  private static void copy(double[] from, Matrix to) {
    if (from.length < to.size()) {
      throw new IllegalArgumentException(
          "source of " + from.length + " values cannot fill (" + to.rows() + ", " + to.cols() + ")");
    }
    System.arraycopy(from, 0, to.data(), to.offset(), to.size());
  }
}
