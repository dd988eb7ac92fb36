package io.heformer.nn.data;

import io.heformer.nn.metrics.Metric;
import java.util.List;

/**
 * The GLUE tasks in the data folder, with their file layout, label space and metrics.
 *
 * <p>Layouts (columns 0-based, TAB-separated; see the data README):
 * <ul>
 *   <li>CoLA: no header; 4 columns: source, label (1 = acceptable), author's mark, sentence.
 *       Metric: Matthews correlation.
 *   <li>SST-2: header; sentence, label (1 = positive). Metric: accuracy.
 *   <li>MRPC: header (with BOM); label, id 1, id 2, sentence 1, sentence 2 (1 = paraphrase).
 *       Metrics: F1 and accuracy.
 *   <li>RTE: header; index, sentence 1, sentence 2, label ({@code entailment} = 0,
 *       {@code not_entailment} = 1, the Hugging Face ids). Metric: accuracy.
 *   <li>STS-B: header; 10 columns, sentences at 7 and 8, score in [0, 5] at 9. Regression.
 *       Metrics: Pearson and Spearman.
 * </ul>
 * The first metric listed is the task's primary (GLUE leaderboard) metric.
 */
public enum GlueTask {
  /** Corpus of Linguistic Acceptability. */
  COLA("CoLA", false, 4, 3, -1, 1, 2, List.of(Metric.MATTHEWS), 8551, 1043),
  /** Stanford Sentiment Treebank, binary. */
  SST2("SST-2", true, 2, 0, -1, 1, 2, List.of(Metric.ACCURACY), 67349, 872),
  /** Microsoft Research Paraphrase Corpus. */
  MRPC("MRPC", true, 5, 3, 4, 0, 2, List.of(Metric.F1, Metric.ACCURACY), 3668, 408),
  /** Recognizing Textual Entailment. */
  RTE("RTE", true, 4, 1, 2, 3, 2, List.of(Metric.ACCURACY), 2490, 277),
  /** Semantic Textual Similarity Benchmark (regression). */
  STSB("STS-B", true, 10, 7, 8, 9, 1, List.of(Metric.PEARSON, Metric.SPEARMAN), 5749, 1500);

  private final String folder;
  private final boolean header;
  private final int columns;
  private final int columnA;
  private final int columnB;
  private final int labelColumn;
  private final int numLabels;
  private final List<Metric> metrics;
  private final int trainCount;
  private final int devCount;

  GlueTask(String folder, boolean header, int columns, int columnA, int columnB, int labelColumn,
      int numLabels, List<Metric> metrics, int trainCount, int devCount) {
    this.folder = folder;
    this.header = header;
    this.columns = columns;
    this.columnA = columnA;
    this.columnB = columnB;
    this.labelColumn = labelColumn;
    this.numLabels = numLabels;
    this.metrics = metrics;
    this.trainCount = trainCount;
    this.devCount = devCount;
  }

  /** The folder name under {@code glue/}, e.g. {@code "SST-2"}. */
  public String folder() {
    return folder;
  }

  /** Whether the files start with a header row. */
  public boolean hasHeader() {
    return header;
  }

  /** Number of TAB-separated columns per row. */
  public int columns() {
    return columns;
  }

  /** Column of the first sentence. */
  public int columnA() {
    return columnA;
  }

  /** Column of the second sentence, or -1 for single-sentence tasks. */
  public int columnB() {
    return columnB;
  }

  /** Column of the label or score. */
  public int labelColumn() {
    return labelColumn;
  }

  /** Whether examples are sentence pairs. */
  public boolean isPair() {
    return columnB >= 0;
  }

  /** Whether the target is a real-valued score (STS-B) rather than a class. */
  public boolean isRegression() {
    return this == STSB;
  }

  /**
   * The names of the classes by id, as the data README gives them; empty for regression.
   */
  public List<String> labelNames() {
    return switch (this) {
      case COLA -> List.of("unacceptable", "acceptable");
      case SST2 -> List.of("negative", "positive");
      case MRPC -> List.of("not_paraphrase", "paraphrase");
      case RTE -> List.of("entailment", "not_entailment");
      case STSB -> List.of();
    };
  }

  /** Number of classes; 1 (one output) for regression. */
  public int numLabels() {
    return numLabels;
  }

  /** The metrics to report, primary first. */
  public List<Metric> metrics() {
    return metrics;
  }

  /** The primary metric. */
  public Metric primaryMetric() {
    return metrics.getFirst();
  }

  /** Number of examples the data README promises for {@code split} (header excluded). */
  public int expectedCount(GlueSplit split) {
    return split == GlueSplit.TRAIN ? trainCount : devCount;
  }

  /**
   * Parses a label field: class id for classification, score for regression.
   *
   * @throws IllegalArgumentException if the field is not a valid label of this task
   */
  public double parseLabel(String field) {
    String f = field.strip();
    if (this == STSB) {
      double score;
      try {
        score = Double.parseDouble(f);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(folder + ": score '" + field + "' is not a number", e);
      }
      if (!(score >= 0 && score <= 5)) {
        throw new IllegalArgumentException(folder + ": score " + score + " outside [0, 5]");
      }
      return score;
    }
    if (this == RTE) {
      return switch (f) {
        case "entailment" -> 0;
        case "not_entailment" -> 1;
        default -> throw new IllegalArgumentException(
            "RTE: label '" + field + "' is neither entailment nor not_entailment");
      };
    }
    return switch (f) {
      case "0" -> 0;
      case "1" -> 1;
      default -> throw new IllegalArgumentException(folder + ": label '" + field + "' is not 0 or 1");
    };
  }
}
