package io.heformer.nn.onnx;

import java.util.Arrays;

/**
 * A named weight tensor, row-major.
 *
 * <p>The data array is owned by the record and not copied; callers must not modify it.
 *
 * @param name the parameter name (scheme in {@link PretrainedBert})
 * @param shape dimensions, outermost first
 * @param data elements, row-major, length = product of {@code shape}
 */
public record WeightTensor(String name, int[] shape, double[] data) {

  /**
   * @throws IllegalArgumentException if the data length is not the product of the shape
   */
  public WeightTensor {
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          name + ": shape " + Arrays.toString(shape) + " needs " + n + " elements, has " + data.length);
    }
  }

  /** A copy of the shape. */
  @Override
  public int[] shape() {
    return shape.clone();
  }
}
