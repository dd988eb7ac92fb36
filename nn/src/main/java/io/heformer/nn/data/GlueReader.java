package io.heformer.nn.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a GLUE split as the GLUE/Hugging Face loaders do ({@code csv.QUOTE_NONE}): rows are
 * {@code \n}-terminated lines (a final line without newline counts), fields are split on TAB
 * only, quotes are ordinary characters, a leading BOM is dropped.
 *
 * <p>Validation: every row must have the task's column count and a valid label, and the number
 * of rows must equal the count in the data README; any violation is an
 * {@link IllegalArgumentException} naming the file and line. Stateless and thread safe.
 */
public final class GlueReader {
  private GlueReader() {}

  /**
   * Reads {@code glue/<task>/<split>.tsv} under the data root.
   *
   * @param dataRoot the data folder ({@link DataRoot#resolve()})
   * @throws IOException if the file cannot be read (a missing file names its path)
   * @throws IllegalArgumentException if a row is malformed or the row count is wrong
   */
  public static List<GlueExample> read(Path dataRoot, GlueTask task, GlueSplit split) throws IOException {
    Path file = dataRoot.resolve("glue").resolve(task.folder()).resolve(split.fileName());
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "GLUE " + task.folder() + " " + split + " file missing");
    }
    List<GlueExample> examples = parse(Files.readString(file, StandardCharsets.UTF_8), task, file.toString());
    int expected = task.expectedCount(split);
    if (examples.size() != expected) {
      throw new IllegalArgumentException(
          file + ": " + examples.size() + " examples, the data README promises " + expected);
    }
    return examples;
  }

  /**
   * Parses the text of a task file (no row-count check).
   *
   * @param source file name for error messages
   * @throws IllegalArgumentException if a row is malformed
   */
  public static List<GlueExample> parse(String text, GlueTask task, String source) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    List<GlueExample> out = new ArrayList<>();
    int lineNo = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end);
      start = end + 1;
      lineNo++;
      if (lineNo == 1 && task.hasHeader()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != task.columns()) {
        throw new IllegalArgumentException(
            source + " line " + lineNo + ": " + f.length + " columns, " + task.folder() + " has " + task.columns());
      }
      double value;
      try {
        value = task.parseLabel(f[task.labelColumn()]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " line " + lineNo + ": " + e.getMessage(), e);
      }
      int label = task.isRegression() ? -1 : (int) value;
      String b = task.isPair() ? f[task.columnB()] : null;
      out.add(new GlueExample(f[task.columnA()], b, label, value));
    }
    return out;
  }
}
