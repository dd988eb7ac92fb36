package io.heformer.app;

import io.heformer.nn.data.DataRoot;
import io.heformer.nn.data.GlueTask;
import io.heformer.nn.data.GutenbergCorpus;
import io.heformer.nn.data.MlmSequencePacker;
import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import io.heformer.nn.model.Bert;
import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.Checkpoint;
import io.heformer.nn.model.Initializer;
import io.heformer.nn.model.LoraConfig;
import io.heformer.nn.model.MlmDecoderKind;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.Presets;
import io.heformer.nn.onnx.MiniLmArtifact;
import io.heformer.nn.onnx.PretrainedBertMapping;
import io.heformer.nn.optim.AdamW;
import io.heformer.nn.tensor.Matrix;
import io.heformer.nn.text.BasicTokenizerOptions;
import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.text.EncodedInput;
import io.heformer.nn.text.Vocabulary;
import io.heformer.nn.text.WordPieceTrainer;
import io.heformer.nn.train.Example;
import io.heformer.nn.train.GlueExamples;
import io.heformer.nn.train.HiddenStateDistiller;
import io.heformer.nn.train.Pretrainer;
import io.heformer.nn.train.ProgressListener;
import io.heformer.nn.train.SpecialTokens;
import io.heformer.nn.train.TokenSequenceSource;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code heformer pretrain}: either masked-language-model pretraining of the encryption-friendly
 * encoder from scratch on the Gutenberg corpus (with a WordPiece vocabulary learned from the
 * corpus, written beside the checkpoint as {@code <out>.vocab.txt}), or, with {@code --init
 * minilm --convert}, conversion of the pretrained all-MiniLM-L6-v2 (softmax, GELU) to Gaussian-
 * kernel attention and ReLU by hidden-state distillation on the same corpus, reporting the loss
 * of quality on the held-out book. The checkpoint is what {@code finetune --init} reads.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
    description = "MLM-pretrain the encoder from scratch, or convert MiniLM by distillation.")
public final class PretrainCommand implements Callable<Integer> {

  private static final long SYNTHETIC_HELD_OUT_SEED = 0x5eedL;

  @Option(names = "--preset", defaultValue = "cpu", description = "from scratch: cpu | paper")
  String preset;

  @Option(names = "--corpus", defaultValue = "gutenberg",
      description = "gutenberg (the shared corpus: Project Gutenberg books, not WikiText), glue "
          + "(the unlabelled inputs of the GLUE training splits; held-out error still on the "
          + "Gutenberg book) or synthetic")
  String corpus;

  @Option(names = "--init", description = "minilm: start from all-MiniLM-L6-v2 (use with --convert)")
  String init;

  @Option(names = "--convert", description = "distil --init into Gaussian-kernel attention and "
      + "ReLU (hidden-state matching)")
  boolean convert;

  @Option(names = "--resume", description = "--convert: continue distilling this converted "
      + "checkpoint instead of starting from MiniLM's weights; give each round its own --seed, "
      + "or it draws the previous round's sequences again")
  Path resume;

  @Option(names = "--sentence-weight", defaultValue = "0", description = "--convert: weight of "
      + "the sentence-level error (mean-pooled and CLS states, relative to their spread) beside "
      + "the per-token hidden-state error")
  double sentenceWeight;

  @Option(names = "--block-weight", defaultValue = "0", description = "--convert: weight of the "
      + "hidden-state error after each block (intermediate layers), beside the final one")
  double blockWeight;

  @Option(names = "--attention-weight", defaultValue = "0", description = "--convert: weight of "
      + "the attention-map term, the mean KL divergence of the student's normalised kernel rows "
      + "from the teacher's softmax rows in every block (0: none)")
  double attentionWeight;

  @Option(names = "--block-local", description = "--convert: train each block on the teacher's "
      + "input to it, against the teacher's output of it (teacher forcing; no gradient between "
      + "blocks, embeddings frozen); a fast first stage, to be followed by end-to-end rounds "
      + "(--resume)")
  boolean blockLocal;

  @Option(names = "--layers", defaultValue = "2",
      description = "layers of MiniLM kept (its first ones), for --init minilm")
  int layers;

  @Option(names = "--seq", defaultValue = "64", description = "sequence length")
  int seq;

  @Option(names = "--positions", defaultValue = "128", description = "--convert: position "
      + "embeddings the converted model keeps (at least --seq; the paper's length is 128)")
  int positions;

  @Option(names = "--vocab-size", defaultValue = "8192",
      description = "from scratch: WordPiece vocabulary learned from the training books")
  int vocabSize;

  @Option(names = "--decoder", defaultValue = "tied", description = "tied | untied")
  String decoder;

  @Option(names = "--epochs", defaultValue = "1")
  int epochs;

  @Option(names = "--steps", defaultValue = "300", description = "--convert: optimiser steps")
  int steps;

  @Option(names = "--max-seqs", description = "use at most this many corpus sequences (random)")
  Integer maxSeqs;

  @Option(names = "--max-per-task", description = "--corpus glue: at most this many inputs of "
      + "each task (random), so that the small pair tasks are not drowned by SST-2's 67k")
  Integer maxPerTask;

  @Option(names = "--batch", defaultValue = "32")
  int batch;

  @Option(names = "--lr", description = "peak learning rate (default 1e-3; --convert 2e-4)")
  Double lr;

  @Option(names = "--mask-rate", defaultValue = "0.15")
  double maskRate;

  @Option(names = "--out", required = true, description = "checkpoint file to write")
  Path out;

  @Option(names = "--data", description = "data root (default: heformer.data or ../shared/data)")
  Path data;

  @Option(names = "--json", description = "write the loss curve and measurements as JSON")
  Path json;

  @Option(names = "--seed", defaultValue = "42", description = "initialisation, corpus subset "
      + "and shuffling")
  long seed;

  @Override
  public Integer call() throws Exception {
    try {
      return convert ? runConversion() : runMaskedLm();
    } catch (UnsupportedOperationException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("heformer pretrain: " + e.getMessage());
      return 2;
    }
  }

  // ------------------------------------------------------------------ MLM from scratch

  private int runMaskedLm() throws Exception {
    if (init != null) {
      throw new IllegalArgumentException("--init is only used with --convert");
    }
    BertTokenizer tokenizer = corpus.equalsIgnoreCase("synthetic") ? null : corpusTokenizer();
    int v = tokenizer == null ? Presets.BERT_UNCASED_VOCAB : tokenizer.vocabulary().size();
    BertConfig config = Presets.byName(preset).withNumClasses(0).withLora(LoraConfig.none())
        .withVocabSize(v).withMaxSeqLen(seq)
        .withMlmDecoder(switch (decoder.toLowerCase(Locale.ROOT)) {
          case "tied" -> MlmDecoderKind.TIED;
          case "untied" -> MlmDecoderKind.UNTIED;
          default -> throw new IllegalArgumentException("--decoder must be tied or untied");
        });
    List<int[]> seqs = source(tokenizer, config.maxSeqLen(), false).sequences();
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), seed);
    SpecialTokens special = tokenizer == null ? SpecialTokens.bertUncased()
        : specialTokens(tokenizer.vocabulary());
    Pretrainer.Options opt = new Pretrainer.Options(epochs, batch, lr == null ? 1e-3 : lr, 100,
        maskRate, 0.5, new AdamW.Hyper(0.9, 0.98, 1e-12, 0.01, AdamW.Variant.STANDARD),
        special, seed);
    System.err.printf("pretrain (MLM from scratch): preset %s, vocabulary %d, %d sequences of "
        + "<= %d tokens, batch %d, %d epoch(s)%n", preset, v, seqs.size(), seq, batch, epochs);
    Pretrainer.Result r = Pretrainer.train(bert, () -> seqs, opt, progress("MLM loss", 20));
    Checkpoint.write(bert, out);
    if (tokenizer != null) {
      try (Writer w = Files.newBufferedWriter(vocabFile(out))) {
        tokenizer.vocabulary().writeVocabTxt(w);
      }
    }
    List<Double> losses = r.stepLosses();
    System.out.printf("pretrained %d steps, final loss %.4f (mean of last 20: %.4f), %.0f "
        + "tokens/s, %.0f s; wrote %s%n", losses.size(), losses.getLast(), tailMean(losses, 20),
        r.tokens() / r.seconds(), r.seconds(), out);
    if (json != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", "mlm");
      m.put("corpus", corpus);
      m.put("preset", preset);
      m.put("vocabulary", v);
      m.put("seq", seq);
      m.put("sequences", seqs.size());
      m.put("decoder", config.mlmDecoder().name());
      m.put("steps", losses.size());
      m.put("losses", new ArrayList<Object>(losses));
      m.put("seconds", r.seconds());
      m.put("tokens_per_second", r.tokens() / r.seconds());
      JsonOut.write(json, m);
    }
    return 0;
  }

  /** The WordPiece vocabulary learned from the training books (the held-out book excluded). */
  private BertTokenizer corpusTokenizer() throws IOException {
    List<String> texts = new ArrayList<>();
    for (Path book : GutenbergCorpus.trainingBooks(dataRoot())) {
      texts.addAll(GutenbergCorpus.paragraphs(GutenbergCorpus.readBook(book)));
    }
    long t0 = System.nanoTime();
    Vocabulary v = WordPieceTrainer.train(texts, vocabSize, 2, BasicTokenizerOptions.uncased());
    System.err.printf("learned a WordPiece vocabulary of %d from the training books in %.1f s%n",
        v.size(), (System.nanoTime() - t0) / 1e9);
    return BertTokenizer.uncased(v);
  }

  /** The vocabulary file written beside a from-scratch checkpoint. */
  static Path vocabFile(Path checkpoint) {
    return checkpoint.resolveSibling(checkpoint.getFileName() + ".vocab.txt");
  }

  private static SpecialTokens specialTokens(Vocabulary v) {
    int firstRegular = 0;
    while (v.isSpecial(firstRegular)) {
      firstRegular++;
    }
    return new SpecialTokens(v.padId(), v.clsId(), v.sepId(), v.maskId(), firstRegular);
  }

  // ------------------------------------------------------------------ MiniLM conversion

  private int runConversion() throws Exception {
    if (!"minilm".equalsIgnoreCase(init)) {
      throw new IllegalArgumentException("--convert needs --init minilm");
    }
    if (blockLocal && blockWeight > 0) {
      throw new IllegalArgumentException("--block-weight has no effect with --block-local, "
          + "which matches every block's output alone");
    }
    BertTokenizer tokenizer = MiniLmArtifact.tokenizer();
    // The student keeps `positions` position embeddings even when it distils on shorter
    // sequences: rows past --seq keep MiniLM's values, so fine-tuning can run at 128 tokens.
    Bert teacher = PretrainedBertMapping.toModel(MiniLmArtifact.load(), Math.max(seq, positions),
        layers);
    BertConfig tc = teacher.config();
    BertConfig sc = new BertConfig(tc.vocabSize(), tc.maxSeqLen(), tc.width(), tc.heads(),
        tc.layers(), tc.ffnDim(), FeedForwardKind.RELU_MLP, AttentionKind.GAUSSIAN_KERNEL,
        tc.norm(), tc.bias(), tc.layerNormEps(), tc.maskValue(), tc.headRank(), tc.headWidth(),
        0, LoraConfig.none(), tc.mlmDecoder());
    List<int[]> train = source(tokenizer, seq, false).sequences();
    List<int[]> heldOut = source(tokenizer, seq, true).sequences();
    heldOut = heldOut.subList(0, Math.min(96, heldOut.size()));
    Bert student = new Bert(sc);
    student.parameters().copyMatching(teacher.parameters());
    double asIs = HiddenStateDistiller.relativeError(teacher, student, heldOut, 16);
    double[] scales;
    if (resume != null) {
      Bert previous = Checkpoint.read(resume);
      if (!previous.config().equals(sc)) {
        throw new IllegalArgumentException(resume + " is not a conversion of these " + layers
            + " layers with " + Math.max(seq, positions) + " positions: " + previous.config());
      }
      student = previous;
      scales = new double[] {Double.NaN, Double.NaN};
    } else {
      scales = chooseScales(teacher, student, train.subList(0, Math.min(32, train.size())));
    }
    double before = HiddenStateDistiller.relativeError(teacher, student, heldOut, 16);
    System.err.printf("convert MiniLM (%d layers, seq %d) to Gaussian kernel + ReLU: held-out "
        + "relative error %.4f with the weights as is, %.4f %s; distilling %d steps of %d "
        + "sequences (%d available, seed %d), sentence weight %.3g, block weight %.3g, "
        + "attention weight %.3g%s%n", layers,
        seq, asIs, before,
        resume != null ? "resuming " + resume : String.format(Locale.ROOT,
            "after scaling Q,K by %.3g and V by %.3g", scales[0], scales[1]),
        steps, batch, train.size(), seed, sentenceWeight, blockWeight, attentionWeight,
        blockLocal ? ", block-local (teacher-forced blocks)" : "");
    HiddenStateDistiller.Options opt = new HiddenStateDistiller.Options(steps, batch,
        lr == null ? 2e-4 : lr, Math.min(30, steps / 10), 1.0,
        new AdamW.Hyper(0.9, 0.98, 1e-8, 0.01, AdamW.Variant.STANDARD), seed, sentenceWeight,
        blockWeight, attentionWeight, blockLocal);
    HiddenStateDistiller.Result r = HiddenStateDistiller.train(teacher, student, train, opt,
        progress("distillation loss", 10));
    double after = HiddenStateDistiller.relativeError(teacher, student, heldOut, 16);
    Checkpoint.write(student, out);
    System.out.printf("converted: held-out relative hidden-state error %.4f -> %.4f (as is "
        + "%.4f); %d steps, %.0f tokens/s, %.0f s; wrote %s%n", before, after, asIs,
        r.stepLosses().size(), r.tokens() / r.seconds(), r.seconds(), out);
    if (json != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", "conversion");
      m.put("teacher", "all-MiniLM-L6-v2, first " + layers + " layers, softmax + GELU");
      m.put("student", "Gaussian kernel + ReLU MLP, post-LN, biases");
      m.put("corpus", corpus + " (held out: " + GutenbergCorpus.HELD_OUT_BOOK + ")");
      m.put("max_per_task", maxPerTask);
      m.put("seed", seed);
      m.put("seq", seq);
      m.put("positions", Math.max(seq, positions));
      m.put("resumed_from", resume == null ? null : resume.getFileName().toString());
      m.put("sentence_weight", sentenceWeight);
      m.put("block_weight", blockWeight);
      m.put("attention_weight", attentionWeight);
      m.put("block_local", blockLocal);
      m.put("steps", steps);
      m.put("batch", batch);
      m.put("lr", opt.learningRate());
      m.put("warmup", opt.warmupSteps());
      m.put("qk_scale", scales[0]);
      m.put("v_scale", scales[1]);
      m.put("held_out_relative_error_as_is", asIs);
      m.put("held_out_relative_error_before", before);
      m.put("held_out_relative_error_after", after);
      m.put("losses", new ArrayList<Object>(r.stepLosses()));
      m.put("seconds", r.seconds());
      m.put("tokens_per_second", r.tokens() / r.seconds());
      JsonOut.write(json, m);
    }
    return 0;
  }

  /**
   * Scales the student's query/key maps by a and its value map by b, (a, b) chosen on a grid to
   * minimise the hidden-state error on a few sequences. Why: the Gaussian kernel is not
   * normalised, so softmax-trained queries and keys give kernels near 0 (large distances) and the
   * value sum grows with the row length; rescaling brings the student's start near the teacher.
   */
  private static double[] chooseScales(Bert teacher, Bert student, List<int[]> probe) {
    double[] original = student.parameters().data().clone();
    double[] best = {1, 1};
    double bestErr = Double.POSITIVE_INFINITY;
    for (double a : new double[] {1, 0.5, 0.25}) {
      for (double b : new double[] {0.3, 0.1, 0.03, 0.01}) {
        System.arraycopy(original, 0, student.parameters().data(), 0, original.length);
        scale(student, a, b);
        double err = HiddenStateDistiller.relativeError(teacher, student, probe, 16);
        if (err < bestErr) {
          bestErr = err;
          best = new double[] {a, b};
        }
      }
    }
    System.arraycopy(original, 0, student.parameters().data(), 0, original.length);
    scale(student, best[0], best[1]);
    return best;
  }

  private static void scale(Bert bert, double qk, double v) {
    for (int l = 0; l < bert.config().layers(); l++) {
      for (String p : new String[] {"query", "key", "value"}) {
        double f = p.equals("value") ? v : qk;
        for (String part : new String[] {"weight", "bias"}) {
          Matrix m = bert.parameters().find("layer" + l + ".attention." + p + "." + part);
          if (m != null) {
            double[] d = m.data();
            for (int i = 0; i < m.size(); i++) {
              d[m.offset() + i] *= f;
            }
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------ corpus

  /**
   * The single place where the pretraining corpus becomes token sequences: the Gutenberg books
   * under corpus/gutenberg-nltk of the data root (training books, or the held-out one),
   * WordPiece-tokenised, packed into [CLS] window [SEP] sequences of at most {@code seqLen}
   * tokens, padding removed; optionally a random subset ({@code --max-seqs}). {@code glue}: the
   * GLUE training inputs, at most {@code --max-per-task} of each task. {@code synthetic} yields
   * periodic token runs for smoke tests.
   */
  private TokenSequenceSource source(BertTokenizer tokenizer, int seqLen, boolean heldOut)
      throws IOException {
    if (maxPerTask != null && !corpus.equalsIgnoreCase("glue")) {
      throw new IllegalArgumentException("--max-per-task needs --corpus glue");
    }
    if (corpus.equalsIgnoreCase("synthetic")) {
      SpecialTokens sp = SpecialTokens.bertUncased();
      // The held-out draw does not follow --seed, so that rounds run with different seeds
      // (--resume) are measured on the same sequences.
      Random r = new Random(heldOut ? SYNTHETIC_HELD_OUT_SEED : seed);
      List<int[]> seqs = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        int[] s = new int[seqLen];
        s[0] = sp.cls();
        int start = r.nextInt(50);
        for (int j = 1; j < seqLen; j++) {
          s[j] = sp.firstRegular() + (start + j) % 50;
        }
        seqs.add(s);
      }
      return () -> seqs;
    }
    if (!corpus.equalsIgnoreCase("gutenberg") && !corpus.equalsIgnoreCase("glue")) {
      throw new IllegalArgumentException("--corpus must be gutenberg, glue or synthetic, got "
          + corpus);
    }
    Path root = dataRoot();
    if (corpus.equalsIgnoreCase("glue") && !heldOut) {
      // The inputs (never the labels) of every GLUE task's training split: the lengths, sentence
      // pairs ([CLS] A [SEP] B [SEP]) and domain the converted model is fine-tuned on.
      if (maxPerTask != null && maxPerTask < 1) {
        throw new IllegalArgumentException("--max-per-task must be >= 1, got " + maxPerTask);
      }
      List<int[]> seqs = new ArrayList<>();
      Random r = new Random(seed);
      for (GlueTask task : GlueTask.values()) {
        List<Example> inputs = new ArrayList<>(
            GlueExamples.load(root, task, tokenizer, seqLen).train());
        if (maxPerTask != null && maxPerTask < inputs.size()) {
          Collections.shuffle(inputs, r);
          inputs = inputs.subList(0, maxPerTask);
        }
        for (Example e : inputs) {
          seqs.add(Arrays.copyOf(e.tokens(), e.length()));
        }
      }
      Collections.shuffle(seqs, new Random(seed));
      if (maxSeqs != null && maxSeqs < seqs.size()) {
        seqs = new ArrayList<>(seqs.subList(0, maxSeqs));
      }
      List<int[]> result = seqs;
      return () -> result;
    }
    // Held-out text is the Gutenberg book in every case, so conversions compare on one measure.
    List<Path> books = heldOut ? GutenbergCorpus.heldOutBooks(root)
        : GutenbergCorpus.trainingBooks(root);
    List<int[]> seqs = new ArrayList<>();
    for (Path book : books) {
      List<String> paragraphs = GutenbergCorpus.paragraphs(GutenbergCorpus.readBook(book));
      for (EncodedInput in : MlmSequencePacker.pack(paragraphs, tokenizer, seqLen)) {
        seqs.add(Arrays.copyOf(in.inputIds(), in.length()));
      }
    }
    if (!heldOut && maxSeqs != null && maxSeqs < seqs.size()) {
      Collections.shuffle(seqs, new Random(seed));
      seqs = new ArrayList<>(seqs.subList(0, maxSeqs));
    }
    List<int[]> result = seqs;
    return () -> result;
  }

  private Path dataRoot() {
    return data != null ? data : DataRoot.resolve();
  }

  private static ProgressListener progress(String what, int every) {
    long start = System.nanoTime();
    return (e, s, total, loss) -> {
      if (s % every == 0 || s == total - 1) {
        System.err.printf("  step %d/%d %s %.4f  (%.0f s)%n", s + 1, total, what, loss,
            (System.nanoTime() - start) / 1e9);
      }
    };
  }

  private static double tailMean(List<Double> v, int n) {
    double s = 0;
    int k = Math.min(n, v.size());
    for (int i = v.size() - k; i < v.size(); i++) {
      s += v.get(i);
    }
    return s / k;
  }
}
