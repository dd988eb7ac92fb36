package io.heformer.approx;

import java.util.concurrent.atomic.LongAdder;

/**
 * What an evaluator does with an input outside its certified interval.
 *
 * <ul>
 *   <li>{@link #THROW} (the default everywhere): throw {@link OutOfRangeException}.
 *   <li>{@link #clamping()}: replace the input by the nearest end of the interval and count it.
 *   <li>{@link #counting()}: evaluate anyway (the polynomial extrapolates, as an encrypted
 *       evaluation would) and count it.
 * </ul>
 *
 * <p>The clamping and counting policies carry a thread-safe counter ({@link LongAdder}), so one
 * instance can watch a whole run; {@link #THROW} is a stateless singleton. NaN inputs always
 * throw, whatever the policy: there is no sensible nearest end.
 */
public final class RangePolicy {

  /** The action taken on an out-of-range input. */
  public enum Action {
    /** Throw {@link OutOfRangeException}. */
    THROW,
    /** Clamp to the interval and count. */
    CLAMP,
    /** Evaluate outside the interval and count. */
    COUNT
  }

  /** Throw on any out-of-range input. */
  public static final RangePolicy THROW = new RangePolicy(Action.THROW);

  private final Action action;
  private final LongAdder violations = new LongAdder();

  private RangePolicy(Action action) {
    this.action = action;
  }

  /** A fresh policy that clamps and counts. */
  public static RangePolicy clamping() {
    return new RangePolicy(Action.CLAMP);
  }

  /** A fresh policy that extrapolates and counts. */
  public static RangePolicy counting() {
    return new RangePolicy(Action.COUNT);
  }

  /** The action of this policy. */
  public Action action() {
    return action;
  }

  /** How many out-of-range inputs this policy has admitted (always 0 for {@link #THROW}). */
  public long violations() {
    return violations.sum();
  }

  /**
   * Admits one input: returns the value to evaluate at.
   *
   * @param function name used in the exception message
   * @param interval the certified interval
   * @param x the input
   * @return {@code x} when inside; otherwise per the action
   * @throws OutOfRangeException for THROW outside the interval, and for NaN under any action
   */
  public double admit(String function, Interval interval, double x) {
    if (interval.contains(x)) {
      return x;
    }
    if (action == Action.THROW || Double.isNaN(x)) {
      throw new OutOfRangeException(function, interval, x);
    }
    violations.increment();
    return action == Action.CLAMP ? interval.clamp(x) : x;
  }
}
