package io.heformer.nn.model;

import io.heformer.nn.tensor.Matrix;
import java.util.Arrays;

/**
 * One flat {@code double[]} holding every tensor of a {@link ParameterLayout}, with named {@link
 * Matrix} views. Used for the parameters and, with the same layout, for their gradients.
 */
public final class ParameterSet {

  private final ParameterLayout layout;
  private final double[] data;

  /** A zero-filled set. */
  public ParameterSet(ParameterLayout layout) {
    this.layout = layout;
    this.data = new double[layout.size()];
  }

  /** The layout. */
  public ParameterLayout layout() {
    return layout;
  }

  /** The flat array (shared, mutable). */
  public double[] data() {
    return data;
  }

  /**
   * The view of tensor {@code name}.
   *
   * @throws IllegalArgumentException if there is no such tensor
   */
  public Matrix get(String name) {
    return view(layout.get(name));
  }

  /** The view of tensor {@code name}, or null if the layout has none. */
  public Matrix find(String name) {
    ParameterLayout.Entry e = layout.find(name);
    return e == null ? null : view(e);
  }

  /** The view of one layout entry. */
  public Matrix view(ParameterLayout.Entry e) {
    return new Matrix(data, e.offset(), e.rows(), e.cols());
  }

  /** Sets every element to zero. */
  public void zero() {
    Arrays.fill(data, 0.0);
  }

  /**
   * Copies every tensor of {@code source} whose name exists here with the same shape (a pretrained
   * encoder into a fine-tuning model with a new head and adapters).
   *
   * @return number of tensors copied
   * @throws IllegalArgumentException if a same-named tensor has a different shape
   */
  public int copyMatching(ParameterSet source) {
    int copied = 0;
    for (ParameterLayout.Entry e : source.layout.entries()) {
      ParameterLayout.Entry mine = layout.find(e.name());
      if (mine == null) {
        continue;
      }
      if (mine.rows() != e.rows() || mine.cols() != e.cols()) {
        throw new IllegalArgumentException(
            "parameter " + e.name() + " has shape (" + e.rows() + ", " + e.cols()
                + ") in the source but (" + mine.rows() + ", " + mine.cols() + ") here");
      }
      System.arraycopy(source.data, e.offset(), data, mine.offset(), e.size());
      copied++;
    }
    return copied;
  }
}
