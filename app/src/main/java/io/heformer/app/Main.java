package io.heformer.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code heformer} command line: one subcommand per verb, each in its own file. */
@Command(
    name = "heformer",
    mixinStandardHelpOptions = true,
    version = "heformer 0.1.0",
    description = "Encryption-friendly transformer fine-tuning and inference on CKKS.",
    subcommands = {DemoCommand.class, FinetuneCommand.class, InferCommand.class, PretrainCommand.class,
        AttentionCommand.class, BenchCommand.class})
public final class Main implements Runnable {

  /** Threads for the CKKS kernels and the dense plaintext kernels, before the verb: heformer --threads 1 demo. */
  @picocli.CommandLine.Option(names = "--threads",
      description = "Worker threads for CKKS and dense kernels (default: all cores).")
  void setThreads(int threads) {
    if (threads < 1) {
      throw new picocli.CommandLine.ParameterException(new CommandLine(this), "--threads must be >= 1: " + threads);
    }
    io.heformer.ckks.ring.Parallel.setThreads(threads);
    System.setProperty("heformer.threads", Integer.toString(threads));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    System.exit(code);
  }
}
