package io.heformer.app;

import java.nio.file.Path;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code heformer bench kernels}: the JMH micro-benchmarks of module bench (ring kernels). */
@Command(name = "kernels", mixinStandardHelpOptions = true,
    description = "Runs the JMH micro-benchmarks (NTT, base conversion) and optionally writes JMH's JSON.")
public final class KernelBenchCommand implements Runnable {
  @Parameters(arity = "0..1", defaultValue = "io.heformer.bench.jmh.*", description = "Benchmark regex (default ${DEFAULT-VALUE}).")
  String include;

  @Option(names = "--json", description = "Write JMH's JSON results to this file.")
  Path json;

  @Override
  public void run() {
    ChainedOptionsBuilder opts = new OptionsBuilder().include(include)
        .jvmArgsPrepend("-cp", System.getProperty("java.class.path"));
    if (json != null) {
      opts.result(json.toString()).resultFormat(ResultFormatType.JSON);
    }
    try {
      new Runner(opts.build()).run();
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
    }
  }
}
