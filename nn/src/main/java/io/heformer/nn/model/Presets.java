package io.heformer.nn.model;

import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import java.util.List;
import java.util.Locale;

/**
 * Named model configurations.
 *
 * <ul>
 *   <li>{@code paper}: 2 layers, width 768, 12 heads (d = 64), sequence 128, ReLU-GLU 3072 (gated
 *       width 1536), no dense biases, pre-LN, Gaussian-kernel attention, LoRA r = 2 on Q, K, V,
 *       head 768 -> 32 -> 1024 -> tanh -> K (paper §5, §6).
 *   <li>{@code cpu}: the same architecture scaled so that encrypted fine-tuning is practical on 2
 *       cores: 2 layers, width 128, 2 heads (d = 64, so the kernel's 1/(2 sqrt d) = 1/16 is the
 *       paper's), sequence 128, ReLU-GLU 512, LoRA r = 2 on Q, K, V, head 128 -> 16 -> 128 ->
 *       tanh -> K. Width 128 and sequence 128 make one activation exactly one 128 x 128 block.
 * </ul>
 *
 * Both use vocabulary 30522 (the BERT-uncased WordPiece vocabulary) unless changed with {@link
 * BertConfig#withVocabSize}, LayerNorm eps 1e-5 (the encrypted path's), mask -10000, and two
 * classes unless changed with {@link BertConfig#withNumClasses}.
 */
public final class Presets {

  /** Vocabulary of the BERT-uncased WordPiece tokenizer. */
  public static final int BERT_UNCASED_VOCAB = 30522;

  private Presets() {}

  /** Preset names accepted by {@link #byName}. */
  public static List<String> names() {
    return List.of("paper", "cpu");
  }

  /** The paper's model. */
  public static BertConfig paper() {
    return new BertConfig(BERT_UNCASED_VOCAB, 128, 768, 12, 2, 3072, FeedForwardKind.RELU_GLU,
        AttentionKind.GAUSSIAN_KERNEL, NormPlacement.PRE, false, 1e-5, -10000.0, 32, 1024, 2,
        LoraConfig.paper(), MlmDecoderKind.NONE);
  }

  /** The CPU-sized model. */
  public static BertConfig cpu() {
    return new BertConfig(BERT_UNCASED_VOCAB, 128, 128, 2, 2, 512, FeedForwardKind.RELU_GLU,
        AttentionKind.GAUSSIAN_KERNEL, NormPlacement.PRE, false, 1e-5, -10000.0, 16, 128, 2,
        LoraConfig.paper(), MlmDecoderKind.NONE);
  }

  /**
   * The preset called {@code name} ({@code paper} or {@code cpu}, case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static BertConfig byName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "paper" -> paper();
      case "cpu" -> cpu();
      default -> throw new IllegalArgumentException(
          "unknown preset '" + name + "'; known: " + names());
    };
  }
}
