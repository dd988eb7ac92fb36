package io.heformer.nn.model;

import io.heformer.nn.layers.Attention;
import io.heformer.nn.layers.ClassifierHead;
import io.heformer.nn.layers.CrossEntropy;
import io.heformer.nn.layers.Embedding;
import io.heformer.nn.layers.Gelu;
import io.heformer.nn.layers.LayerNorm;
import io.heformer.nn.layers.LoraLinear;
import io.heformer.nn.layers.MeanSquaredError;
import io.heformer.nn.layers.Relu;
import io.heformer.nn.layers.ReluGlu;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.nonlinear.Sites;
import io.heformer.nn.tensor.Matrix;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The encoder with its classification head: parameters, gradients, activation cache, and the
 * forward and backward passes. Dataflow (pre-LN, paper §5.2):
 *
 * <pre>
 * x = LN_emb(word[tokens] + position)
 * for each layer:  h = LN1(x); Q, K, V = h W_{q,k,v} (+ s h A B); x += Attn(Q, K, V) W_o
 *                  h = LN2(x); x += act(h W_in) W_out
 * hidden = LN_final(x);  logits = tanh(hidden[CLS] A_head B_head) W_cls
 * </pre>
 *
 * Post-LN (imported BERT) moves each LayerNorm after its residual add and drops the final one.
 * {@link #backwardEncoder} and {@link #backward} call the layers' backward functions in exactly
 * the reverse order of {@link #encode} and {@link #classify}.
 *
 * <p>Gradients are computed only for the trainable groups ({@link #setTrainable}); with the
 * encoder frozen (LoRA fine-tuning) the frozen weights' gradient products are skipped, and so is
 * the input gradient of the first layer. Gradients accumulate across calls until {@link
 * #zeroGradients}.
 *
 * <p>Not thread-safe: one instance per training thread.
 */
public final class Bert {

  private final BertConfig config;
  private final ParameterSet params;
  private final ParameterSet grads;
  private final BertTensors w;
  private final BertTensors g;
  private final ActivationCache cache;
  private Nonlinearities nl = Nonlinearities.exact();
  private Set<ParameterGroup> trainable = EnumSet.allOf(ParameterGroup.class);
  private int[] tokens;
  private int[] tokenMask;
  private MaskedLm mlm;

  /** A model with all parameters zero; see {@link Initializer}. */
  public Bert(BertConfig config) {
    this.config = Objects.requireNonNull(config);
    ParameterLayout layout = ParameterLayout.of(config);
    this.params = new ParameterSet(layout);
    this.grads = new ParameterSet(layout);
    this.w = new BertTensors(params, config);
    this.g = new BertTensors(grads, config);
    this.cache = new ActivationCache(config);
  }

  /** The configuration. */
  public BertConfig config() {
    return config;
  }

  /** The parameters (mutable). */
  public ParameterSet parameters() {
    return params;
  }

  /** The gradients, same layout as the parameters. */
  public ParameterSet gradients() {
    return grads;
  }

  /** The activation cache of the last forward pass. */
  public ActivationCache cache() {
    return cache;
  }

  /** The non-linearities used from now on (exact by default). */
  public void setNonlinearities(Nonlinearities nonlinearities) {
    this.nl = Objects.requireNonNull(nonlinearities);
  }

  /** The current non-linearities. */
  public Nonlinearities nonlinearities() {
    return nl;
  }

  /** The groups whose gradients backward computes. */
  public void setTrainable(Set<ParameterGroup> groups) {
    this.trainable = groups.isEmpty() ? EnumSet.noneOf(ParameterGroup.class)
        : EnumSet.copyOf(groups);
  }

  /** The trainable groups. */
  public Set<ParameterGroup> trainable() {
    return EnumSet.copyOf(trainable.isEmpty() ? EnumSet.noneOf(ParameterGroup.class) : trainable);
  }

  /** Sets every gradient to zero. */
  public void zeroGradients() {
    grads.zero();
  }

  // ------------------------------------------------------------------ encoder forward / backward

  /**
   * Runs the encoder on {@code batch} and returns the final hidden states (B T, C) (a view into
   * the cache, valid until the next forward).
   */
  public Matrix encode(TokenBatch batch) {
    begin(batch);
    double eps = config.layerNormEps();
    Embedding.forward(cache.tmp, tokens, batch.seqLen(), w.word, w.position);
    LayerNorm.forward(cache.stream, cache.embY, cache.embRstd, cache.tmp, w.embLnGamma,
        w.embLnBeta, eps, nl, Sites.EMBEDDING_LN);
    copy(cache.stream, cache.embOut);
    for (int l = 0; l < config.layers(); l++) {
      forwardLayer(l);
    }
    if (config.norm() == NormPlacement.PRE) {
      LayerNorm.forward(cache.hidden, cache.finalY, cache.finalRstd, cache.stream,
          w.finalLnGamma, w.finalLnBeta, eps, nl, Sites.FINAL_LN);
    } else {
      copy(cache.stream, cache.hidden);
    }
    return cache.hidden;
  }

  /**
   * Teacher forcing: runs every block l on {@code blockInputs[l]} (B T, C) instead of the previous
   * block's output, e.g. on another model's {@link #layerInput}{@code (l)}, so that each block is
   * trained on its own (block-local distillation). The embeddings and the final LayerNorm are not
   * run; {@link #layerOutput} gives each block's result, {@link #backwardBlocks} its gradients.
   */
  public void forwardBlocks(TokenBatch batch, Matrix[] blockInputs) {
    if (blockInputs.length != config.layers()) {
      throw new IllegalArgumentException(blockInputs.length + " block inputs for "
          + config.layers() + " blocks");
    }
    begin(batch);
    for (int l = 0; l < config.layers(); l++) {
      copy(blockInputs[l], cache.stream);
      forwardLayer(l);
    }
  }

  /** Checks the length, sizes the cache for {@code batch} and sets its tokens and mask. */
  private void begin(TokenBatch batch) {
    int t = batch.seqLen();
    if (t > config.maxSeqLen()) {
      throw new IllegalArgumentException(
          "sequence length " + t + " exceeds the model's maximum " + config.maxSeqLen());
    }
    cache.prepare(batch.batch(), t);
    tokens = batch.tokens();
    tokenMask = batch.mask();
    double[] m = cache.mask.data();
    for (int i = 0; i < batch.rows(); i++) {
      m[i] = batch.mask()[i] == 1 ? 0.0 : config.maskValue();
    }
  }

  private void forwardLayer(int l) {
    ActivationCache.Layer a = cache.layers[l];
    BertTensors.Layer p = w.layers[l];
    double eps = config.layerNormEps();
    boolean pre = config.norm() == NormPlacement.PRE;
    if (pre) {
      LayerNorm.forward(a.attnIn, a.ln1Y, a.ln1Rstd, cache.stream, p.ln1Gamma(), p.ln1Beta(), eps,
          nl, Sites.layer(l, "ln1"));
    } else {
      copy(cache.stream, a.attnIn);
    }
    project(a.q, a, LoraTarget.QUERY, a.attnIn, p.query());
    project(a.k, a, LoraTarget.KEY, a.attnIn, p.key());
    project(a.v, a, LoraTarget.VALUE, a.attnIn, p.value());
    Attention.forward(a.attnOut, a.scores, cache.attnScratch, a.q, a.k, a.v, cache.mask,
        config.heads(), config.attention(), nl, Sites.layer(l, "attention"));
    project(cache.tmp, a, LoraTarget.OUTPUT, a.attnOut, p.output());
    addInto(cache.stream, cache.tmp);
    if (!pre) {
      LayerNorm.forward(cache.stream, a.ln1Y, a.ln1Rstd, cache.stream, p.ln1Gamma(), p.ln1Beta(),
          eps, nl, Sites.layer(l, "ln1"));
      copy(cache.stream, a.ffnIn);
    } else {
      LayerNorm.forward(a.ffnIn, a.ln2Y, a.ln2Rstd, cache.stream, p.ln2Gamma(), p.ln2Beta(), eps,
          nl, Sites.layer(l, "ln2"));
    }
    project(a.ffnPre, a, LoraTarget.FFN_IN, a.ffnIn, p.ffnIn());
    String site = Sites.layer(l, "ffn");
    switch (config.feedForward()) {
      case RELU_GLU -> ReluGlu.forward(a.ffnAct, a.ffnAux, a.ffnPre, nl, site);
      case GELU_MLP -> Gelu.forward(a.ffnAct, a.ffnAux, a.ffnPre, nl, site);
      case RELU_MLP -> Relu.forward(a.ffnAct, a.ffnAux, a.ffnPre, nl, site);
    }
    project(cache.tmp, a, LoraTarget.FFN_OUT, a.ffnAct, p.ffnOut());
    addInto(cache.stream, cache.tmp);
    if (!pre) {
      LayerNorm.forward(cache.stream, a.ln2Y, a.ln2Rstd, cache.stream, p.ln2Gamma(), p.ln2Beta(),
          eps, nl, Sites.layer(l, "ln2"));
    }
    copy(cache.stream, a.out);
  }

  /**
   * The residual stream after block {@code l} of the last {@link #encode} (B T, C), a view valid
   * until the next forward; for the last block, the input of the final LayerNorm (pre-LN) or the
   * hidden states themselves (post-LN).
   */
  public Matrix layerOutput(int l) {
    return cache.layers[l].out;
  }

  /**
   * The residual stream entering block {@code l} in the last {@link #encode} (B T, C): the
   * embeddings' output for l = 0, block l - 1's output after; a view valid until the next forward.
   */
  public Matrix layerInput(int l) {
    return l == 0 ? cache.embOut : cache.layers[l - 1].out;
  }

  /**
   * Back-propagates {@code dHidden} (B T, C), the gradient of the loss with respect to {@link
   * #encode}'s output, through the encoder; accumulates parameter gradients of the trainable
   * groups. {@code dHidden} is not modified.
   */
  public void backwardEncoder(Matrix dHidden) {
    backwardEncoder(dHidden, null);
  }

  /**
   * As {@link #backwardEncoder(Matrix)}, with the gradients of further loss terms on the blocks'
   * outputs: {@code dLayerOutputs[l]} (B T, C), where not null, is the gradient with respect to
   * {@link #layerOutput}{@code (l)}, added where the backward pass reaches that block's output.
   */
  public void backwardEncoder(Matrix dHidden, Matrix[] dLayerOutputs) {
    backwardEncoder(dHidden, dLayerOutputs, null);
  }

  /**
   * As {@link #backwardEncoder(Matrix, Matrix[])}, with the gradients of loss terms on the
   * attention exponents: {@code dAttentionExponents[l]} (B H T, T), where not null, is the
   * gradient with respect to block l's Z ({@link io.heformer.nn.layers.Attention}; the saved
   * scores are exp(Z), or softmax(Z)), e.g. of an attention-map distillation term.
   */
  public void backwardEncoder(Matrix dHidden, Matrix[] dLayerOutputs,
      Matrix[] dAttentionExponents) {
    if (dLayerOutputs != null && dLayerOutputs.length != config.layers()) {
      throw new IllegalArgumentException(dLayerOutputs.length + " block-output gradients for "
          + config.layers() + " blocks");
    }
    if (dAttentionExponents != null && dAttentionExponents.length != config.layers()) {
      throw new IllegalArgumentException(dAttentionExponents.length + " attention gradients for "
          + config.layers() + " blocks");
    }
    boolean enc = trainable.contains(ParameterGroup.ENCODER);
    Matrix ds = cache.dStream;
    Matrix dt = cache.dTmp;
    if (config.norm() == NormPlacement.PRE) {
      ds.zero();
      LayerNorm.backward(ds, enc ? g.finalLnGamma : null, enc ? g.finalLnBeta : null, dHidden,
          cache.finalY, cache.finalRstd, w.finalLnGamma);
    } else {
      copy(dHidden, ds);
    }
    for (int l = config.layers() - 1; l >= 0; l--) {
      if (dLayerOutputs != null && dLayerOutputs[l] != null) {
        addInto(ds, dLayerOutputs[l]);
      }
      Matrix[] swapped = backwardLayer(l, ds, dt,
          dAttentionExponents == null ? null : dAttentionExponents[l], true);
      ds = swapped[0];
      dt = swapped[1];
    }
    if (enc) {
      dt.zero();
      LayerNorm.backward(dt, g.embLnGamma, g.embLnBeta, ds, cache.embY, cache.embRstd,
          w.embLnGamma);
      Embedding.backward(g.word, g.position, dt, tokens, cache.seqLen);
    }
  }

  /**
   * Backward of {@link #forwardBlocks}: block l receives {@code dBlockOutputs[l]} (B T, C), the
   * gradient with respect to its own output, and its input gradient is not formed, since the
   * input came from elsewhere; {@code dAttentionExponents} as in {@link #backwardEncoder(Matrix,
   * Matrix[], Matrix[])}. Accumulates the blocks' parameter gradients; the embeddings get none.
   */
  public void backwardBlocks(Matrix[] dBlockOutputs, Matrix[] dAttentionExponents) {
    if (dBlockOutputs.length != config.layers()
        || dAttentionExponents != null && dAttentionExponents.length != config.layers()) {
      throw new IllegalArgumentException("block gradients for " + config.layers() + " blocks "
          + "expected, got " + dBlockOutputs.length + " and "
          + (dAttentionExponents == null ? "no" : dAttentionExponents.length) + " attention");
    }
    for (int l = config.layers() - 1; l >= 0; l--) {
      copy(dBlockOutputs[l], cache.dStream);
      backwardLayer(l, cache.dStream, cache.dTmp,
          dAttentionExponents == null ? null : dAttentionExponents[l], false);
    }
  }

  /**
   * Backward of one block; returns {stream gradient, spare buffer} (post-LN swaps them). Without
   * {@code inputGradient} the gradient with respect to the block's input is left incomplete
   * (post-LN skips the Q, K, V paths' input products): only its parameters' gradients are
   * wanted.
   */
  private Matrix[] backwardLayer(int l, Matrix ds, Matrix dt, Matrix dZ, boolean inputGradient) {
    ActivationCache.Layer a = cache.layers[l];
    BertTensors.Layer p = w.layers[l];
    BertTensors.Layer q = g.layers[l];
    boolean enc = trainable.contains(ParameterGroup.ENCODER);
    boolean pre = config.norm() == NormPlacement.PRE;
    if (!pre) {
      dt.zero();
      LayerNorm.backward(dt, enc ? q.ln2Gamma() : null, enc ? q.ln2Beta() : null, ds, a.ln2Y,
          a.ln2Rstd, p.ln2Gamma());
      Matrix s = ds;
      ds = dt;
      dt = s;
    }
    cache.dFfnAct.zero();
    projectBackward(cache.dFfnAct, LoraTarget.FFN_OUT, ds, a.ffnAct, a, p.ffnOut(), q.ffnOut());
    cache.dFfnPre.zero();
    switch (config.feedForward()) {
      case RELU_GLU -> ReluGlu.backward(cache.dFfnPre, cache.dFfnAct, a.ffnPre, a.ffnAux);
      case GELU_MLP -> Gelu.backward(cache.dFfnPre, cache.dFfnAct, a.ffnAux);
      case RELU_MLP -> Relu.backward(cache.dFfnPre, cache.dFfnAct, a.ffnAux);
    }
    cache.dIn.zero();
    projectBackward(cache.dIn, LoraTarget.FFN_IN, cache.dFfnPre, a.ffnIn, a, p.ffnIn(),
        q.ffnIn());
    if (pre) {
      LayerNorm.backward(ds, enc ? q.ln2Gamma() : null, enc ? q.ln2Beta() : null, cache.dIn,
          a.ln2Y, a.ln2Rstd, p.ln2Gamma());
    } else {
      addInto(ds, cache.dIn);
      dt.zero();
      LayerNorm.backward(dt, enc ? q.ln1Gamma() : null, enc ? q.ln1Beta() : null, ds, a.ln1Y,
          a.ln1Rstd, p.ln1Gamma());
      Matrix s = ds;
      ds = dt;
      dt = s;
    }
    cache.dAttnOut.zero();
    projectBackward(cache.dAttnOut, LoraTarget.OUTPUT, ds, a.attnOut, a, p.output(), q.output());
    cache.dq.zero();
    cache.dk.zero();
    cache.dv.zero();
    Attention.backward(cache.dq, cache.dk, cache.dv, cache.dScores, cache.dAttnOut, a.q, a.k, a.v,
        a.scores, cache.batch, config.heads(), config.attention(), dZ);
    // The first layer's input gradient feeds only the embeddings: skip it when they are frozen.
    // Pre-LN, LN1's parameters need the gradient at its output, which is this one.
    Matrix dIn = inputGradient && (l > 0 || enc) || pre && enc ? cache.dIn : null;
    if (dIn != null) {
      dIn.zero();
    }
    projectBackward(dIn, LoraTarget.VALUE, cache.dv, a.attnIn, a, p.value(), q.value());
    projectBackward(dIn, LoraTarget.KEY, cache.dk, a.attnIn, a, p.key(), q.key());
    projectBackward(dIn, LoraTarget.QUERY, cache.dq, a.attnIn, a, p.query(), q.query());
    if (dIn != null) {
      if (pre) {
        LayerNorm.backward(ds, enc ? q.ln1Gamma() : null, enc ? q.ln1Beta() : null, dIn, a.ln1Y,
            a.ln1Rstd, p.ln1Gamma());
      } else {
        addInto(ds, dIn);
      }
    }
    return new Matrix[] {ds, dt};
  }

  private void project(
      Matrix out, ActivationCache.Layer a, LoraTarget t, Matrix in, BertTensors.Projection p) {
    LoraLinear.forward(out, a.loraXa[t.ordinal()], in, p.weight(), p.bias(), p.loraA(), p.loraB(),
        config.lora().scale());
  }

  private void projectBackward(
      Matrix dIn, LoraTarget t, Matrix dOut, Matrix in, ActivationCache.Layer a,
      BertTensors.Projection p, BertTensors.Projection gp) {
    boolean enc = trainable.contains(ParameterGroup.ENCODER);
    boolean lora = trainable.contains(ParameterGroup.LORA);
    Matrix dXa = p.loraA() == null ? null
        : new Matrix(cache.dXa.data(), 0, dOut.rows(), config.lora().rank());
    LoraLinear.backward(dIn, enc ? gp.weight() : null, enc ? gp.bias() : null,
        lora ? gp.loraA() : null, lora ? gp.loraB() : null, dXa, dOut, in, a.loraXa[t.ordinal()],
        p.weight(), p.loraA(), p.loraB(), config.lora().scale());
  }

  // --------------------------------------------------------------- classifier forward / backward

  /** Runs the encoder and the classification head; returns the logits (B, K), a cache view. */
  public Matrix classify(TokenBatch batch) {
    requireHead();
    encode(batch);
    ClassifierHead.forward(cache.logits, cache.pooled, cache.headZ, cache.headT, cache.hidden,
        cache.seqLen, config.pooling(), tokenMask, w.headA, w.headB, w.headClassifier, nl,
        Sites.HEAD_TANH);
    return cache.logits;
  }

  /**
   * Cross-entropy of the last {@link #classify}'s logits against {@code labels}; sets the logit
   * gradient of the mean loss for {@link #backward}.
   *
   * @return mean loss over the batch
   */
  public double classificationLoss(int[] labels) {
    if (config.regression()) {
      throw new IllegalStateException("model has one output (regression); use regressionLoss");
    }
    double loss = CrossEntropy.forward(cache.probs, cache.logits, labels, nl, Sites.LOSS_EXP,
        Sites.LOSS_RECIPROCAL);
    cache.dLogits.zero();
    CrossEntropy.backward(cache.dLogits, cache.probs, labels, 1.0 / cache.batch);
    return loss;
  }

  /**
   * Mean squared error of the last {@link #classify}'s single output against {@code targets};
   * sets the logit gradient for {@link #backward}.
   */
  public double regressionLoss(double[] targets) {
    if (!config.regression()) {
      throw new IllegalStateException(
          "model has " + config.numClasses() + " outputs; regression needs 1");
    }
    double loss = MeanSquaredError.forward(cache.logits, targets);
    cache.dLogits.zero();
    MeanSquaredError.backward(cache.dLogits, cache.logits, targets, 1.0 / cache.batch);
    return loss;
  }

  /** The logit gradient set by the last loss call (B, K); tests may overwrite it. */
  public Matrix logitGradient() {
    return cache.dLogits;
  }

  /** Back-propagates the logit gradient through the head and the encoder. */
  public void backward() {
    requireHead();
    boolean head = trainable.contains(ParameterGroup.HEAD);
    boolean below = trainable.contains(ParameterGroup.ENCODER)
        || trainable.contains(ParameterGroup.LORA);
    Matrix dHidden = below ? cache.dHidden : null;
    if (dHidden != null) {
      dHidden.zero();
    }
    ClassifierHead.backward(dHidden, head ? g.headA : null, head ? g.headB : null,
        head ? g.headClassifier : null, cache.dHeadT, cache.dHeadZ, cache.dPooled, cache.dLogits,
        cache.seqLen, config.pooling(), tokenMask, cache.pooled, cache.headZ, cache.headT,
        w.headA, w.headB, w.headClassifier);
    if (below) {
      backwardEncoder(dHidden);
    }
  }

  private void requireHead() {
    if (w.headClassifier == null) {
      throw new IllegalStateException("model has no classification head (numClasses = 0)");
    }
  }

  // --------------------------------------------------------------------- masked language model

  /**
   * Masked-language-model forward and loss: encodes {@code batch} (whose masked positions already
   * hold the replacement tokens), predicts {@code targets} at row indices {@code positions}
   * (into the B T rows), and sets the gradient for {@link #backwardMaskedLm}.
   *
   * @return mean cross-entropy over the masked positions
   */
  public double maskedLmLoss(TokenBatch batch, int[] positions, int[] targets) {
    if (w.mlmDecoder == null) {
      throw new IllegalStateException("model has no MLM decoder (mlmDecoder = NONE)");
    }
    if (positions.length == 0 || positions.length != targets.length) {
      throw new IllegalArgumentException("need as many targets as masked positions (>= 1), got "
          + positions.length + " and " + targets.length);
    }
    encode(batch);
    if (mlm == null) {
      mlm = new MaskedLm();
    }
    return mlm.forward(cache.hidden, positions, targets, w.mlmDecoder, nl);
  }

  /** Back-propagates the last {@link #maskedLmLoss} through the decoder and the encoder. */
  public void backwardMaskedLm() {
    boolean decoder = config.mlmDecoder() == MlmDecoderKind.TIED
        ? trainable.contains(ParameterGroup.ENCODER) : trainable.contains(ParameterGroup.MLM);
    cache.dHidden.zero();
    mlm.backward(cache.dHidden, decoder ? g.mlmDecoder : null, w.mlmDecoder);
    backwardEncoder(cache.dHidden);
  }

  // ------------------------------------------------------------------------------------ helpers

  private static void copy(Matrix from, Matrix to) {
    System.arraycopy(from.data(), from.offset(), to.data(), to.offset(), from.size());
  }

  private static void addInto(Matrix acc, Matrix x) {
    double[] a = acc.data();
    double[] b = x.data();
    int ao = acc.offset();
    int bo = x.offset();
    for (int i = 0; i < acc.size(); i++) {
      a[ao + i] += b[bo + i];
    }
  }
}
