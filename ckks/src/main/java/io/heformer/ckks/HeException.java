package io.heformer.ckks;

/**
 * Base of the usage and input errors of heformer's homomorphic layers. Messages read
 * "cannot &lt;operation&gt;: &lt;reason&gt; (numbers)". Programmer errors (impossible states, wrong
 * buffer sizes) are {@link IllegalArgumentException} or {@link IllegalStateException} instead.
 */
public class HeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HeException(String message) {
    super(message);
  }

  public HeException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An operation needs more levels than its operand has, or two operands' levels cannot be aligned. */
  public static final class LevelException extends HeException {
    private static final long serialVersionUID = 1L;

    public LevelException(String message) {
      super(message);
    }
  }

  /** Two operands that must share a scale do not. */
  public static final class ScaleMismatchException extends HeException {
    private static final long serialVersionUID = 1L;

    public ScaleMismatchException(String message) {
      super(message);
    }
  }

  /** A rotation, conjugation or relinearisation key the operation needs was not generated. */
  public static final class MissingKeyException extends HeException {
    private static final long serialVersionUID = 1L;

    public MissingKeyException(String message) {
      super(message);
    }
  }

  /** Operands, keys or files made under different parameters. */
  public static final class ParameterMismatchException extends HeException {
    private static final long serialVersionUID = 1L;

    public ParameterMismatchException(String message) {
      super(message);
    }
  }

  /** A parameter specification that cannot be built (bad sizes, not enough primes...). */
  public static final class InvalidParametersException extends HeException {
    private static final long serialVersionUID = 1L;

    public InvalidParametersException(String message) {
      super(message);
    }
  }

  /** A parameter set below the required security level that was not declared test-only. */
  public static final class InsecureParametersException extends HeException {
    private static final long serialVersionUID = 1L;

    public InsecureParametersException(String message) {
      super(message);
    }
  }

  /** A value too large to be represented at the given scale and level. */
  public static final class ValueOverflowException extends HeException {
    private static final long serialVersionUID = 1L;

    public ValueOverflowException(String message) {
      super(message);
    }
  }

  /** Serialized bytes that are corrupt, truncated, of the wrong kind or of an unknown version. */
  public static final class CorruptDataException extends HeException {
    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
      super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
