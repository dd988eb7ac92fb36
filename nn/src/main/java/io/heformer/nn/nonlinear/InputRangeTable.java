package io.heformer.nn.nonlinear;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recorded input ranges as a small text file, so that ranges measured in one run (exact
 * fine-tuning) choose the approximation intervals of another (approximation mode), as the paper
 * measures ranges in plaintext before fixing its polynomials.
 *
 * <p>Format: one range per line, TAB-separated {@code function site min max count}, doubles in
 * Java's round-trip form; lines starting with {@code #} are comments. Stateless.
 */
public final class InputRangeTable {

  private InputRangeTable() {}

  /** The table's text. */
  public static String format(List<InputRange> ranges) {
    StringBuilder b = new StringBuilder("# function\tsite\tmin\tmax\tcount\n");
    for (InputRange r : ranges) {
      b.append(r.function().name()).append('\t').append(r.site()).append('\t')
          .append(Double.toString(r.min())).append('\t').append(Double.toString(r.max()))
          .append('\t').append(r.count()).append('\n');
    }
    return b.toString();
  }

  /**
   * Parses {@link #format}'s output.
   *
   * @param source name for messages
   * @throws IllegalArgumentException naming the line of a malformed row
   */
  public static List<InputRange> parse(String text, String source) {
    List<InputRange> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException(
            source + " line " + (i + 1) + ": " + f.length + " fields, expected 5");
      }
      try {
        double min = Double.parseDouble(f[2]);
        double max = Double.parseDouble(f[3]);
        if (!(min <= max)) {
          throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        out.add(new InputRange(NonlinearFunction.valueOf(f[0].toUpperCase(Locale.ROOT)), f[1],
            min, max, Long.parseLong(f[4])));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            source + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Writes the table to {@code file}. */
  public static void write(Path file, List<InputRange> ranges) throws IOException {
    Files.writeString(file, format(ranges), StandardCharsets.UTF_8);
  }

  /** Reads a table from {@code file}. */
  public static List<InputRange> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Reads several tables and returns their {@link #union}: ranges recorded in several pilot runs
   * (other seeds, other data draws), so that the chosen intervals do not rest on one run's draw.
   *
   * @throws IllegalArgumentException for an empty list
   */
  public static List<InputRange> read(List<Path> files) throws IOException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no range table given");
    }
    List<List<InputRange>> tables = new ArrayList<>();
    for (Path f : files) {
      tables.add(read(f));
    }
    return union(tables);
  }

  /**
   * The smallest range per (function, site) that covers that site's range in every table, with
   * the counts added; sites in the order of their first appearance. A site missing from some
   * tables keeps the range of those that have it.
   */
  public static List<InputRange> union(List<List<InputRange>> tables) {
    Map<Map.Entry<NonlinearFunction, String>, InputRange> bySite = new LinkedHashMap<>();
    for (List<InputRange> table : tables) {
      for (InputRange r : table) {
        bySite.merge(Map.entry(r.function(), r.site()), r,
            (a, b) -> a.merge(b.min(), b.max(), b.count()));
      }
    }
    return List.copyOf(bySite.values());
  }
}
