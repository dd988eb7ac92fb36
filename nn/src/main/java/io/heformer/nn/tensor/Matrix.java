package io.heformer.nn.tensor;

import java.util.Arrays;

/**
 * A row-major view of {@code rows x cols} doubles inside a larger flat array, starting at {@code
 * offset}; row {@code i} starts at {@code offset + i * cols}.
 *
 * <p>Views let every parameter, gradient and optimiser moment live in one flat {@code double[]}
 * (STYLE.md R8) while layer code still sees matrices. A view never copies; two views may alias.
 *
 * @param data backing array (shared, mutable)
 * @param offset index of element (0, 0)
 * @param rows number of rows, at least 1
 * @param cols number of columns, at least 1
 */
public record Matrix(double[] data, int offset, int rows, int cols) {

  /** Validates that the view lies inside its array. */
  public Matrix {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("matrix shape must be positive, got " + rows + "x" + cols);
    }
    if (offset < 0 || (long) offset + (long) rows * cols > data.length) {
      throw new IllegalArgumentException(
          "view [" + offset + ", " + offset + "+" + rows + "x" + cols + ") exceeds array of length "
              + data.length);
    }
  }

  /** A fresh zero matrix backed by its own array. */
  public static Matrix zeros(int rows, int cols) {
    return new Matrix(new double[Math.multiplyExact(rows, cols)], 0, rows, cols);
  }

  /** Number of elements, {@code rows * cols}. */
  public int size() {
    return rows * cols;
  }

  /** Element (i, j). */
  public double get(int i, int j) {
    return data[offset + i * cols + j];
  }

  /** Sets element (i, j). */
  public void set(int i, int j, double v) {
    data[offset + i * cols + j] = v;
  }

  /** Array index of the first element of row {@code i}. */
  public int rowOffset(int i) {
    return offset + i * cols;
  }

  /** Sets every element to zero. */
  public void zero() {
    Arrays.fill(data, offset, offset + size(), 0.0);
  }

  /** Copies the elements into a new array (for tests and serialisation). */
  public double[] toArray() {
    return Arrays.copyOfRange(data, offset, offset + size());
  }

  /** A view of rows {@code [from, from + count)} of this matrix. */
  public Matrix rows(int from, int count) {
    if (from < 0 || count < 1 || from + count > rows) {
      throw new IllegalArgumentException(
          "rows [" + from + ", " + (from + count) + ") outside matrix with " + rows + " rows");
    }
    return new Matrix(data, offset + from * cols, count, cols);
  }
}
