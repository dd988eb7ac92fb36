package io.heformer.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.model.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Length grouping keeps every example exactly once and shrinks the padded batch length; a trimmed
 * batch keeps the order.
 */
class BatchesTest {

  @Test
  void groupByLengthIsAPermutationWithLessPadding() {
    Random r = new Random(5);
    List<Example> data = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int len = 1 + r.nextInt(64);
      int[] tokens = new int[64];
      int[] mask = new int[64];
      Arrays.fill(mask, 0, len, 1);
      data.add(Example.classification(tokens, mask, 0));
    }
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int batch = 8;
    long randomRows = paddedRows(data, order, batch);
    Batches.groupByLength(order, data, batch, new Random(1));
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    int[] identity = new int[order.length];
    Arrays.setAll(identity, i -> i);
    assertArrayEquals(identity, sorted, "every example exactly once");
    long groupedRows = paddedRows(data, order, batch);
    assertTrue(groupedRows * 3 < randomRows * 2,
        "grouped " + groupedRows + " rows vs unsorted " + randomRows);
  }

  private static long paddedRows(List<Example> data, int[] order, int batch) {
    long rows = 0;
    for (int from = 0; from < order.length; from += batch) {
      int to = Math.min(order.length, from + batch);
      rows += (long) (to - from)
          * Batches.pack(data, order, from, to, 64, true).seqLen();
    }
    return rows;
  }

  @Test
  void trimmedKeepsTheOrderAndCutsToTheLongestExample() {
    Example a = Example.classification(new int[] {7, 8, 9, 0, 0, 0},
        new int[] {1, 1, 1, 0, 0, 0}, 0);
    Example b = Example.classification(new int[] {4, 5, 6, 3, 2, 0},
        new int[] {1, 1, 1, 1, 1, 0}, 1);
    TokenBatch batch = Batches.trimmed(List.of(a, b));
    assertEquals(5, batch.seqLen());
    assertArrayEquals(new int[] {7, 8, 9, 0, 0, 4, 5, 6, 3, 2}, batch.tokens());
    assertArrayEquals(new int[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, batch.mask());
    assertThrows(IllegalArgumentException.class, () -> Batches.trimmed(List.of()));
  }
}
