package io.heformer.app;

import io.heformer.nn.model.Bert;
import io.heformer.nn.model.BertConfig;
import io.heformer.nn.model.Initializer;
import io.heformer.nn.model.LoraConfig;
import io.heformer.nn.model.ParameterGroup;
import io.heformer.nn.model.Presets;
import io.heformer.nn.model.TokenBatch;
import io.heformer.nn.optim.AdamW;
import io.heformer.nn.tensor.Parallel;
import io.heformer.nn.train.TrainingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code heformer bench train}: plaintext training throughput (tokens per second of forward,
 * backward and AdamW-HE step) of the presets, in LoRA and full fine-tuning, on random token
 * batches at the full sequence length (every position counts as a token; no padding trimmed).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Training throughput (tokens/s) of the cpu and paper presets.")
public final class TrainBench implements Callable<Integer> {

  @Option(names = "--json", description = "write the results as JSON to this file")
  Path json;

  @Option(names = "--presets", split = ",", defaultValue = "cpu,paper")
  List<String> presets;

  @Option(names = "--cpu-batch", defaultValue = "16")
  int cpuBatch;

  @Option(names = "--cpu-steps", defaultValue = "10")
  int cpuSteps;

  @Option(names = "--paper-batch", defaultValue = "8")
  int paperBatch;

  @Option(names = "--paper-steps", defaultValue = "2", description = "timed steps (paper preset)")
  int paperSteps;

  @Override
  public Integer call() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    System.out.printf("threads: %d%n", Parallel.threads());
    System.out.printf("%-6s %-5s %6s %5s %6s %10s %12s%n", "preset", "mode", "batch", "seq",
        "steps", "s/step", "tokens/s");
    for (String preset : presets) {
      boolean paper = preset.equalsIgnoreCase("paper");
      int batch = paper ? paperBatch : cpuBatch;
      int steps = paper ? paperSteps : cpuSteps;
      for (TrainingMode mode : TrainingMode.values()) {
        BertConfig config = Presets.byName(preset);
        if (mode == TrainingMode.FULL) {
          config = config.withLora(LoraConfig.none());
        }
        Map<String, Object> row = measure(preset, config, mode, batch, steps);
        rows.add(row);
        System.out.printf("%-6s %-5s %6d %5d %6d %10.3f %12.1f%n", preset, mode, batch,
            config.maxSeqLen(), steps, (Double) row.get("seconds_per_step"),
            (Double) row.get("tokens_per_second"));
      }
    }
    if (json != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("benchmark", "train");
      m.put("threads", Parallel.threads());
      m.put("java", System.getProperty("java.version"));
      m.put("results", rows);
      JsonOut.write(json, m);
    }
    return 0;
  }

  private static Map<String, Object> measure(String preset, BertConfig config, TrainingMode mode,
      int batch, int steps) {
    Bert bert = new Bert(config);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 1);
    bert.setTrainable(mode.groups());
    AdamW opt = new AdamW(bert.parameters().layout(), mode.groups(), AdamW.Hyper.paperHe(),
        bert.nonlinearities());
    Random r = new Random(2);
    int t = config.maxSeqLen();
    int[] tokens = new int[batch * t];
    int[] mask = new int[batch * t];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = r.nextInt(config.vocabSize());
      mask[i] = 1;
    }
    TokenBatch b = new TokenBatch(batch, t, tokens, mask);
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = r.nextInt(config.numClasses());
    }
    // One untimed warm-up step (JIT, buffer allocation).
    step(bert, opt, b, labels);
    long start = System.nanoTime();
    for (int s = 0; s < steps; s++) {
      step(bert, opt, b, labels);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("preset", preset);
    row.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
    row.put("attention", config.attention().name());
    row.put("batch", batch);
    row.put("seq_len", t);
    row.put("steps", steps);
    row.put("trainable_parameters", bert.parameters().layout().count(mode.groups()));
    row.put("seconds_per_step", seconds / steps);
    row.put("tokens_per_second", (double) batch * t * steps / seconds);
    return row;
  }

  private static void step(Bert bert, AdamW opt, TokenBatch b, int[] labels) {
    bert.zeroGradients();
    bert.classify(b);
    bert.classificationLoss(labels);
    bert.backward();
    opt.step(bert.parameters().data(), bert.gradients().data(), 1e-3);
  }
}
