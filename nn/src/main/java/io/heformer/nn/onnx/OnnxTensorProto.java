package io.heformer.nn.onnx;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One ONNX {@code TensorProto}: a name, an element type, a shape and its elements.
 *
 * <p>Elements stay in the form the file stores them until asked for: little-endian bytes (from
 * {@code raw_data}, or from the packed {@code float_data} / {@code double_data} fields, which
 * have the same layout) viewed without copying, or decoded varints (from {@code int32_data} /
 * {@code int64_data}). {@link #toDoubles()} and {@link #toLongs()} decode on demand, so reading a
 * model does not double its memory before the caller picks the tensors it needs.
 *
 * <p>Immutable and thread safe: the byte view is read-only and every accessor copies.
 */
public final class OnnxTensorProto {
  /** ONNX {@code TensorProto.DataType.FLOAT}. */
  public static final int FLOAT = 1;
  /** ONNX {@code TensorProto.DataType.INT32}. */
  public static final int INT32 = 6;
  /** ONNX {@code TensorProto.DataType.INT64}. */
  public static final int INT64 = 7;
  /** ONNX {@code TensorProto.DataType.DOUBLE}. */
  public static final int DOUBLE = 11;

  private final String name;
  private final int dataType;
  private final long[] dims;
  private final ByteBuffer littleEndian;
  private final long[] varints;

  /**
   * @param name tensor name (initializer or constant name)
   * @param dataType ONNX data type code
   * @param dims shape, outermost first
   * @param littleEndian element bytes, or {@code null} if the elements came as varints
   * @param varints elements stored as varints, or {@code null}
   * @throws IllegalArgumentException if the element count does not match the shape
   */
  OnnxTensorProto(String name, int dataType, long[] dims, ByteBuffer littleEndian, long[] varints) {
    this.name = name;
    this.dataType = dataType;
    this.dims = dims.clone();
    this.littleEndian = littleEndian;
    this.varints = varints;
    long expected = elementCount();
    long stored = storedCount();
    if (stored != expected) {
      throw new IllegalArgumentException(
          "tensor '" + name + "' of shape " + Arrays.toString(dims) + " (" + expected
              + " elements, type " + dataType + ") stores " + stored + " elements");
    }
  }

  private long storedCount() {
    if (varints != null) {
      return varints.length;
    }
    if (littleEndian == null) {
      return 0;
    }
    int width = switch (dataType) {
      case FLOAT, INT32 -> 4;
      case INT64, DOUBLE -> 8;
      default -> throw new IllegalArgumentException(
          "tensor '" + name + "': unsupported ONNX data type " + dataType
              + " (supported: FLOAT=1, INT32=6, INT64=7, DOUBLE=11)");
    };
    return littleEndian.remaining() / width;
  }

  /** The tensor's name. */
  public String name() {
    return name;
  }

  /** The ONNX data type code (1 = float32, 6 = int32, 7 = int64, 11 = float64). */
  public int dataType() {
    return dataType;
  }

  /** A copy of the shape, outermost dimension first. */
  public long[] dims() {
    return dims.clone();
  }

  /** The shape as ints, for tensors whose dimensions fit an int. */
  public int[] shape() {
    int[] shape = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      shape[i] = Math.toIntExact(dims[i]);
    }
    return shape;
  }

  /** Product of the dimensions (1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (long d : dims) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /**
   * Decodes the elements, row-major, as doubles (float32 values are widened exactly).
   *
   * @return a new array of {@link #elementCount()} values
   */
  public double[] toDoubles() {
    int n = Math.toIntExact(elementCount());
    double[] out = new double[n];
    if (varints != null) {
      for (int i = 0; i < n; i++) {
        out[i] = dataType == INT32 ? (int) varints[i] : varints[i];
      }
      return out;
    }
    ByteBuffer b = littleEndian.duplicate().order(littleEndian.order());
    switch (dataType) {
      case FLOAT -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.getFloat(4 * i);
        }
      }
      case DOUBLE -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.getDouble(8 * i);
        }
      }
      case INT32 -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.getInt(4 * i);
        }
      }
      case INT64 -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.getLong(8 * i);
        }
      }
      default -> throw new IllegalStateException("unreachable: type checked in constructor");
    }
    return out;
  }

  /**
   * Decodes integer elements as longs.
   *
   * @throws IllegalStateException if the tensor is not INT32 or INT64
   */
  public long[] toLongs() {
    if (dataType != INT32 && dataType != INT64) {
      throw new IllegalStateException(
          "tensor '" + name + "' has data type " + dataType + ", not an integer type");
    }
    int n = Math.toIntExact(elementCount());
    if (varints != null) {
      long[] out = varints.clone();
      if (dataType == INT32) {
        for (int i = 0; i < n; i++) {
          out[i] = (int) out[i];
        }
      }
      return out;
    }
    long[] out = new long[n];
    ByteBuffer b = littleEndian.duplicate().order(littleEndian.order());
    for (int i = 0; i < n; i++) {
      out[i] = dataType == INT32 ? b.getInt(4 * i) : b.getLong(8 * i);
    }
    return out;
  }

  @Override
  public String toString() {
    return "OnnxTensorProto[" + name + ", type=" + dataType + ", dims=" + Arrays.toString(dims) + "]";
  }
}
