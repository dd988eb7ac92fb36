package io.heformer.nn.model;

import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import io.heformer.nn.layers.Pooling;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shape and options of the encoder, validated on construction (STYLE.md R1).
 *
 * @param vocabSize V, word-embedding rows
 * @param maxSeqLen longest sequence T (position-embedding rows)
 * @param width C, hidden size
 * @param heads H, must divide C (head dim d = C / H)
 * @param layers number of transformer blocks
 * @param ffnDim columns of the feed-forward input projection (ReLU-GLU: twice the gated width)
 * @param feedForward feed-forward kind
 * @param attention attention kind
 * @param norm LayerNorm placement
 * @param bias whether dense layers have biases (paper: no; imported BERT: yes)
 * @param layerNormEps LayerNorm epsilon (paper: 1e-12 plaintext, 1e-5 encrypted)
 * @param maskValue additive attention mask for padded keys (paper: -10000)
 * @param headRank R, the pooler's low-rank width (paper 32); 0 with {@code numClasses == 0}
 * @param headWidth W, the pooler's output width before tanh (paper 1024)
 * @param numClasses K, classifier outputs (1 = regression); 0 for no classification head
 * @param lora LoRA adapters
 * @param mlmDecoder MLM output projection
 * @param pooling the head's row summary (paper: CLS)
 */
public record BertConfig(
    int vocabSize, int maxSeqLen, int width, int heads, int layers, int ffnDim,
    FeedForwardKind feedForward, AttentionKind attention, NormPlacement norm, boolean bias,
    double layerNormEps, double maskValue, int headRank, int headWidth, int numClasses,
    LoraConfig lora, MlmDecoderKind mlmDecoder, Pooling pooling) {

  /** Validates every field; messages name the field and the value. */
  public BertConfig {
    positive("vocabSize", vocabSize);
    positive("maxSeqLen", maxSeqLen);
    positive("width", width);
    positive("heads", heads);
    positive("layers", layers);
    positive("ffnDim", ffnDim);
    if (width % heads != 0) {
      throw new IllegalArgumentException(
          "heads (" + heads + ") must divide width (" + width + ")");
    }
    if (feedForward == FeedForwardKind.RELU_GLU && ffnDim % 2 != 0) {
      throw new IllegalArgumentException("ReLU-GLU needs an even ffnDim, got " + ffnDim);
    }
    if (!(layerNormEps > 0)) {
      throw new IllegalArgumentException("layerNormEps must be > 0, got " + layerNormEps);
    }
    if (!(maskValue < 0)) {
      throw new IllegalArgumentException("maskValue must be negative, got " + maskValue);
    }
    if (numClasses < 0) {
      throw new IllegalArgumentException("numClasses must be >= 0, got " + numClasses);
    }
    if (numClasses > 0) {
      positive("headRank", headRank);
      positive("headWidth", headWidth);
    }
    if (feedForward == null || attention == null || norm == null || lora == null
        || mlmDecoder == null || pooling == null) {
      throw new IllegalArgumentException("config enums and lora must not be null");
    }
    if (lora.rank() > width) {
      throw new IllegalArgumentException(
          "LoRA rank " + lora.rank() + " exceeds width " + width);
    }
  }

  /** The paper's CLS pooling. */
  public BertConfig(
      int vocabSize, int maxSeqLen, int width, int heads, int layers, int ffnDim,
      FeedForwardKind feedForward, AttentionKind attention, NormPlacement norm, boolean bias,
      double layerNormEps, double maskValue, int headRank, int headWidth, int numClasses,
      LoraConfig lora, MlmDecoderKind mlmDecoder) {
    this(vocabSize, maxSeqLen, width, heads, layers, ffnDim, feedForward, attention, norm, bias,
        layerNormEps, maskValue, headRank, headWidth, numClasses, lora, mlmDecoder, Pooling.CLS);
  }

  private static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + v);
    }
  }

  /** Head dimension d = C / H. */
  public int headDim() {
    return width / heads;
  }

  /** Columns of the activation feeding the feed-forward output projection. */
  public int ffnHidden() {
    return feedForward.hiddenWidth(ffnDim);
  }

  /** True when the classifier is a one-output regression (MSE loss). */
  public boolean regression() {
    return numClasses == 1;
  }

  /** Copy with another number of classifier outputs. */
  public BertConfig withNumClasses(int k) {
    return new BertConfig(vocabSize, maxSeqLen, width, heads, layers, ffnDim, feedForward,
        attention, norm, bias, layerNormEps, maskValue, headRank, headWidth, k, lora, mlmDecoder,
        pooling);
  }

  /** Copy with another attention kind. */
  public BertConfig withAttention(AttentionKind a) {
    return new BertConfig(vocabSize, maxSeqLen, width, heads, layers, ffnDim, feedForward, a,
        norm, bias, layerNormEps, maskValue, headRank, headWidth, numClasses, lora, mlmDecoder,
        pooling);
  }

  /** Copy with other LoRA adapters. */
  public BertConfig withLora(LoraConfig l) {
    return new BertConfig(vocabSize, maxSeqLen, width, heads, layers, ffnDim, feedForward,
        attention, norm, bias, layerNormEps, maskValue, headRank, headWidth, numClasses, l,
        mlmDecoder, pooling);
  }

  /** Copy with another vocabulary size. */
  public BertConfig withVocabSize(int v) {
    return new BertConfig(v, maxSeqLen, width, heads, layers, ffnDim, feedForward, attention,
        norm, bias, layerNormEps, maskValue, headRank, headWidth, numClasses, lora, mlmDecoder,
        pooling);
  }

  /** Copy with another MLM decoder. */
  public BertConfig withMlmDecoder(MlmDecoderKind m) {
    return new BertConfig(vocabSize, maxSeqLen, width, heads, layers, ffnDim, feedForward,
        attention, norm, bias, layerNormEps, maskValue, headRank, headWidth, numClasses, lora, m,
        pooling);
  }

  /** Copy with another maximum sequence length. */
  public BertConfig withMaxSeqLen(int t) {
    return new BertConfig(vocabSize, t, width, heads, layers, ffnDim, feedForward, attention,
        norm, bias, layerNormEps, maskValue, headRank, headWidth, numClasses, lora, mlmDecoder,
        pooling);
  }

  /** Copy with another head pooling. */
  public BertConfig withPooling(Pooling p) {
    return new BertConfig(vocabSize, maxSeqLen, width, heads, layers, ffnDim, feedForward,
        attention, norm, bias, layerNormEps, maskValue, headRank, headWidth, numClasses, lora,
        mlmDecoder, p);
  }

  /** The config as ordered {@code key -> value} strings (the checkpoint's config section). */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("vocabSize", Integer.toString(vocabSize));
    m.put("maxSeqLen", Integer.toString(maxSeqLen));
    m.put("width", Integer.toString(width));
    m.put("heads", Integer.toString(heads));
    m.put("layers", Integer.toString(layers));
    m.put("ffnDim", Integer.toString(ffnDim));
    m.put("feedForward", feedForward.name());
    m.put("attention", attention.name());
    m.put("norm", norm.name());
    m.put("bias", Boolean.toString(bias));
    m.put("layerNormEps", Double.toString(layerNormEps));
    m.put("maskValue", Double.toString(maskValue));
    m.put("headRank", Integer.toString(headRank));
    m.put("headWidth", Integer.toString(headWidth));
    m.put("numClasses", Integer.toString(numClasses));
    m.put("loraRank", Integer.toString(lora.rank()));
    m.put("loraAlpha", Double.toString(lora.alpha()));
    StringBuilder t = new StringBuilder();
    for (LoraTarget target : LoraTarget.values()) {
      if (lora.targets().contains(target)) {
        t.append(t.isEmpty() ? "" : ",").append(target.name());
      }
    }
    m.put("loraTargets", t.toString());
    m.put("mlmDecoder", mlmDecoder.name());
    m.put("pooling", pooling.name());
    return m;
  }

  /**
   * Parses {@link #toMap}'s output.
   *
   * @throws IllegalArgumentException naming the missing or malformed key
   */
  public static BertConfig fromMap(Map<String, String> m) {
    try {
      Set<LoraTarget> targets = EnumSet.noneOf(LoraTarget.class);
      String ts = req(m, "loraTargets");
      if (!ts.isBlank()) {
        for (String s : ts.split(",")) {
          targets.add(LoraTarget.valueOf(s.trim()));
        }
      }
      return new BertConfig(
          Integer.parseInt(req(m, "vocabSize")), Integer.parseInt(req(m, "maxSeqLen")),
          Integer.parseInt(req(m, "width")), Integer.parseInt(req(m, "heads")),
          Integer.parseInt(req(m, "layers")), Integer.parseInt(req(m, "ffnDim")),
          FeedForwardKind.valueOf(req(m, "feedForward")),
          AttentionKind.valueOf(req(m, "attention")), NormPlacement.valueOf(req(m, "norm")),
          Boolean.parseBoolean(req(m, "bias")), Double.parseDouble(req(m, "layerNormEps")),
          Double.parseDouble(req(m, "maskValue")), Integer.parseInt(req(m, "headRank")),
          Integer.parseInt(req(m, "headWidth")), Integer.parseInt(req(m, "numClasses")),
          new LoraConfig(Integer.parseInt(req(m, "loraRank")),
              Double.parseDouble(req(m, "loraAlpha")), targets),
          MlmDecoderKind.valueOf(req(m, "mlmDecoder")),
          // absent from checkpoints written before pooling was configurable: they used CLS
          Pooling.valueOf(m.getOrDefault("pooling", Pooling.CLS.name())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed number in config: " + e.getMessage(), e);
    }
  }

  private static String req(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("config key '" + key + "' missing");
    }
    return v;
  }
}
