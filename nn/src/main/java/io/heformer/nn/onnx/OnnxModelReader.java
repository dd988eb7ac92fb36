package io.heformer.nn.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an ONNX model file ({@code ModelProto}, protobuf wire format) into an {@link OnnxGraph}.
 *
 * <p>Field numbers follow {@code onnx.proto} (IR version 3 and later): ModelProto.graph = 7,
 * opset_import = 8; GraphProto.node = 1, initializer = 5, input = 11, output = 12;
 * NodeProto.input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7;
 * AttributeProto.name = 1, f = 2, i = 3, t = 5, floats = 7, ints = 8; TensorProto.dims = 1,
 * data_type = 2, float_data = 4, int32_data = 5, int64_data = 7, name = 8, raw_data = 9,
 * double_data = 10, data_location = 14; ValueInfoProto.name = 1. Everything else is skipped.
 *
 * <p>Tensors keep views into the model bytes (no copy), so the returned graph holds on to the
 * array. Weights stored as external data (a side file) are rejected: the import reads one file.
 *
 * <p>Stateless and thread safe.
 */
public final class OnnxModelReader {
  private OnnxModelReader() {}

  /**
   * Reads a model from a stream (the stream is read to its end, not closed).
   *
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the bytes are not a well-formed ONNX model
   */
  public static OnnxGraph read(InputStream in) throws IOException {
    return read(in.readAllBytes());
  }

  /**
   * Reads a model from its bytes.
   *
   * @throws IllegalArgumentException if the bytes are not a well-formed ONNX model
   */
  public static OnnxGraph read(byte[] model) {
    ProtoReader r = new ProtoReader(model);
    ProtoReader graph = null;
    long opset = 0;
    while (r.hasNext()) {
      switch (r.readTag()) {
        case 7 -> graph = r.readMessage();
        case 8 -> {
          ProtoReader op = r.readMessage();
          String domain = "";
          long version = 0;
          while (op.hasNext()) {
            switch (op.readTag()) {
              case 1 -> domain = op.readString();
              case 2 -> version = op.readVarint();
              default -> op.skip();
            }
          }
          if (domain.isEmpty() || domain.equals("ai.onnx")) {
            opset = version;
          }
        }
        default -> r.skip();
      }
    }
    if (graph == null) {
      throw new IllegalArgumentException("not an ONNX model: no graph field in " + model.length + " bytes");
    }
    return readGraph(graph, opset);
  }

  private static OnnxGraph readGraph(ProtoReader g, long opset) {
    List<OnnxNode> nodes = new ArrayList<>();
    Map<String, OnnxTensorProto> initializers = new LinkedHashMap<>();
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    while (g.hasNext()) {
      switch (g.readTag()) {
        case 1 -> nodes.add(readNode(g.readMessage()));
        case 5 -> {
          OnnxTensorProto t = readTensor(g.readMessage());
          initializers.put(t.name(), t);
        }
        case 11 -> inputs.add(readValueInfoName(g.readMessage()));
        case 12 -> outputs.add(readValueInfoName(g.readMessage()));
        default -> g.skip();
      }
    }
    return new OnnxGraph(nodes, initializers, inputs, outputs, opset);
  }

  private static String readValueInfoName(ProtoReader v) {
    String name = "";
    while (v.hasNext()) {
      if (v.readTag() == 1) {
        name = v.readString();
      } else {
        v.skip();
      }
    }
    return name;
  }

  private static OnnxNode readNode(ProtoReader n) {
    String name = "";
    String opType = "";
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    Map<String, long[]> ints = new HashMap<>();
    Map<String, Double> floats = new HashMap<>();
    Map<String, OnnxTensorProto> tensors = new HashMap<>();
    while (n.hasNext()) {
      switch (n.readTag()) {
        case 1 -> inputs.add(n.readString());
        case 2 -> outputs.add(n.readString());
        case 3 -> name = n.readString();
        case 4 -> opType = n.readString();
        case 5 -> readAttribute(n.readMessage(), ints, floats, tensors);
        default -> n.skip();
      }
    }
    return new OnnxNode(name, opType, inputs, outputs, ints, floats, tensors);
  }

  private static void readAttribute(
      ProtoReader a, Map<String, long[]> ints, Map<String, Double> floats, Map<String, OnnxTensorProto> tensors) {
    String name = "";
    Double f = null;
    OnnxTensorProto t = null;
    ProtoReader.LongList intValues = new ProtoReader.LongList();
    boolean hasInts = false;
    while (a.hasNext()) {
      switch (a.readTag()) {
        case 1 -> name = a.readString();
        case 2 -> f = (double) Float.intBitsToFloat(a.readFixed32());
        case 3, 8 -> {
          a.readRepeatedVarints(intValues);
          hasInts = true;
        }
        case 5 -> t = readTensor(a.readMessage());
        default -> a.skip();
      }
    }
    if (hasInts) {
      ints.put(name, intValues.toArray());
    }
    if (f != null) {
      floats.put(name, f);
    }
    if (t != null) {
      tensors.put(name, t);
    }
  }

  private static OnnxTensorProto readTensor(ProtoReader t) {
    String name = "";
    int dataType = 0;
    ProtoReader.LongList dims = new ProtoReader.LongList();
    ByteBuffer bytes = null;
    ProtoReader.LongList varints = null;
    while (t.hasNext()) {
      switch (t.readTag()) {
        case 1 -> t.readRepeatedVarints(dims);
        case 2 -> dataType = (int) t.readVarint();
        case 8 -> name = t.readString();
        case 4, 9, 10 -> {
          if (t.wireType() != ProtoReader.LENGTH_DELIMITED) {
            throw new IllegalArgumentException(
                "tensor '" + name + "': unpacked field " + t.fieldNumber() + " is not supported");
          }
          bytes = t.readBytes();
        }
        case 5, 7 -> {
          if (varints == null) {
            varints = new ProtoReader.LongList();
          }
          t.readRepeatedVarints(varints);
        }
        case 14 -> {
          if (t.readVarint() != 0) {
            throw new IllegalArgumentException(
                "tensor '" + name + "' keeps its data in an external file; only self-contained models are read");
          }
        }
        default -> t.skip();
      }
    }
    return new OnnxTensorProto(name, dataType, dims.toArray(), bytes, varints == null ? null : varints.toArray());
  }
}
