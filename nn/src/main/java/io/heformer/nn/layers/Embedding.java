package io.heformer.nn.layers;

import io.heformer.nn.tensor.Matrix;

/**
 * Token plus position embedding: {@code out[b*T + t] = word[token[b*T + t]] + position[t]}.
 * word (V, C), position (maxSeq, C), out (N, C) with {@code N = batch * seqLen}. The embedding
 * LayerNorm that follows is a separate {@link LayerNorm}.
 *
 * <p>Saved for backward: only the token ids (the caller's input). Backward scatters: {@code
 * dWord[token] += dOut row}, {@code dPosition[t] += dOut row}.
 */
public final class Embedding {

  private Embedding() {}

  /**
   * Looks up and adds the embeddings.
   *
   * @param out (N, C), overwritten
   * @param tokens N token ids, each in {@code [0, V)}
   * @param seqLen T; row n has position {@code n % T}
   * @param word (V, C)
   * @param position (maxSeq, C), {@code maxSeq >= T}
   */
  public static void forward(Matrix out, int[] tokens, int seqLen, Matrix word, Matrix position) {
    int n = out.rows();
    int c = out.cols();
    check(tokens, n, seqLen, word, position, c);
    double[] o = out.data();
    double[] w = word.data();
    double[] p = position.data();
    for (int i = 0; i < n; i++) {
      int oo = out.rowOffset(i);
      int wo = word.rowOffset(tokens[i]);
      int po = position.rowOffset(i % seqLen);
      for (int j = 0; j < c; j++) {
        o[oo + j] = w[wo + j] + p[po + j];
      }
    }
  }

  /**
   * Accumulates the embedding gradients.
   *
   * @param dWord (V, C) or null (frozen)
   * @param dPosition (maxSeq, C) or null (frozen)
   * @param dOut (N, C)
   * @param tokens the forward token ids
   * @param seqLen T
   */
  public static void backward(
      Matrix dWord, Matrix dPosition, Matrix dOut, int[] tokens, int seqLen) {
    int n = dOut.rows();
    int c = dOut.cols();
    double[] g = dOut.data();
    for (int i = 0; i < n; i++) {
      int go = dOut.rowOffset(i);
      if (dWord != null) {
        double[] w = dWord.data();
        int wo = dWord.rowOffset(tokens[i]);
        for (int j = 0; j < c; j++) {
          w[wo + j] += g[go + j];
        }
      }
      if (dPosition != null) {
        double[] p = dPosition.data();
        int po = dPosition.rowOffset(i % seqLen);
        for (int j = 0; j < c; j++) {
          p[po + j] += g[go + j];
        }
      }
    }
  }

  private static void check(
      int[] tokens, int n, int seqLen, Matrix word, Matrix position, int c) {
    if (tokens.length < n) {
      throw new IllegalArgumentException("need " + n + " token ids, got " + tokens.length);
    }
    if (seqLen < 1 || seqLen > position.rows() || n % seqLen != 0) {
      throw new IllegalArgumentException(
          "sequence length " + seqLen + " invalid for " + n + " rows and " + position.rows()
              + " positions");
    }
    if (word.cols() != c || position.cols() != c) {
      throw new IllegalArgumentException(
          "embedding width " + word.cols() + "/" + position.cols() + " != output width " + c);
    }
    int v = word.rows();
    for (int i = 0; i < n; i++) {
      if (tokens[i] < 0 || tokens[i] >= v) {
        throw new IllegalArgumentException(
            "token id " + tokens[i] + " at position " + i + " outside vocabulary [0, " + v + ")");
      }
    }
  }
}
