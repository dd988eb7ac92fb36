package io.heformer.nn.nonlinear;

/** {@link Nonlinearities} with the exact functions of {@link NonlinearFunction#exact}. */
public final class ExactNonlinearities implements Nonlinearities {

  /** The stateless instance. */
  public static final ExactNonlinearities INSTANCE = new ExactNonlinearities();

  private ExactNonlinearities() {}

  @Override
  public void apply(
      NonlinearFunction f, String site, double[] in, int inOff, double[] out, int outOff, int n) {
    switch (f) {
      case EXP -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = Math.exp(in[inOff + i]);
        }
      }
      case STEP -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = in[inOff + i] > 0 ? 1.0 : 0.0;
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = f.exact(in[inOff + i]);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "exact";
  }
}
