package io.heformer.app;

import io.heformer.nn.model.Bert;
import io.heformer.nn.model.Checkpoint;
import io.heformer.nn.onnx.MiniLmArtifact;
import io.heformer.nn.onnx.PretrainedBertMapping;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What an {@code --init} value names, for the verbs that start from a pretrained encoder:
 * {@code minilm} (all-MiniLM-L6-v2 as imported: softmax, GELU, post-LN) or a checkpoint file.
 */
final class EncoderInit {

  private EncoderInit() {}

  /** The checkpoint file of {@code init}, or null for MiniLM as imported (or no {@code init}). */
  static Path checkpoint(String init) {
    return init == null || init.equalsIgnoreCase("minilm") ? null : Path.of(init);
  }

  /**
   * The encoder {@code init} names.
   *
   * @param maxSeqLen positions kept from MiniLM (at most its 512)
   * @param layers MiniLM's first layers kept (a checkpoint keeps its own)
   */
  static Bert load(String init, int maxSeqLen, int layers) throws IOException {
    Path file = checkpoint(init);
    return file == null
        ? PretrainedBertMapping.toModel(MiniLmArtifact.load(), Math.min(maxSeqLen, 512), layers)
        : Checkpoint.read(file);
  }
}
