package io.heformer.nn.data;

import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.text.TokenizerJsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The MiniLM (bert-base-uncased) tokenizer from the artifact on the test classpath, loaded once. */
final class TestTokenizers {
  private static BertTokenizer miniLm;

  private TestTokenizers() {}

  static synchronized BertTokenizer miniLm() {
    if (miniLm == null) {
      try (InputStream in = TestTokenizers.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
        miniLm = TokenizerJsonReader.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return miniLm;
  }
}
