package io.heformer.nn.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal reader of the Protocol Buffers wire format (proto2/proto3 encoding), enough to walk
 * an ONNX {@code ModelProto} without generated code.
 *
 * <p>Why hand-written: the ONNX file is a plain protobuf message; reading the handful of fields
 * the import needs (graph, nodes, initializers) takes a few wire-format primitives, so the import
 * stays pure Java with no generated classes and no protobuf runtime dependency.
 *
 * <p>The reader is a cursor over a window {@code [position, limit)} of one byte array. Nested
 * messages are read through {@link #readMessage()}, which returns a new reader over the nested
 * window (no copy). Group wire types (3, 4) are deprecated and rejected.
 *
 * <p>Not thread safe (it has a cursor); the underlying array is never modified.
 */
final class ProtoReader {
  /** Wire type of varint fields (int32, int64, uint64, bool, enum). */
  static final int VARINT = 0;
  /** Wire type of 64-bit little-endian fields (fixed64, double). */
  static final int FIXED64 = 1;
  /** Wire type of length-delimited fields (string, bytes, messages, packed repeated). */
  static final int LENGTH_DELIMITED = 2;
  /** Wire type of 32-bit little-endian fields (fixed32, float). */
  static final int FIXED32 = 5;

  private final byte[] bytes;
  private int position;
  private final int limit;
  private int lastTag;

  /**
   * A reader over {@code bytes[offset, offset + length)}.
   *
   * @throws IllegalArgumentException if the window lies outside the array
   */
  ProtoReader(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length || offset + length < 0) {
      throw new IllegalArgumentException(
          "window [" + offset + ", " + offset + "+" + length + ") outside array of " + bytes.length);
    }
    this.bytes = bytes;
    this.position = offset;
    this.limit = offset + length;
  }

  /** A reader over the whole array. */
  ProtoReader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  /** Whether another field remains in this message. */
  boolean hasNext() {
    return position < limit;
  }

  /**
   * Reads the next field key; {@link #fieldNumber()} and {@link #wireType()} then describe it.
   *
   * @return the field number
   */
  int readTag() {
    long tag = readVarint();
    if (tag <= 0 || tag > 0xFFFF_FFFFL) {
      throw corrupt("bad field key " + tag);
    }
    lastTag = (int) tag;
    return fieldNumber();
  }

  /** Field number of the last key read. */
  int fieldNumber() {
    return lastTag >>> 3;
  }

  /** Wire type of the last key read. */
  int wireType() {
    return lastTag & 7;
  }

  /** Reads a base-128 varint (up to 10 bytes). */
  long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) {
        throw corrupt("truncated varint");
      }
      byte b = bytes[position++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw corrupt("varint longer than 10 bytes");
  }

  /** Reads a little-endian 32-bit value (fixed32, float bits). */
  int readFixed32() {
    ensure(4);
    int v = (bytes[position] & 0xFF)
        | (bytes[position + 1] & 0xFF) << 8
        | (bytes[position + 2] & 0xFF) << 16
        | (bytes[position + 3] & 0xFF) << 24;
    position += 4;
    return v;
  }

  /** Reads a little-endian 64-bit value (fixed64, double bits). */
  long readFixed64() {
    long lo = readFixed32() & 0xFFFF_FFFFL;
    long hi = readFixed32() & 0xFFFF_FFFFL;
    return lo | hi << 32;
  }

  /** Reads the length prefix of a length-delimited field and returns its start offset. */
  private int readLengthPrefixed() {
    long length = readVarint();
    if (length < 0 || length > limit - position) {
      throw corrupt("length " + length + " exceeds the " + (limit - position) + " bytes left");
    }
    int start = position;
    position += (int) length;
    return start;
  }

  /** Reads a length-delimited field as a nested message reader (no copy). */
  ProtoReader readMessage() {
    int start = readLengthPrefixed();
    return new ProtoReader(bytes, start, position - start);
  }

  /** Reads a length-delimited field as UTF-8 text. */
  String readString() {
    int start = readLengthPrefixed();
    return new String(bytes, start, position - start, StandardCharsets.UTF_8);
  }

  /** Reads a length-delimited field as a little-endian read-only view of its bytes (no copy). */
  ByteBuffer readBytes() {
    int start = readLengthPrefixed();
    return ByteBuffer.wrap(bytes, start, position - start)
        .slice()
        .asReadOnlyBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Reads one element, or a packed run of elements, of a repeated varint field and appends them.
   *
   * @param out the growing list to append to
   */
  void readRepeatedVarints(LongList out) {
    if (wireType() == LENGTH_DELIMITED) {
      ProtoReader packed = readMessage();
      while (packed.hasNext()) {
        out.add(packed.readVarint());
      }
    } else if (wireType() == VARINT) {
      out.add(readVarint());
    } else {
      throw corrupt("wire type " + wireType() + " for a repeated varint field " + fieldNumber());
    }
  }

  /** Skips the value of the last key read. */
  void skip() {
    switch (wireType()) {
      case VARINT -> readVarint();
      case FIXED64 -> {
        ensure(8);
        position += 8;
      }
      case LENGTH_DELIMITED -> readLengthPrefixed();
      case FIXED32 -> {
        ensure(4);
        position += 4;
      }
      default -> throw corrupt("unsupported wire type " + wireType() + " (field " + fieldNumber() + ")");
    }
  }

  private void ensure(int n) {
    if (limit - position < n) {
      throw corrupt("needs " + n + " bytes, " + (limit - position) + " left");
    }
  }

  private IllegalArgumentException corrupt(String what) {
    return new IllegalArgumentException("corrupt protobuf at byte " + position + ": " + what);
  }

  /** A growable list of longs, so repeated int64 fields avoid boxing. */
  static final class LongList {
    private long[] values = new long[8];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
