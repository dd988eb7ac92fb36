package io.heformer.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * A command run with standard output and error captured (tests do not print).
 *
 * @param exitCode the command's exit code
 * @param stdout what it printed
 * @param stderr what it printed on standard error
 */
record CapturedRun(int exitCode, String stdout, String stderr) {

  /** The arguments {@code a} followed by {@code b}. */
  static String[] concat(String[] a, String... b) {
    String[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** Runs {@code command} (a picocli command object) with {@code args}. */
  static CapturedRun of(Object command, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int rc = new CommandLine(command).execute(args);
      return new CapturedRun(rc, o.toString(StandardCharsets.UTF_8),
          e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
