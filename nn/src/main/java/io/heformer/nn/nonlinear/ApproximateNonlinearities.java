package io.heformer.nn.nonlinear;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * {@link Nonlinearities} that evaluates, instead of the exact functions, the plaintext evaluators
 * of the approximations the encrypted path uses (polynomials on an interval, Newton iterations,
 * {@code (1 + x/2^k)^(2^k)} for exp, a composite sign for the step, ...).
 *
 * <p>The evaluators come from outside as {@link DoubleUnaryOperator}s, so this module does not
 * depend on how they are built (module {@code approx} supplies them). An evaluator can be given
 * per function (used at every site) and overridden per site (the paper uses a different LayerNorm
 * pre-scale per layer). A function with no evaluator is an error at the first call unless {@link
 * Builder#exactFallback} was set, so a missing approximation cannot pass unnoticed.
 *
 * <p>Immutable once built; thread-safe if the evaluators are.
 */
public final class ApproximateNonlinearities implements Nonlinearities {

  private final Map<NonlinearFunction, DoubleUnaryOperator> perFunction;
  private final Map<String, DoubleUnaryOperator> perSite;
  private final boolean exactFallback;

  private ApproximateNonlinearities(Builder b) {
    this.perFunction = new EnumMap<>(b.perFunction);
    this.perSite = Map.copyOf(b.perSite);
    this.exactFallback = b.exactFallback;
  }

  /** A builder with no evaluators. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void apply(
      NonlinearFunction f, String site, double[] in, int inOff, double[] out, int outOff, int n) {
    DoubleUnaryOperator op = evaluator(f, site);
    for (int i = 0; i < n; i++) {
      out[outOff + i] = op.applyAsDouble(in[inOff + i]);
    }
  }

  /** The evaluator used for {@code f} at {@code site}. */
  public DoubleUnaryOperator evaluator(NonlinearFunction f, String site) {
    DoubleUnaryOperator op = perSite.get(siteKey(f, site));
    if (op == null) {
      op = perFunction.get(f);
    }
    if (op == null) {
      if (!exactFallback) {
        throw new IllegalStateException(
            "no approximation supplied for " + f + " at site '" + site
                + "' and exact fallback is off");
      }
      op = f::exact;
    }
    return op;
  }

  private static String siteKey(NonlinearFunction f, String site) {
    return f.name() + "@" + site;
  }

  @Override
  public String toString() {
    return "approximate" + perFunction.keySet() + (perSite.isEmpty() ? "" : perSite.keySet());
  }

  /** Collects evaluators. */
  public static final class Builder {
    private final Map<NonlinearFunction, DoubleUnaryOperator> perFunction =
        new EnumMap<>(NonlinearFunction.class);
    private final Map<String, DoubleUnaryOperator> perSite = new HashMap<>();
    private boolean exactFallback;

    private Builder() {}

    /** Uses {@code evaluator} for {@code f} at every site without a site-specific evaluator. */
    public Builder function(NonlinearFunction f, DoubleUnaryOperator evaluator) {
      perFunction.put(Objects.requireNonNull(f), Objects.requireNonNull(evaluator));
      return this;
    }

    /** Uses {@code evaluator} for {@code f} at exactly {@code site}. */
    public Builder site(NonlinearFunction f, String site, DoubleUnaryOperator evaluator) {
      perSite.put(siteKey(f, Objects.requireNonNull(site)), Objects.requireNonNull(evaluator));
      return this;
    }

    /** If true, functions without an evaluator use the exact function instead of failing. */
    public Builder exactFallback(boolean on) {
      this.exactFallback = on;
      return this;
    }

    /** The immutable result. */
    public ApproximateNonlinearities build() {
      return new ApproximateNonlinearities(this);
    }
  }
}
