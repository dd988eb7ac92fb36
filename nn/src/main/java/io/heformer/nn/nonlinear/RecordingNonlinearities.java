package io.heformer.nn.nonlinear;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps another {@link Nonlinearities} and records, per (function, site), the minimum and maximum
 * input it was asked to evaluate: the data from which approximation intervals are chosen.
 *
 * <p>The wrapped implementation computes the values, so recording can run in exact mode (to pick
 * intervals) or in approximate mode (to check that inputs stay inside the chosen intervals).
 * Thread-safe: each call reduces its own inputs to a min/max first and merges once.
 */
public final class RecordingNonlinearities implements Nonlinearities {

  private final Nonlinearities delegate;
  private final ConcurrentHashMap<String, InputRange> ranges = new ConcurrentHashMap<>();

  /** Records the inputs of every call made through this object to {@code delegate}. */
  public RecordingNonlinearities(Nonlinearities delegate) {
    this.delegate = Objects.requireNonNull(delegate);
  }

  @Override
  public void apply(
      NonlinearFunction f, String site, double[] in, int inOff, double[] out, int outOff, int n) {
    if (n > 0) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double x = in[inOff + i];
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
      final double flo = lo;
      final double fhi = hi;
      ranges.merge(
          f.name() + "@" + site,
          new InputRange(f, site, flo, fhi, n),
          (old, now) -> old.merge(now.min(), now.max(), now.count()));
    }
    delegate.apply(f, site, in, inOff, out, outOff, n);
  }

  /** The ranges recorded so far, sorted by site then function. */
  public List<InputRange> ranges() {
    List<InputRange> list = new ArrayList<>(ranges.values());
    list.sort(Comparator.comparing(InputRange::site).thenComparing(InputRange::function));
    return list;
  }

  /** The range recorded for {@code f} at {@code site}, or null if none. */
  public InputRange range(NonlinearFunction f, String site) {
    return ranges.get(f.name() + "@" + site);
  }

  /** Forgets all recorded ranges. */
  public void clear() {
    ranges.clear();
  }

  @Override
  public String toString() {
    return "recording(" + delegate + ")";
  }
}
