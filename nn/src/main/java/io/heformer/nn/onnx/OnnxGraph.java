package io.heformer.nn.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an ONNX {@code GraphProto} that a weight import needs: the nodes in file order
 * (ONNX requires topological order), the initializers by name, the graph's input and output
 * names, and the opset version of the default domain.
 *
 * <p>Immutable; queries are linear scans (the graphs here have a few hundred nodes).
 */
public final class OnnxGraph {
  private final List<OnnxNode> nodes;
  private final Map<String, OnnxTensorProto> initializers;
  private final List<String> inputNames;
  private final List<String> outputNames;
  private final long opsetVersion;

  OnnxGraph(
      List<OnnxNode> nodes,
      Map<String, OnnxTensorProto> initializers,
      List<String> inputNames,
      List<String> outputNames,
      long opsetVersion) {
    this.nodes = List.copyOf(nodes);
    this.initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
    this.inputNames = List.copyOf(inputNames);
    this.outputNames = List.copyOf(outputNames);
    this.opsetVersion = opsetVersion;
  }

  /** Nodes in file (topological) order. */
  public List<OnnxNode> nodes() {
    return nodes;
  }

  /** Initializers by name, in file order. */
  public Map<String, OnnxTensorProto> initializers() {
    return initializers;
  }

  /** Names of graph inputs that are not initializers (the model's real inputs). */
  public List<String> inputNames() {
    List<String> real = new ArrayList<>();
    for (String n : inputNames) {
      if (!initializers.containsKey(n)) {
        real.add(n);
      }
    }
    return real;
  }

  /** Names of the graph outputs. */
  public List<String> outputNames() {
    return outputNames;
  }

  /** Opset version of the default ({@code ai.onnx}) domain, or 0 if not declared. */
  public long opsetVersion() {
    return opsetVersion;
  }

  /** The node that produces {@code value}, if any. */
  public Optional<OnnxNode> producer(String value) {
    for (OnnxNode n : nodes) {
      if (n.outputs().contains(value)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /** The nodes that read {@code value}, in graph order. */
  public List<OnnxNode> consumers(String value) {
    List<OnnxNode> out = new ArrayList<>();
    for (OnnxNode n : nodes) {
      if (n.inputs().contains(value)) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * A constant value: an initializer, or the {@code value} of a {@code Constant} node.
   *
   * @return the tensor, or empty if {@code value} is computed at run time
   */
  public Optional<OnnxTensorProto> constant(String value) {
    OnnxTensorProto t = initializers.get(value);
    if (t != null) {
      return Optional.of(t);
    }
    return producer(value)
        .filter(n -> n.opType().equals("Constant"))
        .map(n -> n.tensorAttributes().get("value"));
  }
}
