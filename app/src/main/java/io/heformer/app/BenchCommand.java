package io.heformer.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code heformer bench <area>}: benchmarks that print a table and write JSON. */
@Command(
    name = "bench",
    description = "Benchmarks: each area prints a table and can write JSON (--json FILE).",
    subcommands = {CkksBenchCommand.class, BootstrapBenchCommand.class, ApproxBenchCommand.class, MatmulBenchCommand.class, KernelBenchCommand.class, TrainBench.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
