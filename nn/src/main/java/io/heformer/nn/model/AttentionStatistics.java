package io.heformer.nn.model;

import io.heformer.nn.tensor.Matrix;

/**
 * How sharply each layer of a model attends, over the real tokens of the batches it encodes. For
 * a query row i of a real token and the real keys j of its sequence, with scores {@code s_ij} (the
 * Gaussian kernel's S or softmax's A, as {@link io.heformer.nn.layers.Attention} saves them):
 *
 * <ul>
 *   <li>row mass {@code sum_j s_ij}: 1 for softmax; the Gaussian kernel is unnormalised, so its
 *       mass, and with it the scale of the attention output, varies with the sequence;
 *   <li>row maximum {@code max_j s_ij};
 *   <li>effective keys {@code (sum_j s_ij)^2 / sum_j s_ij^2}, the participation ratio: n for a
 *       row spread evenly over n keys, 1 for a row on a single key (0 for a row that underflowed
 *       to zero).
 * </ul>
 *
 * Each is averaged over heads and query rows; so is the number of real keys, for scale.
 *
 * <p>Why: a kernel {@code exp(-|q - k|^2 / (2 sqrt d))} can only single out a key by making the
 * others' distances large, which also shrinks the row's mass, while softmax sharpens freely. The
 * effective keys of a converted model against its softmax teacher measure what the conversion
 * kept of the teacher's focus (see docs/design-notes.md).
 */
public final class AttentionStatistics {

  /**
   * Means over the rows added for one layer.
   *
   * @param rows query rows (real tokens times heads)
   * @param rowMass mean of {@code sum_j s_ij}
   * @param rowMax mean of {@code max_j s_ij}
   * @param effectiveKeys mean of {@code (sum_j s_ij)^2 / sum_j s_ij^2}
   * @param realKeys mean number of real keys per row
   */
  public record Layer(long rows, double rowMass, double rowMax, double effectiveKeys,
      double realKeys) {}

  private final long[] rows;
  private final double[] mass;
  private final double[] max;
  private final double[] effective;
  private final double[] keys;

  /** Empty statistics for a model of {@code layers} blocks. */
  public AttentionStatistics(int layers) {
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be >= 1, got " + layers);
    }
    rows = new long[layers];
    mass = new double[layers];
    max = new double[layers];
    effective = new double[layers];
    keys = new double[layers];
  }

  /**
   * Encodes {@code batch} with {@code model} and adds the attention rows of its real tokens.
   *
   * @throws IllegalArgumentException if the model's layer count differs from these statistics'
   */
  public void add(Bert model, TokenBatch batch) {
    BertConfig c = model.config();
    if (c.layers() != rows.length) {
      throw new IllegalArgumentException("model has " + c.layers() + " layers, statistics "
          + rows.length);
    }
    model.encode(batch);
    int t = batch.seqLen();
    int heads = c.heads();
    int[] mask = batch.mask();
    for (int l = 0; l < rows.length; l++) {
      Matrix s = model.cache().layer(l).scores;
      for (int b = 0; b < batch.batch(); b++) {
        int real = 0;
        for (int j = 0; j < t; j++) {
          real += mask[b * t + j];
        }
        for (int h = 0; h < heads; h++) {
          for (int i = 0; i < t; i++) {
            if (mask[b * t + i] == 0) {
              continue;
            }
            addRow(l, s, (b * heads + h) * t + i, mask, b * t, t, real);
          }
        }
      }
    }
  }

  private void addRow(int l, Matrix s, int row, int[] mask, int maskFrom, int t, int real) {
    double sum = 0;
    double squares = 0;
    double top = 0;
    for (int j = 0; j < t; j++) {
      if (mask[maskFrom + j] == 1) {
        double v = s.get(row, j);
        sum += v;
        squares += v * v;
        top = Math.max(top, v);
      }
    }
    rows[l]++;
    mass[l] += sum;
    max[l] += top;
    effective[l] += squares > 0 ? sum * sum / squares : 0;
    keys[l] += real;
  }

  /** Number of layers. */
  public int layers() {
    return rows.length;
  }

  /**
   * The means of layer {@code l}.
   *
   * @throws IllegalStateException if no real token has been added
   */
  public Layer layer(int l) {
    long n = rows[l];
    if (n == 0) {
      throw new IllegalStateException("no attention rows added");
    }
    return new Layer(n, mass[l] / n, max[l] / n, effective[l] / n, keys[l] / n);
  }
}
