package io.heformer.app;

import io.heformer.nn.data.DataRoot;
import io.heformer.nn.model.AttentionStatistics;
import io.heformer.nn.model.Bert;
import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.train.Batches;
import io.heformer.nn.train.Example;
import io.heformer.nn.train.GlueExamples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code heformer attention}: how sharply each layer of one or more models attends on a GLUE
 * task's inputs ({@link AttentionStatistics}): row mass, row maximum and effective number of keys
 * per layer, e.g. a converted Gaussian-kernel model beside its softmax teacher.
 */
@Command(name = "attention", mixinStandardHelpOptions = true,
    description = "Per-layer attention statistics (row mass, maximum, effective keys) of models "
        + "on a task's inputs.")
public final class AttentionCommand implements Callable<Integer> {

  @Option(names = "--task", required = true, description = "RTE, MRPC, STS-B, CoLA or SST-2")
  String task;

  @Option(names = "--init", required = true, split = ",", paramLabel = "MODEL",
      description = "models to inspect: 'minilm' (all-MiniLM-L6-v2 as imported) or checkpoints")
  List<String> init;

  @Option(names = "--layers", defaultValue = "6", description = "layers of MiniLM kept (minilm)")
  int layers;

  @Option(names = "--split", defaultValue = "dev", description = "train | dev")
  String split;

  @Option(names = "--examples", defaultValue = "256",
      description = "the split's first examples to encode")
  int examples;

  @Option(names = "--seq", defaultValue = "128", description = "sequence length (tokens)")
  int seq;

  @Option(names = "--batch", defaultValue = "32")
  int batch;

  @Option(names = "--data", description = "data root (default: as finetune)")
  Path data;

  @Option(names = "--json", description = "write the statistics as JSON to this file")
  Path json;

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } catch (IllegalArgumentException e) {
      System.err.println("heformer attention: " + e.getMessage());
      return 2;
    }
  }

  private int run() throws IOException {
    FinetuneCommand.Task t = FinetuneCommand.Task.parse(task);
    if (t == FinetuneCommand.Task.SYNTHETIC) {
      throw new IllegalArgumentException("--task must be a GLUE task");
    }
    if (examples < 1 || batch < 1 || seq < 1) {
      throw new IllegalArgumentException("--examples, --batch and --seq must be >= 1");
    }
    boolean dev = switch (split.toLowerCase(Locale.ROOT)) {
      case "dev" -> true;
      case "train" -> false;
      default -> throw new IllegalArgumentException("--split must be train or dev, got " + split);
    };
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("task", t.glue().name());
    report.put("split", dev ? "dev" : "train");
    List<Object> models = new ArrayList<>();
    for (String name : init) {
      Bert model = EncoderInit.load(name, seq, layers);
      int seqLen = Math.min(seq, model.config().maxSeqLen());
      BertTokenizer tok = ModelVocabulary.tokenizer(null, EncoderInit.checkpoint(name),
          model.config());
      GlueExamples.Splits s = GlueExamples.load(data != null ? data : DataRoot.resolve(),
          t.glue(), tok, seqLen);
      List<Example> inputs = dev ? s.dev() : s.train();
      inputs = inputs.subList(0, Math.min(examples, inputs.size()));
      AttentionStatistics stats = new AttentionStatistics(model.config().layers());
      for (int from = 0; from < inputs.size(); from += batch) {
        int to = Math.min(inputs.size(), from + batch);
        stats.add(model, Batches.trimmed(inputs.subList(from, to)));
      }
      System.out.printf(Locale.ROOT, "%s, %s attention, %d %s examples of %s:%n", name,
          model.config().attention(), inputs.size(), report.get("split"), t.glue());
      System.out.println("  layer  row mass  row max  effective keys  real keys");
      List<Object> rows = new ArrayList<>();
      for (int l = 0; l < stats.layers(); l++) {
        AttentionStatistics.Layer a = stats.layer(l);
        System.out.printf(Locale.ROOT, "  %5d  %8.3f  %7.3f  %14.2f  %9.1f%n", l, a.rowMass(),
            a.rowMax(), a.effectiveKeys(), a.realKeys());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("layer", l);
        row.put("row_mass", a.rowMass());
        row.put("row_max", a.rowMax());
        row.put("effective_keys", a.effectiveKeys());
        row.put("real_keys", a.realKeys());
        rows.add(row);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", name.equalsIgnoreCase("minilm") ? "minilm" : Path.of(name).getFileName()
          .toString());
      m.put("attention", model.config().attention().name());
      m.put("examples", inputs.size());
      m.put("layers", rows);
      models.add(m);
    }
    report.put("models", models);
    if (json != null) {
      JsonOut.write(json, report);
    }
    return 0;
  }
}
