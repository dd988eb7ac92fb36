package io.heformer.nn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protobuf/ONNX reader on a model assembled byte by byte in the test from the wire-format
 * rules (varint keys {@code field << 3 | wireType}, length-prefixed messages, little-endian
 * fixed-width values), independent of the reader's code.
 */
class OnnxModelReaderTest {

  /** Minimal protobuf writer for building test messages. */
  private static final class Msg {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) (v & 0x7F) | 0x80);
        v >>>= 7;
      }
      out.write((int) v);
    }

    Msg intField(int field, long v) {
      varint((long) field << 3);
      varint(v);
      return this;
    }

    Msg bytesField(int field, byte[] b) {
      varint((long) field << 3 | 2);
      varint(b.length);
      out.writeBytes(b);
      return this;
    }

    Msg string(int field, String s) {
      return bytesField(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Msg message(int field, Msg m) {
      return bytesField(field, m.bytes());
    }

    Msg floatField(int field, float f) {
      varint((long) field << 3 | 5);
      int bits = Float.floatToIntBits(f);
      for (int i = 0; i < 4; i++) {
        out.write(bits >>> (8 * i) & 0xFF);
      }
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  private static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  private static byte[] packedVarints(long... v) {
    Msg m = new Msg();
    for (long x : v) {
      m.varint(x);
    }
    return m.bytes();
  }

  private static byte[] model() {
    // Initializer W: float [2, 3] in raw_data; B: float [3] in packed float_data (field 4);
    // S: int64 [2] in packed int64_data (field 7), with a negative value (10-byte varint).
    Msg w = new Msg().intField(1, 2).intField(1, 3).intField(2, 1).string(8, "W")
        .bytesField(9, floats(1, 2, 3, 4, 5, 6));
    Msg b = new Msg().bytesField(1, packedVarints(3)).intField(2, 1).string(8, "B")
        .bytesField(4, floats(0.5f, -0.5f, 0.25f));
    Msg s = new Msg().bytesField(1, packedVarints(2)).intField(2, 7).string(8, "S")
        .bytesField(7, packedVarints(-1L, 300));
    Msg mm = new Msg().string(1, "x").string(1, "W").string(2, "y").string(3, "mm").string(4, "MatMul");
    Msg attrEps = new Msg().string(1, "epsilon").floatField(2, 1e-5f).intField(20, 1);
    Msg attrPerm = new Msg().string(1, "perm").bytesField(8, packedVarints(0, 2, 1)).intField(20, 7);
    Msg add = new Msg().string(1, "B").string(1, "y").string(2, "z").string(3, "add").string(4, "Add")
        .message(5, attrEps).message(5, attrPerm);
    Msg graph = new Msg().message(1, mm).message(1, add).string(2, "g")
        .message(5, w).message(5, b).message(5, s)
        .message(11, new Msg().string(1, "x")).message(11, new Msg().string(1, "W"))
        .message(12, new Msg().string(1, "z"));
    Msg opset = new Msg().string(1, "").intField(2, 14);
    return new Msg().intField(1, 8).string(2, "test").message(7, graph).message(8, opset).bytes();
  }

  @Test
  void readsGraphNodesAttributesAndInitializers() {
    OnnxGraph g = OnnxModelReader.read(model());
    assertEquals(14, g.opsetVersion());
    assertEquals(List.of("x"), g.inputNames(), "initializers listed as inputs are not model inputs");
    assertEquals(List.of("z"), g.outputNames());
    assertEquals(2, g.nodes().size());
    OnnxNode add = g.nodes().get(1);
    assertEquals("Add", add.opType());
    assertEquals(List.of("B", "y"), add.inputs());
    assertEquals(1e-5f, add.floatAttributes().get("epsilon").floatValue());
    assertArrayEquals(new long[] {0, 2, 1}, add.intAttributes().get("perm"));
    assertEquals("MatMul", g.producer("y").orElseThrow().opType());
    assertEquals(List.of(add), g.consumers("B"));

    OnnxTensorProto w = g.initializers().get("W");
    assertArrayEquals(new int[] {2, 3}, w.shape());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, w.toDoubles());
    assertArrayEquals(new double[] {0.5, -0.5, 0.25}, g.constant("B").orElseThrow().toDoubles());
    assertArrayEquals(new long[] {-1, 300}, g.initializers().get("S").toLongs());
    assertTrue(g.constant("y").isEmpty());
  }

  @Test
  void importerNamesTheFirstMissingTensor() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BertOnnxImporter.importGraph(OnnxModelReader.read(model())));
    assertTrue(e.getMessage().contains("embeddings.word_embeddings.weight"), e.getMessage());
  }

  @Test
  void rejectsTruncatedAndInconsistentInput() {
    byte[] m = model();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OnnxModelReader.read(Arrays.copyOf(m, m.length - 3)));
    assertTrue(e.getMessage().contains("corrupt protobuf"), e.getMessage());
    // A [2, 3] tensor holding 2 floats.
    Msg bad = new Msg().intField(1, 2).intField(1, 3).intField(2, 1).string(8, "W").bytesField(9, floats(1, 2));
    byte[] model = new Msg().message(7, new Msg().message(5, bad)).bytes();
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> OnnxModelReader.read(model));
    assertTrue(shape.getMessage().contains("stores 2 elements"), shape.getMessage());
    assertThrows(IllegalArgumentException.class, () -> OnnxModelReader.read(new byte[] {8, 1}));
  }
}
