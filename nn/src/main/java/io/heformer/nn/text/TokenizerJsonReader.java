package io.heformer.nn.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a BERT tokenizer from a Hugging Face {@code tokenizer.json} (the format the pretrained
 * MiniLM artifact ships): the WordPiece vocabulary ({@code model.vocab}, token to id), the
 * word-length limit ({@code model.max_input_chars_per_word}) and the normalizer switches
 * ({@code normalizer.lowercase}, {@code strip_accents}, {@code handle_chinese_chars}).
 *
 * <p>Per the Hugging Face {@code BertNormalizer}, a {@code null} {@code strip_accents} means
 * "same as lowercase". Only {@code model.type = "WordPiece"} and a {@code BertNormalizer} are
 * accepted; anything else would tokenize differently and is refused.
 *
 * <p>Uses Jackson's streaming parser: the vocabulary is read in one pass without a tree.
 * Stateless and thread safe.
 */
public final class TokenizerJsonReader {
  private TokenizerJsonReader() {}

  /**
   * Reads the tokenizer (the stream is not closed).
   *
   * @throws IOException if reading fails or the JSON is malformed
   * @throws IllegalArgumentException if it is not a BERT WordPiece tokenizer, or ids are not
   *     exactly {@code 0..n-1}
   */
  public static BertTokenizer read(InputStream in) throws IOException {
    Map<String, Integer> vocab = null;
    String modelType = null;
    String normalizerType = null;
    int maxChars = WordPieceTokenizer.DEFAULT_MAX_INPUT_CHARS_PER_WORD;
    boolean lowercase = true;
    Boolean stripAccents = null;
    boolean chinese = true;
    JsonFactory factory = JsonFactory.builder().build();
    try (JsonParser p = factory.createParser(in)) {
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "model" -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              p.nextToken();
              switch (f) {
                case "type" -> modelType = p.getText();
                case "max_input_chars_per_word" -> maxChars = p.getIntValue();
                case "vocab" -> vocab = readVocab(p);
                default -> p.skipChildren();
              }
            }
          }
          case "normalizer" -> {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
              break;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              JsonToken v = p.nextToken();
              switch (f) {
                case "type" -> normalizerType = p.getText();
                case "lowercase" -> lowercase = v == JsonToken.VALUE_TRUE;
                case "strip_accents" -> stripAccents = v == JsonToken.VALUE_NULL ? null : v == JsonToken.VALUE_TRUE;
                case "handle_chinese_chars" -> chinese = v == JsonToken.VALUE_TRUE;
                default -> p.skipChildren();
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    if (!"WordPiece".equals(modelType)) {
      throw new IllegalArgumentException("tokenizer.json model type is " + modelType + ", expected WordPiece");
    }
    if (!"BertNormalizer".equals(normalizerType)) {
      throw new IllegalArgumentException(
          "tokenizer.json normalizer is " + normalizerType + ", expected BertNormalizer");
    }
    if (vocab == null) {
      throw new IllegalArgumentException("tokenizer.json has no model.vocab");
    }
    String[] byId = new String[vocab.size()];
    for (Map.Entry<String, Integer> e : vocab.entrySet()) {
      int id = e.getValue();
      if (id < 0 || id >= byId.length || byId[id] != null) {
        throw new IllegalArgumentException(
            "vocabulary ids must be 0.." + (byId.length - 1) + " without repeats; bad id " + id
                + " for '" + e.getKey() + "'");
      }
      byId[id] = e.getKey();
    }
    Vocabulary vocabulary = new Vocabulary(List.of(byId));
    boolean strip = stripAccents == null ? lowercase : stripAccents;
    return new BertTokenizer(
        new BasicTokenizer(new BasicTokenizerOptions(lowercase, strip, chinese)),
        new WordPieceTokenizer(vocabulary, maxChars));
  }

  private static Map<String, Integer> readVocab(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT);
    Map<String, Integer> vocab = new HashMap<>(1 << 16);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String token = p.currentName();
      expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
      if (vocab.put(token, p.getIntValue()) != null) {
        throw new IllegalArgumentException("token '" + token + "' repeats in model.vocab");
      }
    }
    return vocab;
  }

  private static void expect(JsonToken got, JsonToken want) {
    if (got != want) {
      throw new IllegalArgumentException("tokenizer.json: expected " + want + ", found " + got);
    }
  }
}
