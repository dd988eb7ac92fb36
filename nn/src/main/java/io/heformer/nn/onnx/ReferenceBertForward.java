package io.heformer.nn.onnx;

/**
 * The import oracle: a plain, unoptimised forward pass of the standard post-LayerNorm BERT
 * encoder over {@link PretrainedBert} weights, in double precision, for one sequence.
 *
 * <p>Why it exists: it pins down what the imported weights mean. Its output is compared with
 * ONNX Runtime running the original ONNX file, so a wrong mapping, a missed transposition or a
 * wrong epsilon shows up as a mismatch. It is not the project's model (that is the
 * encryption-friendly encoder in {@code io.heformer.nn}); it is kept minimal on purpose.
 *
 * <p>Computation (T tokens, H = hidden, d = H / heads):
 * <pre>
 * x_t  = LN(word[id_t] + position[t] + token_type[type_t])                 (embeddings)
 * per layer:
 *   q, k, v = x Wq + bq, x Wk + bk, x Wv + bv                             (each T x H)
 *   per head h: p_ij = softmax_j(q_ih . k_jh / sqrt(d)) over keys j with mask_j = 1
 *               c_ih = sum_j p_ij v_jh
 *   x = LN(x + (c Wo + bo))                                               (attention block)
 *   x = LN(x + (GELU(x Win + bin) Wout + bout))                           (feed-forward block)
 * GELU(z) = z/2 (1 + erf(z / sqrt 2)),   LN(z) = gamma (z - mean) / sqrt(var + eps) + beta
 * </pre>
 * Masked keys get zero attention weight, which equals ONNX's additive mask of the float32
 * minimum. Outputs at padded positions are computed too (they attend to the real tokens).
 *
 * <p>Stateless and thread safe; allocates its activations per call.
 */
public final class ReferenceBertForward {
  private ReferenceBertForward() {}

  /**
   * The encoder's last hidden state.
   *
   * @param model the weights
   * @param inputIds token ids, length T
   * @param attentionMask 1 = token, 0 = padding, length T
   * @param tokenTypeIds segment ids, length T
   * @return {@code [T][H]}
   * @throws IllegalArgumentException on length mismatch, T above the position table, an id
   *     outside the vocabulary, or no unmasked token
   */
  public static double[][] lastHiddenState(PretrainedBert model, int[] inputIds, int[] attentionMask, int[] tokenTypeIds) {
    PretrainedBertConfig c = model.config();
    int t = inputIds.length;
    check(c, inputIds, attentionMask, tokenTypeIds);
    int h = c.hidden();
    double[][] x = new double[t][h];
    double[] word = model.data("embeddings.word");
    double[] pos = model.data("embeddings.position");
    double[] type = model.data("embeddings.token_type");
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < h; j++) {
        x[i][j] = word[inputIds[i] * h + j] + pos[i * h + j] + type[tokenTypeIds[i] * h + j];
      }
    }
    layerNorm(x, model.data("embeddings.ln.gamma"), model.data("embeddings.ln.beta"), c.layerNormEps());
    for (int l = 0; l < c.layers(); l++) {
      double[][] attn = attention(model, l, x, attentionMask);
      addInPlace(x, attn);
      layerNorm(x, model.data(PretrainedBert.layer(l, "attn.ln.gamma")), model.data(PretrainedBert.layer(l, "attn.ln.beta")), c.layerNormEps());
      double[][] u = linear(x, model.weight(PretrainedBert.layer(l, "ffn.in.weight")), model.data(PretrainedBert.layer(l, "ffn.in.bias")));
      for (double[] row : u) {
        for (int j = 0; j < row.length; j++) {
          row[j] = gelu(row[j]);
        }
      }
      double[][] y = linear(u, model.weight(PretrainedBert.layer(l, "ffn.out.weight")), model.data(PretrainedBert.layer(l, "ffn.out.bias")));
      addInPlace(x, y);
      layerNorm(x, model.data(PretrainedBert.layer(l, "ffn.ln.gamma")), model.data(PretrainedBert.layer(l, "ffn.ln.beta")), c.layerNormEps());
    }
    return x;
  }

  /**
   * Mean of the hidden states over unmasked positions (the sentence-transformers pooling of
   * all-MiniLM-L6-v2, before its L2 normalisation).
   *
   * @throws IllegalArgumentException if no position is unmasked or the lengths differ
   */
  public static double[] meanPooled(double[][] hidden, int[] attentionMask) {
    if (hidden.length != attentionMask.length) {
      throw new IllegalArgumentException("hidden has " + hidden.length + " rows, mask " + attentionMask.length);
    }
    double[] out = new double[hidden[0].length];
    int n = 0;
    for (int i = 0; i < hidden.length; i++) {
      if (attentionMask[i] != 0) {
        n++;
        for (int j = 0; j < out.length; j++) {
          out[j] += hidden[i][j];
        }
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("no unmasked position to pool");
    }
    for (int j = 0; j < out.length; j++) {
      out[j] /= n;
    }
    return out;
  }

  private static void check(PretrainedBertConfig c, int[] ids, int[] mask, int[] types) {
    int t = ids.length;
    if (mask.length != t || types.length != t) {
      throw new IllegalArgumentException("lengths differ: ids " + t + ", mask " + mask.length + ", types " + types.length);
    }
    if (t == 0 || t > c.maxPositions()) {
      throw new IllegalArgumentException("sequence length " + t + " outside [1, " + c.maxPositions() + "]");
    }
    boolean any = false;
    for (int i = 0; i < t; i++) {
      if (ids[i] < 0 || ids[i] >= c.vocabSize()) {
        throw new IllegalArgumentException("token id " + ids[i] + " at " + i + " outside [0, " + c.vocabSize() + ")");
      }
      if (types[i] < 0 || types[i] >= c.typeVocabSize()) {
        throw new IllegalArgumentException("token type " + types[i] + " at " + i + " outside [0, " + c.typeVocabSize() + ")");
      }
      any |= mask[i] != 0;
    }
    if (!any) {
      throw new IllegalArgumentException("attention mask has no unmasked token");
    }
  }

  private static double[][] attention(PretrainedBert m, int l, double[][] x, int[] mask) {
    PretrainedBertConfig c = m.config();
    double[][] q = linear(x, m.weight(PretrainedBert.layer(l, "attn.q.weight")), m.data(PretrainedBert.layer(l, "attn.q.bias")));
    double[][] k = linear(x, m.weight(PretrainedBert.layer(l, "attn.k.weight")), m.data(PretrainedBert.layer(l, "attn.k.bias")));
    double[][] v = linear(x, m.weight(PretrainedBert.layer(l, "attn.v.weight")), m.data(PretrainedBert.layer(l, "attn.v.bias")));
    int t = x.length;
    int d = c.headDim();
    double scale = 1 / Math.sqrt(d);
    double[][] context = new double[t][c.hidden()];
    double[] p = new double[t];
    for (int head = 0; head < c.heads(); head++) {
      int off = head * d;
      for (int i = 0; i < t; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < t; j++) {
          if (mask[j] == 0) {
            continue;
          }
          double s = 0;
          for (int e = 0; e < d; e++) {
            s += q[i][off + e] * k[j][off + e];
          }
          p[j] = s * scale;
          max = Math.max(max, p[j]);
        }
        double sum = 0;
        for (int j = 0; j < t; j++) {
          p[j] = mask[j] == 0 ? 0 : Math.exp(p[j] - max);
          sum += p[j];
        }
        for (int j = 0; j < t; j++) {
          double w = p[j] / sum;
          for (int e = 0; e < d; e++) {
            context[i][off + e] += w * v[j][off + e];
          }
        }
      }
    }
    return linear(context, m.weight(PretrainedBert.layer(l, "attn.o.weight")), m.data(PretrainedBert.layer(l, "attn.o.bias")));
  }

  /** {@code x W + b} with W stored [in, out]. */
  private static double[][] linear(double[][] x, WeightTensor w, double[] b) {
    int in = w.shape()[0];
    int out = w.shape()[1];
    double[] wd = w.data();
    double[][] y = new double[x.length][out];
    for (int i = 0; i < x.length; i++) {
      double[] yi = y[i];
      System.arraycopy(b, 0, yi, 0, out);
      for (int r = 0; r < in; r++) {
        double xr = x[i][r];
        int base = r * out;
        for (int col = 0; col < out; col++) {
          yi[col] += xr * wd[base + col];
        }
      }
    }
    return y;
  }

  private static void addInPlace(double[][] x, double[][] y) {
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] += y[i][j];
      }
    }
  }

  private static void layerNorm(double[][] x, double[] gamma, double[] beta, double eps) {
    for (double[] row : x) {
      double mean = 0;
      for (double v : row) {
        mean += v;
      }
      mean /= row.length;
      double var = 0;
      for (double v : row) {
        var += (v - mean) * (v - mean);
      }
      var /= row.length;
      double inv = 1 / Math.sqrt(var + eps);
      for (int j = 0; j < row.length; j++) {
        row[j] = gamma[j] * (row[j] - mean) * inv + beta[j];
      }
    }
  }

  /** GELU, erf form: {@code z/2 (1 + erf(z/sqrt 2))}. */
  static double gelu(double z) {
    return 0.5 * z * (1 + erf(z / Math.sqrt(2)));
  }

  /**
   * The error function to double precision, from its everywhere-convergent series with positive
   * terms, {@code erf(x) = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (1 3 5 ... (2n+1))} (no
   * cancellation, no coefficient table); for |x| >= 6, erf(x) = sign(x) to double precision
   * (erfc(6) is about 2e-17).
   */
  static double erf(double x) {
    double a = Math.abs(x);
    if (a >= 6) {
      return Math.signum(x);
    }
    double x2 = a * a;
    double term = a;
    double sum = a;
    for (int n = 1; n < 400; n++) {
      term *= 2 * x2 / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    double r = 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
    return Math.copySign(Math.min(r, 1.0), x);
  }
}
