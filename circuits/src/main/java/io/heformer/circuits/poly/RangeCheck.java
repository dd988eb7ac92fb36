package io.heformer.circuits.poly;

import io.heformer.approx.Approximation;
import io.heformer.approx.Interval;
import io.heformer.approx.OutOfRangeException;
import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.Decryptor;

/**
 * The client-side range check of encrypted approximation inputs, for tests and debugging runs.
 *
 * <p>The server evaluates polynomials blindly: an input outside the certified interval gives a
 * silently wrong result. Ranges are therefore guaranteed upstream, by intervals fixed from
 * plaintext range recordings ({@code approx.RangeRecorder}) with margins, and the plaintext
 * evaluators throw {@link OutOfRangeException} on violations. Whoever holds the secret key (the
 * client, a test) can decrypt an intermediate and check it here, which turns the silent error into
 * the same exception.
 *
 * <p>Holds a {@link Decryptor}: never part of a server.
 */
public final class RangeCheck {
  private final Decryptor decryptor;

  public RangeCheck(Decryptor decryptor) {
    this.decryptor = decryptor;
  }

  /**
   * Decrypts the first {@code count} slots and throws for the first one outside the interval
   * widened by {@code tolerance} on each side (CKKS noise can move a value at an end slightly out).
   *
   * @throws OutOfRangeException naming the function, the interval and the offending value
   * @throws IllegalArgumentException if count is not in [0, slots] or tolerance is negative
   */
  public void check(String function, Interval interval, Ciphertext x, int count, double tolerance) {
    double[] v = values(x, count, tolerance);
    for (int i = 0; i < count; i++) {
      if (!(v[i] >= interval.lo() - tolerance && v[i] <= interval.hi() + tolerance)) {
        throw new OutOfRangeException(function + " (encrypted, slot " + i + ")", interval, v[i]);
      }
    }
  }

  /** {@link #check(String, Interval, Ciphertext, int, double)} against the approximation's domain. */
  public void check(Approximation a, Ciphertext x, int count, double tolerance) {
    check(a.function(), a.domain(), x, count, tolerance);
  }

  /** How many of the first {@code count} slots lie outside the widened interval. */
  public int countOutside(Interval interval, Ciphertext x, int count, double tolerance) {
    double[] v = values(x, count, tolerance);
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (!(v[i] >= interval.lo() - tolerance && v[i] <= interval.hi() + tolerance)) {
        n++;
      }
    }
    return n;
  }

  private double[] values(Ciphertext x, int count, double tolerance) {
    if (count < 0 || count > x.slots() || !(tolerance >= 0)) {
      throw new IllegalArgumentException("need 0 <= count <= " + x.slots() + " and tolerance >= 0, got " + count
          + ", " + tolerance);
    }
    return decryptor.decrypt(x);
  }
}
