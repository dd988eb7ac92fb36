package io.heformer.nn.model;

import io.heformer.nn.tensor.Matrix;
import io.heformer.nn.tensor.MatrixBuffers;

/**
 * Everything the backward pass of {@link Bert} needs from its forward pass, per layer and step,
 * plus the work buffers of both passes (STYLE.md R8). Buffers grow to the largest batch seen and
 * are then reused, so steady-state training allocates nothing big; {@link #prepare} re-views them
 * for the current (B, T). N = B T rows, r = LoRA rank.
 *
 * <p>Saved activations (read by backward):
 *
 * <ul>
 *   <li>{@code embY} (N, C), {@code embRstd} (N, 1): embedding LayerNorm's normalised input and
 *       inverse standard deviation; {@code embOut} (N, C): its output, the first block's input
 *       (kept for {@link Bert#layerInput}, read by no backward);
 *   <li>per layer, {@link Layer}: the projections' input {@code attnIn}, LN1's y and r, Q, K, V,
 *       the LoRA intermediates X A per adapted projection, the attention weights S (Gaussian
 *       kernel) or A (softmax), the concatenated head outputs, the feed-forward input, LN2's y
 *       and r, the pre-activation [u | g], the step mask (or GELU') and the activation output;
 *   <li>{@code finalY}, {@code finalRstd}: final LayerNorm; {@code hidden} (N, C): encoder output;
 *   <li>head: {@code pooled} CLS rows (B, C), {@code headZ} (B, R), tanh output {@code headT} (B,
 *       W), {@code logits} (B, K), softmax {@code probs} (B, K).
 * </ul>
 *
 * <p>Work buffers (overwritten freely): {@code mask} (B, T) additive mask, {@code stream} (N, C)
 * residual stream, {@code tmp} (N, C), and the gradient buffers whose names start with {@code d}.
 */
public final class ActivationCache {

  /** Saved activations of one transformer block. */
  public static final class Layer {
    /** Input of the Q, K, V projections (pre-LN: LN1 output; post-LN: the block input). */
    public Matrix attnIn;
    /** LN1 normalised input and inverse std. */
    public Matrix ln1Y;
    /** LN1 inverse std (N, 1). */
    public Matrix ln1Rstd;
    /** Projected queries, keys, values (N, C). */
    public Matrix q;
    /** Keys. */
    public Matrix k;
    /** Values. */
    public Matrix v;
    /** X A per {@link LoraTarget} ordinal (N, r); null where that projection has no adapter. */
    public final Matrix[] loraXa = new Matrix[LoraTarget.values().length];
    /** S or A, (B H T, T). */
    public Matrix scores;
    /** Concatenated head outputs, input of W_o (N, C). */
    public Matrix attnOut;
    /** Input of the feed-forward block (pre-LN: LN2 output; post-LN: the stream). */
    public Matrix ffnIn;
    /** LN2 normalised input. */
    public Matrix ln2Y;
    /** LN2 inverse std. */
    public Matrix ln2Rstd;
    /** [u | g] or the MLP pre-activation (N, ffnDim). */
    public Matrix ffnPre;
    /** step(g) for ReLU(-GLU), GELU'(x) for GELU (N, ffnHidden). */
    public Matrix ffnAux;
    /** Activation output, input of W_out (N, ffnHidden). */
    public Matrix ffnAct;
    /** The block's output, the residual stream it hands on (N, C). */
    public Matrix out;

    private final MatrixBuffers b = new MatrixBuffers();
  }

  final Layer[] layers;
  Matrix mask;
  Matrix embY;
  Matrix embRstd;
  Matrix embOut;
  Matrix finalY;
  Matrix finalRstd;
  Matrix hidden;
  Matrix pooled;
  Matrix headZ;
  Matrix headT;
  Matrix logits;
  Matrix probs;
  Matrix stream;
  Matrix tmp;
  Matrix attnScratch;
  Matrix dStream;
  Matrix dTmp;
  Matrix dIn;
  Matrix dq;
  Matrix dk;
  Matrix dv;
  Matrix dAttnOut;
  Matrix dFfnPre;
  Matrix dFfnAct;
  Matrix dXa;
  Matrix dScores;
  Matrix dLogits;
  Matrix dHeadT;
  Matrix dHeadZ;
  Matrix dPooled;
  Matrix dHidden;
  int batch;
  int seqLen;

  private final BertConfig config;
  private final MatrixBuffers top = new MatrixBuffers();

  /** An empty cache for {@code config}; buffers are allocated by the first {@link #prepare}. */
  public ActivationCache(BertConfig config) {
    this.config = config;
    layers = new Layer[config.layers()];
    for (int l = 0; l < layers.length; l++) {
      layers[l] = new Layer();
    }
  }

  /** Current batch size B. */
  public int batch() {
    return batch;
  }

  /** Current sequence length T. */
  public int seqLen() {
    return seqLen;
  }

  /** Encoder output of the last forward pass (N, C). */
  public Matrix hidden() {
    return hidden;
  }

  /** Logits of the last classifier forward pass (B, K). */
  public Matrix logits() {
    return logits;
  }

  /** Saved activations of block {@code l}. */
  public Layer layer(int l) {
    return layers[l];
  }

  /** Views every buffer for a batch of B sequences of length T, growing storage if needed. */
  void prepare(int b, int t) {
    this.batch = b;
    this.seqLen = t;
    int n = b * t;
    int c = config.width();
    int h = config.heads();
    int r = Math.max(1, config.lora().rank());
    int f = config.ffnDim();
    int fh = config.ffnHidden();
    int k = Math.max(1, config.numClasses());
    int hr = Math.max(1, config.headRank());
    int hw = Math.max(1, config.headWidth());
    top.reset();
    mask = top.next(b, t);
    embY = top.next(n, c);
    embRstd = top.next(n, 1);
    embOut = top.next(n, c);
    finalY = top.next(n, c);
    finalRstd = top.next(n, 1);
    hidden = top.next(n, c);
    pooled = top.next(b, c);
    headZ = top.next(b, hr);
    headT = top.next(b, hw);
    logits = top.next(b, k);
    probs = top.next(b, k);
    stream = top.next(n, c);
    tmp = top.next(n, c);
    attnScratch = top.next(b * h * t, 1);
    dStream = top.next(n, c);
    dTmp = top.next(n, c);
    dIn = top.next(n, c);
    dq = top.next(n, c);
    dk = top.next(n, c);
    dv = top.next(n, c);
    dAttnOut = top.next(n, c);
    dFfnPre = top.next(n, f);
    dFfnAct = top.next(n, fh);
    dXa = top.next(n, r);
    dScores = top.next(b * h * t, t);
    dLogits = top.next(b, k);
    dHeadT = top.next(b, hw);
    dHeadZ = top.next(b, hr);
    dPooled = top.next(b, c);
    dHidden = top.next(n, c);
    for (Layer layer : layers) {
      MatrixBuffers lb = layer.b;
      lb.reset();
      layer.attnIn = lb.next(n, c);
      layer.ln1Y = lb.next(n, c);
      layer.ln1Rstd = lb.next(n, 1);
      layer.q = lb.next(n, c);
      layer.k = lb.next(n, c);
      layer.v = lb.next(n, c);
      for (LoraTarget target : LoraTarget.values()) {
        layer.loraXa[target.ordinal()] =
            config.lora().adapts(target) ? lb.next(n, config.lora().rank()) : null;
      }
      layer.scores = lb.next(b * h * t, t);
      layer.attnOut = lb.next(n, c);
      layer.ffnIn = lb.next(n, c);
      layer.ln2Y = lb.next(n, c);
      layer.ln2Rstd = lb.next(n, 1);
      layer.ffnPre = lb.next(n, f);
      layer.ffnAux = lb.next(n, fh);
      layer.ffnAct = lb.next(n, fh);
      layer.out = lb.next(n, c);
    }
  }

  /** Bytes held by the cache's buffers. */
  public long bytes() {
    long s = top.capacity();
    for (Layer l : layers) {
      s += l.b.capacity();
    }
    return 8L * s;
  }
}
