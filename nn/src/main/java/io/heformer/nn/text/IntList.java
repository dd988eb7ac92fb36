package io.heformer.nn.text;

import java.util.Arrays;

/**
 * A growable list of ints, so token-id streams avoid boxing.
 *
 * <p>Not thread safe.
 */
public final class IntList {
  private int[] values;
  private int size;

  /** An empty list. */
  public IntList() {
    values = new int[16];
  }

  /** Appends {@code v}. */
  public void add(int v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, Math.max(16, size * 2));
    }
    values[size++] = v;
  }

  /**
   * The element at {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size)}
   */
  public int get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " outside [0, " + size + ")");
    }
    return values[index];
  }

  /** Number of elements. */
  public int size() {
    return size;
  }

  /**
   * Drops elements from {@code newSize} on.
   *
   * @throws IllegalArgumentException if {@code newSize} is outside {@code [0, size]}
   */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("cannot truncate a list of " + size + " to " + newSize);
    }
    size = newSize;
  }

  /** A copy of the elements. */
  public int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
