package io.heformer.approx;

/**
 * An input to an approximation lies outside the interval on which its error is certified.
 *
 * <p>This is a usage/input error (style rule R6), not a programmer error: the approximation
 * would silently return a wrong value, so by default it refuses. The message names the
 * function, the interval and the offending value.
 */
public final class OutOfRangeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String function;
  private final Interval interval;
  private final double value;

  /**
   * Creates the exception.
   *
   * @param function the name of the approximated function
   * @param interval the certified interval
   * @param value the rejected input
   */
  public OutOfRangeException(String function, Interval interval, double value) {
    super("cannot evaluate " + function + ": input " + value + " outside its interval " + interval);
    this.function = function;
    this.interval = interval;
    this.value = value;
  }

  /** The name of the approximated function. */
  public String function() {
    return function;
  }

  /** The certified interval. */
  public Interval interval() {
    return interval;
  }

  /** The rejected input. */
  public double value() {
    return value;
  }
}
