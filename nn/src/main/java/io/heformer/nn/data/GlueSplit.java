package io.heformer.nn.data;

/** A GLUE split with labels: the training set or the development (evaluation) set. */
public enum GlueSplit {
  /** {@code train.tsv}. */
  TRAIN("train.tsv"),
  /** {@code dev.tsv}. */
  DEV("dev.tsv");

  private final String fileName;

  GlueSplit(String fileName) {
    this.fileName = fileName;
  }

  /** The file name inside the task folder. */
  public String fileName() {
    return fileName;
  }
}
