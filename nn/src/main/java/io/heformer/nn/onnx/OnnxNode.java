package io.heformer.nn.onnx;

import java.util.List;
import java.util.Map;

/**
 * One ONNX {@code NodeProto}: an operator application in the graph.
 *
 * @param name node name (may be empty)
 * @param opType operator, e.g. {@code "MatMul"}, {@code "Add"}, {@code "LayerNormalization"}
 * @param inputs names of the input values, in operator order (empty string = omitted input)
 * @param outputs names of the output values
 * @param intAttributes integer and integer-list attributes (lists keep every element; scalars
 *     are lists of one), e.g. {@code axis}, {@code perm}
 * @param floatAttributes float attributes, e.g. {@code epsilon}
 * @param tensorAttributes tensor attributes, e.g. a {@code Constant}'s {@code value}
 */
public record OnnxNode(
    String name,
    String opType,
    List<String> inputs,
    List<String> outputs,
    Map<String, long[]> intAttributes,
    Map<String, Double> floatAttributes,
    Map<String, OnnxTensorProto> tensorAttributes) {

  /** Defensive copies: the record is immutable. */
  public OnnxNode {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    intAttributes = Map.copyOf(intAttributes);
    floatAttributes = Map.copyOf(floatAttributes);
    tensorAttributes = Map.copyOf(tensorAttributes);
  }
}
