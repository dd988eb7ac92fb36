package io.heformer.nn.data;

import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.text.EncodedInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes GLUE examples into fixed-length model inputs with a BERT tokenizer:
 * {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]}, truncated longest-first and padded to
 * {@code seq}. Stateless and thread safe.
 */
public final class GlueEncoder {
  private GlueEncoder() {}

  /** Encodes one example. */
  public static EncodedExample encode(GlueExample example, BertTokenizer tokenizer, int seq) {
    EncodedInput in = example.isPair()
        ? tokenizer.encodePair(example.textA(), example.textB(), seq)
        : tokenizer.encode(example.textA(), seq);
    return new EncodedExample(in.inputIds(), in.attentionMask(), in.tokenTypeIds(), example.label(), example.target());
  }

  /** Encodes a list of examples, in order. */
  public static List<EncodedExample> encodeAll(List<GlueExample> examples, BertTokenizer tokenizer, int seq) {
    List<EncodedExample> out = new ArrayList<>(examples.size());
    for (GlueExample e : examples) {
      out.add(encode(e, tokenizer, seq));
    }
    return out;
  }
}
