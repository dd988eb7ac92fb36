package io.heformer.nn.tensor;

import java.util.ArrayList;

/**
 * Grow-only storage for a fixed sequence of matrix views, so that a loop over batches of varying
 * shape allocates nothing once the largest shape has been seen: the i-th {@link #next} call after
 * {@link #reset} always returns a view on the i-th array, which is enlarged when a bigger shape is
 * asked for. A view's contents are whatever the array last held; callers overwrite or zero it.
 */
public final class MatrixBuffers {
  private final ArrayList<double[]> arrays = new ArrayList<>();
  private int index;

  /** Starts the sequence again: the next {@link #next} returns a view on the first array. */
  public void reset() {
    index = 0;
  }

  /** A (rows, cols) view on the next array of the sequence. */
  public Matrix next(int rows, int cols) {
    int size = Math.multiplyExact(rows, cols);
    if (index == arrays.size()) {
      arrays.add(new double[size]);
    } else if (arrays.get(index).length < size) {
      arrays.set(index, new double[size]);
    }
    return new Matrix(arrays.get(index++), 0, rows, cols);
  }

  /** A copy of {@code m} in the next array of the sequence. */
  public Matrix copyOf(Matrix m) {
    Matrix c = next(m.rows(), m.cols());
    System.arraycopy(m.data(), m.offset(), c.data(), 0, m.size());
    return c;
  }

  /** Doubles held. */
  public long capacity() {
    long s = 0;
    for (double[] a : arrays) {
      s += a.length;
    }
    return s;
  }
}
