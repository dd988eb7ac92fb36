package io.heformer.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.metrics.Metric;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads every shipped GLUE split. Row counts are validated by the reader itself against the
 * data README; these tests also check the label distributions the README publishes.
 */
class GlueReaderTest {
  private static Path root;

  @BeforeAll
  static void locate() {
    root = DataRoot.resolve();
  }

  private static int[] labelCounts(List<GlueExample> examples) {
    int[] c = new int[2];
    for (GlueExample e : examples) {
      c[e.label()]++;
    }
    return c;
  }

  @Test
  void cola() throws Exception {
    List<GlueExample> train = GlueReader.read(root, GlueTask.COLA, GlueSplit.TRAIN);
    List<GlueExample> dev = GlueReader.read(root, GlueTask.COLA, GlueSplit.DEV);
    assertEquals(8551, train.size());
    assertEquals(1043, dev.size(), "dev.tsv has no final newline; its last row still counts");
    assertEquals(2528, labelCounts(train)[0]);
    assertEquals(6023, labelCounts(train)[1]);
    assertEquals(322, labelCounts(dev)[0]);
    assertEquals(721, labelCounts(dev)[1]);
    assertNull(train.get(0).textB());
    assertEquals(Metric.MATTHEWS, GlueTask.COLA.primaryMetric());
  }

  @Test
  void sst2() throws Exception {
    List<GlueExample> train = GlueReader.read(root, GlueTask.SST2, GlueSplit.TRAIN);
    List<GlueExample> dev = GlueReader.read(root, GlueTask.SST2, GlueSplit.DEV);
    assertEquals(29780, labelCounts(train)[0]);
    assertEquals(37569, labelCounts(train)[1]);
    assertEquals(428, labelCounts(dev)[0]);
    assertEquals(444, labelCounts(dev)[1]);
  }

  @Test
  void mrpc() throws Exception {
    List<GlueExample> train = GlueReader.read(root, GlueTask.MRPC, GlueSplit.TRAIN);
    List<GlueExample> dev = GlueReader.read(root, GlueTask.MRPC, GlueSplit.DEV);
    assertEquals(1194, labelCounts(train)[0]);
    assertEquals(2474, labelCounts(train)[1]);
    assertEquals(129, labelCounts(dev)[0]);
    assertEquals(279, labelCounts(dev)[1]);
    assertTrue(train.get(0).isPair());
    assertEquals(List.of(Metric.F1, Metric.ACCURACY), GlueTask.MRPC.metrics());
  }

  @Test
  void rteKeepsLeadingQuotes() throws Exception {
    List<GlueExample> train = GlueReader.read(root, GlueTask.RTE, GlueSplit.TRAIN);
    List<GlueExample> dev = GlueReader.read(root, GlueTask.RTE, GlueSplit.DEV);
    assertEquals(1249, labelCounts(train)[0], "entailment = 0");
    assertEquals(1241, labelCounts(train)[1], "not_entailment = 1");
    assertEquals(146, labelCounts(dev)[0]);
    assertEquals(131, labelCounts(dev)[1]);
    // File line 52 (example 50): a sentence that starts with a quote, read without CSV quoting.
    assertTrue(train.get(50).textA().startsWith("\"Instead of action on crime"), train.get(50).textA());
  }

  @Test
  void stsbScores() throws Exception {
    List<GlueExample> train = GlueReader.read(root, GlueTask.STSB, GlueSplit.TRAIN);
    List<GlueExample> dev = GlueReader.read(root, GlueTask.STSB, GlueSplit.DEV);
    assertEquals(5749, train.size());
    assertEquals(1500, dev.size());
    double min = 5;
    double max = 0;
    for (GlueExample e : train) {
      assertEquals(-1, e.label());
      min = Math.min(min, e.target());
      max = Math.max(max, e.target());
    }
    assertEquals(0.0, min);
    assertEquals(5.0, max);
    assertTrue(GlueTask.STSB.isRegression());
    assertEquals(1, GlueTask.STSB.numLabels());
  }

  @Test
  void malformedRowsNameTheLine() {
    String text = "sentence\tlabel\ngood movie \t1\nbad\t0\textra\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GlueReader.parse(text, GlueTask.SST2, "x.tsv"));
    assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("3 columns"), e.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> GlueReader.parse("i\ts1\ts2\tlabel\n0\ta\tb\tmaybe\n", GlueTask.RTE, "r.tsv"));
    assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> GlueTask.STSB.parseLabel("5.5"));
  }

  @Test
  void bomAndQuotesAreHandled() {
    String text = "\uFEFFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\t\"He said\t\"so\"\n";
    List<GlueExample> ex = GlueReader.parse(text, GlueTask.MRPC, "m.tsv");
    assertEquals(1, ex.size());
    assertEquals("\"He said", ex.get(0).textA());
    assertEquals("\"so\"", ex.get(0).textB());
  }
}
