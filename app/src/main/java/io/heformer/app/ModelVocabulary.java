package io.heformer.app;

import io.heformer.nn.model.BertConfig;
import io.heformer.nn.onnx.MiniLmArtifact;
import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.text.Vocabulary;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tokenizer that matches a model's vocabulary, for the verbs that read checkpoints: an
 * explicit vocab.txt, else the one {@code pretrain} writes beside a checkpoint, else MiniLM's
 * BERT-uncased vocabulary (the one every imported or converted model keeps).
 */
final class ModelVocabulary {

  private ModelVocabulary() {}

  /**
   * The vocab.txt a model is read with, or null for MiniLM's built-in vocabulary.
   *
   * @param vocab an explicit vocab.txt, or null
   * @param checkpoint the model's checkpoint file, or null for MiniLM as imported
   */
  static Path file(Path vocab, Path checkpoint) {
    if (vocab != null || checkpoint == null) {
      return vocab;
    }
    Path beside = PretrainCommand.vocabFile(checkpoint);
    return Files.isRegularFile(beside) ? beside : null;
  }

  /**
   * The tokenizer for {@code config}, read from {@link #file}.
   *
   * @throws IllegalArgumentException if the vocabulary's size is not the model's
   */
  static BertTokenizer tokenizer(Path vocab, Path checkpoint, BertConfig config)
      throws IOException {
    Path file = file(vocab, checkpoint);
    BertTokenizer tok;
    if (file != null) {
      try (Reader in = Files.newBufferedReader(file)) {
        tok = BertTokenizer.uncased(Vocabulary.readVocabTxt(in));
      }
    } else {
      tok = MiniLmArtifact.tokenizer();
    }
    if (tok.vocabulary().size() != config.vocabSize()) {
      throw new IllegalArgumentException("vocabulary of " + tok.vocabulary().size() + " tokens ("
          + (file == null ? "BERT uncased" : file) + ") does not match the model's "
          + config.vocabSize() + "; pass --vocab");
    }
    return tok;
  }
}
