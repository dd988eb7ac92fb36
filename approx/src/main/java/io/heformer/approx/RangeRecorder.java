package io.heformer.approx;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the observed minimum and maximum of values per named site (for example
 * "layer0.ffn.relu.input"), so that approximation intervals can be fixed from measured ranges
 * as the paper did from its plaintext runs.
 *
 * <p>Thread-safe; recording is lock-free per site after the first observation.
 */
public final class RangeRecorder {

  /**
   * The observed range of one site.
   *
   * @param min the smallest value seen
   * @param max the largest value seen
   * @param count how many values were seen
   */
  public record Observed(double min, double max, long count) {}

  private static final class Cell {
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long count;

    synchronized void add(double lo, double hi, long n) {
      min = Math.min(min, lo);
      max = Math.max(max, hi);
      count += n;
    }

    synchronized Observed snapshot() {
      return new Observed(min, max, count);
    }
  }

  private final ConcurrentHashMap<String, Cell> cells = new ConcurrentHashMap<>();

  /**
   * Records one value at a site.
   *
   * @throws IllegalArgumentException if {@code value} is NaN
   */
  public void record(String site, double value) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("cannot record NaN at site " + site);
    }
    cells.computeIfAbsent(site, s -> new Cell()).add(value, value, 1);
  }

  /**
   * Records every value of an array at a site (one synchronisation for the whole array).
   *
   * @throws IllegalArgumentException if a value is NaN
   */
  public void record(String site, double[] values) {
    if (values.length == 0) {
      return;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("cannot record NaN at site " + site);
      }
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    cells.computeIfAbsent(site, s -> new Cell()).add(lo, hi, values.length);
  }

  /** The observed range of a site, or null if nothing was recorded there. */
  public Observed observed(String site) {
    Cell c = cells.get(site);
    return c == null ? null : c.snapshot();
  }

  /** A sorted snapshot of all sites. */
  public Map<String, Observed> snapshot() {
    Map<String, Observed> out = new TreeMap<>();
    cells.forEach((k, v) -> out.put(k, v.snapshot()));
    return out;
  }

  /** Forgets everything. */
  public void clear() {
    cells.clear();
  }
}
