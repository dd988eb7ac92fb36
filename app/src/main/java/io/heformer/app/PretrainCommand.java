package io.heformer.app;

import io.heformer.nn.model.Bert;
import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.Checkpoint;
import io.heformer.nn.model.Initializer;
import io.heformer.nn.model.LoraConfig;
import io.heformer.nn.model.MlmDecoderKind;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.Presets;
import io.heformer.nn.optim.AdamW;
import io.heformer.nn.train.Pretrainer;
import io.heformer.nn.train.SpecialTokens;
import io.heformer.nn.train.TokenSequenceSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code heformer pretrain}: masked-language-model pretraining of the encoder (CPU preset by
 * default) on a token-sequence corpus, written to a checkpoint that {@code finetune --init} reads.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
    description = "MLM-pretrain the encoder and write a checkpoint.")
public final class PretrainCommand implements Callable<Integer> {

  @Option(names = "--preset", defaultValue = "cpu")
  String preset;

  @Option(names = "--corpus", defaultValue = "gutenberg",
      description = "gutenberg (the shared corpus) or synthetic")
  String corpus;

  @Option(names = "--decoder", defaultValue = "tied", description = "tied | untied")
  String decoder;

  @Option(names = "--epochs", defaultValue = "1")
  int epochs;

  @Option(names = "--batch", defaultValue = "32")
  int batch;

  @Option(names = "--lr", defaultValue = "1e-3")
  double lr;

  @Option(names = "--mask-rate", defaultValue = "0.15")
  double maskRate;

  @Option(names = "--out", required = true, description = "checkpoint file to write")
  Path out;

  @Option(names = "--data", description = "data root (default: heformer.data or ../shared/data)")
  Path data;

  @Option(names = "--json", description = "write the loss curve as JSON")
  Path json;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      System.err.println("heformer pretrain: " + e.getMessage());
      return 2;
    }
  }

  private int run() throws Exception {
    BertConfig config = Presets.byName(preset).withNumClasses(0).withLora(LoraConfig.none())
        .withMlmDecoder(switch (decoder.toLowerCase(Locale.ROOT)) {
          case "tied" -> MlmDecoderKind.TIED;
          case "untied" -> MlmDecoderKind.UNTIED;
          default -> throw new IllegalArgumentException("--decoder must be tied or untied");
        });
    TokenSequenceSource source = source(config);
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), seed);
    Pretrainer.Options opt = new Pretrainer.Options(epochs, batch, lr, 100, maskRate, 0.5,
        new AdamW.Hyper(0.9, 0.98, 1e-12, 0.01, AdamW.Variant.STANDARD),
        SpecialTokens.bertUncased(), seed);
    Pretrainer.Result r = Pretrainer.train(bert, source, opt, (e, s, total, loss) -> {
      if (s % 50 == 0 || s == total - 1) {
        System.err.printf("  epoch %d step %d/%d MLM loss %.4f%n", e + 1, s + 1, total, loss);
      }
    });
    Checkpoint.write(bert, out);
    List<Double> losses = r.stepLosses();
    System.out.printf("pretrained %d steps, final loss %.4f, %.0f tokens/s; wrote %s%n",
        losses.size(), losses.get(losses.size() - 1), r.tokens() / r.seconds(), out);
    if (json != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("preset", preset);
      m.put("decoder", config.mlmDecoder().name());
      m.put("steps", losses.size());
      m.put("losses", new ArrayList<Object>(losses));
      m.put("tokens_per_second", r.tokens() / r.seconds());
      JsonOut.write(json, m);
    }
    return 0;
  }

  /**
   * MERGE POINT (corpus): the single place where the pretraining corpus becomes token sequences
   * (the Gutenberg books under data/corpus, WordPiece-tokenised, CLS first, cut to the sequence
   * length). {@code synthetic} yields periodic token runs for smoke tests.
   */
  private TokenSequenceSource source(BertConfig config) {
    if (corpus.equalsIgnoreCase("synthetic")) {
      int t = config.maxSeqLen();
      SpecialTokens sp = SpecialTokens.bertUncased();
      java.util.Random r = new java.util.Random(seed);
      List<int[]> seqs = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        int[] s = new int[t];
        s[0] = sp.cls();
        int start = r.nextInt(50);
        for (int j = 1; j < t; j++) {
          s[j] = sp.firstRegular() + (start + j) % 50;
        }
        seqs.add(s);
      }
      return () -> seqs;
    }
    throw new UnsupportedOperationException("the corpus reader/tokenizer is not wired into the "
        + "CLI yet (corpus " + corpus + ", data root " + (data == null ? "default" : data)
        + "); use --corpus synthetic meanwhile");
  }
}
