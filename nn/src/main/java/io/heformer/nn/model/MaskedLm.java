package io.heformer.nn.model;

import io.heformer.nn.layers.CrossEntropy;
import io.heformer.nn.layers.MaskedLmDecoder;
import io.heformer.nn.nonlinear.Nonlinearities;
import io.heformer.nn.tensor.Matrix;

/**
 * The masked-language-model tail of {@link Bert}: decoder plus cross-entropy over the vocabulary,
 * with its own grow-only buffers (M masked rows by V logits can be far larger than the encoder's
 * activations). Saved for backward: the gathered hidden rows and the softmax.
 */
final class MaskedLm {

  private static final String EXP_SITE = "mlm.exp";
  private static final String RECIPROCAL_SITE = "mlm.reciprocal";

  private double[] gatheredData = new double[0];
  private double[] probsData = new double[0];
  private double[] dLogitsData = new double[0];
  private Matrix gathered;
  private Matrix logits;
  private Matrix probs;
  private int[] positions;

  double forward(
      Matrix hidden, int[] positions, int[] targets, Matrix decoder, Nonlinearities nl) {
    int m = positions.length;
    int c = hidden.cols();
    int v = decoder.rows();
    gatheredData = grow(gatheredData, m * c);
    probsData = grow(probsData, m * v);
    dLogitsData = grow(dLogitsData, m * v);
    gathered = new Matrix(gatheredData, 0, m, c);
    logits = new Matrix(dLogitsData, 0, m, v);
    probs = new Matrix(probsData, 0, m, v);
    this.positions = positions.clone();
    MaskedLmDecoder.forward(logits, gathered, hidden, positions, decoder);
    double loss = CrossEntropy.forward(probs, logits, targets, nl, EXP_SITE, RECIPROCAL_SITE);
    // The logits are no longer needed: their buffer becomes the logit gradient.
    Matrix dLogits = logits;
    dLogits.zero();
    CrossEntropy.backward(dLogits, probs, targets, 1.0 / m);
    return loss;
  }

  void backward(Matrix dHidden, Matrix dDecoder, Matrix decoder) {
    Matrix dLogits = logits;
    Matrix dGathered = new Matrix(new double[gathered.size()], 0, gathered.rows(),
        gathered.cols());
    MaskedLmDecoder.backward(dHidden, dDecoder, dGathered, dLogits, positions, gathered, decoder);
  }

  private static double[] grow(double[] a, int size) {
    return a.length >= size ? a : new double[size];
  }
}
