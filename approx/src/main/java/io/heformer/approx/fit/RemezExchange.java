package io.heformer.approx.fit;

import io.heformer.approx.ChebyshevSeries;
import io.heformer.approx.FitMethod;
import io.heformer.approx.Interval;
import io.heformer.approx.Parity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The Remez exchange algorithm for the weighted minimax polynomial in the Chebyshev basis:
 * minimise max |w(x) (f(x) - p(x))| over p = sum_{k in K} c_k T_k(t), where K = {0..d} or only
 * the odd or the even k (parity), over [a, b] or, with a parity, over [r, b] and its mirror
 * [-b, -r] (the gap (-r, r) excluded: the stages of a composite sign).
 *
 * <p>Each iteration solves the (m + 1) x (m + 1) levelled system
 * sum_k c_k T_k(t_i) + (-1)^i E / w(x_i) = f(x_i) on the reference x_0 &lt; ... &lt; x_m (m basis
 * functions), then locates the extrema of the error on a grid uniform in arccos t (16 points per
 * basis function, densest at the ends), refines each by golden-section search, keeps one extremum
 * per run of constant sign, and takes the m + 1 consecutive alternating extrema containing the
 * global maximum as the new reference (multi-point exchange). It stops when the maximum error
 * exceeds the levelled |E| by less than a relative 1e-6 plus the rounding noise of the error
 * evaluation, 2 (d + 2) u (sum |c_k| + |f|) w (de la Vallee Poussin: the minimax error then lies
 * between |E| and the maximum), or after 60 iterations keeping the best polynomial seen.
 *
 * <p><b>Precision.</b> Everything is in double. Measured: for degrees up to 255 on [-1, 1] the
 * Chebyshev-basis systems at (near-)Chebyshev references are well conditioned (condition number
 * O(d)), and the exchange converges in a few iterations whenever the minimax error is above about
 * 1e-13 relative to max |f|; every setting of the paper is far above that. Below it the error
 * curve is rounding noise, no polynomial is measurably better than Chebyshev interpolation, and
 * the result is reported as not converged (callers then use interpolation; double-double
 * arithmetic would not help because the plaintext and encrypted evaluations themselves round at
 * that level). The certificate is always computed afresh by {@link ErrorCertifier}.
 *
 * <p>Stateless and thread-safe; allocates O(m^2) per iteration.
 */
public final class RemezExchange {

  private static final double TOLERANCE = 1e-6;
  private static final int MAX_ITERATIONS = 60;
  private static final int GRID_PER_BASIS = 16;

  private RemezExchange() {}

  /** The absolute-error weight w = 1. */
  public static final DoubleUnaryOperator ABSOLUTE = x -> 1.0;

  /** The relative-error weight w = 1/|f|. */
  public static DoubleUnaryOperator relative(DoubleUnaryOperator f) {
    return x -> 1.0 / Math.abs(f.applyAsDouble(x));
  }

  /**
   * A minimax fit and its certificates.
   *
   * @param series the polynomial; its {@code errorBound} is the certified absolute error over the
   *     approximation set
   * @param level |E| of the last levelled system (a lower bound of the minimax error)
   * @param weightedErrorBound the certified weighted error over the approximation set
   * @param reference the final reference points (ascending)
   * @param referenceErrors the weighted errors w (f - p) at the reference points
   * @param iterations iterations performed
   * @param converged whether the stopping test was met
   */
  public record Result(ChebyshevSeries series, double level, double weightedErrorBound, double[] reference,
      double[] referenceErrors, int iterations, boolean converged) {}

  /**
   * Computes the weighted minimax polynomial.
   *
   * @param function name recorded in the series
   * @param f the function (defined on the whole approximation set, e.g. odd for ODD parity)
   * @param weight w &gt; 0 ({@link #ABSOLUTE} or {@link #relative})
   * @param interval [a, b], mapped onto [-1, 1]
   * @param degree d
   * @param parity NONE, or ODD/EVEN on a symmetric interval (then d must have that parity)
   * @param excludedRadius r: 0, or with a parity the half-width of the excluded gap (0 &lt; r &lt; b)
   * @throws IllegalArgumentException on inconsistent arguments (named with their values)
   */
  public static Result minimax(String function, DoubleUnaryOperator f, DoubleUnaryOperator weight,
      Interval interval, int degree, Parity parity, double excludedRadius) {
    if (degree < 0 || degree > 1023) {
      throw new IllegalArgumentException("degree must be in [0, 1023], got " + degree);
    }
    if (parity != Parity.NONE) {
      if (!interval.isSymmetric()) {
        throw new IllegalArgumentException("parity " + parity + " needs a symmetric interval, got " + interval);
      }
      if (!parity.admits(degree)) {
        throw new IllegalArgumentException("degree " + degree + " does not have parity " + parity);
      }
    }
    if (!(excludedRadius >= 0) || (excludedRadius > 0 && (excludedRadius >= interval.hi() || parity == Parity.NONE))) {
      throw new IllegalArgumentException("excluded radius " + excludedRadius
          + " needs a parity and must lie in [0, " + interval.hi() + ")");
    }
    int[] basis = basis(degree, parity);
    int m = basis.length;
    double lo = parity == Parity.NONE ? interval.lo() : excludedRadius;
    double hi = interval.hi();
    double alpha = 2.0 / interval.width();
    double beta = -(interval.lo() + interval.hi()) / interval.width();

    double[] ref = initialReference(m + 1, lo, hi, parity, excludedRadius);
    double[] bestCoeffs = null;
    double bestMax = Double.POSITIVE_INFINITY;
    double bestLevel = 0;
    double[] bestRef = ref;
    boolean converged = false;
    int iter = 0;
    while (iter < MAX_ITERATIONS) {
      iter++;
      double[] sol = solveLevelled(f, weight, ref, basis, degree, alpha, beta);
      double level = Math.abs(sol[m]);
      double[] coeffs = new double[degree + 1];
      for (int j = 0; j < m; j++) {
        coeffs[basis[j]] = sol[j];
      }
      DoubleUnaryOperator err = x -> weight.applyAsDouble(x)
          * (f.applyAsDouble(x) - ChebyshevSeries.clenshaw(coeffs, alpha * x + beta));
      List<double[]> extrema = alternatingExtrema(err, lo, hi, GRID_PER_BASIS * (m + 1) + 1);
      double maxErr = 0;
      int argMax = 0;
      for (int i = 0; i < extrema.size(); i++) {
        if (Math.abs(extrema.get(i)[1]) > maxErr) {
          maxErr = Math.abs(extrema.get(i)[1]);
          argMax = i;
        }
      }
      if (maxErr < bestMax) {
        bestMax = maxErr;
        bestCoeffs = coeffs;
        bestLevel = level;
        bestRef = ref;
      }
      double noise = 0;
      double absSum = 0;
      for (double cc : coeffs) {
        absSum += Math.abs(cc);
      }
      for (double x : ref) {
        noise = Math.max(noise, weight.applyAsDouble(x) * (absSum + Math.abs(f.applyAsDouble(x))));
      }
      noise *= 2 * (degree + 2) * ErrorCertifier.UNIT_ROUNDOFF;
      if (maxErr - level <= TOLERANCE * maxErr + noise) {
        converged = true;
        break;
      }
      if (extrema.size() < m + 1) {
        break;
      }
      int start = Math.min(Math.max(argMax - m, 0), extrema.size() - (m + 1));
      double[] next = new double[m + 1];
      for (int i = 0; i <= m; i++) {
        next[i] = extrema.get(start + i)[0];
      }
      ref = next;
    }
    final double[] c = bestCoeffs;
    DoubleUnaryOperator p = x -> ChebyshevSeries.clenshaw(c, alpha * x + beta);
    double[] refErr = new double[bestRef.length];
    for (int i = 0; i < bestRef.length; i++) {
      refErr[i] = weight.applyAsDouble(bestRef[i]) * (f.applyAsDouble(bestRef[i]) - p.applyAsDouble(bestRef[i]));
    }
    ChebyshevSeries raw = ChebyshevSeries.of(function, interval, c, parity, 0.0, excludedRadius, FitMethod.MINIMAX);
    double absBound = certify(raw, f, null, parity, lo, hi);
    double weightedBound = weight == ABSOLUTE ? absBound : certify(raw, f, weight, parity, lo, hi);
    return new Result(raw.withCertificate(function, absBound, excludedRadius), bestLevel, weightedBound,
        bestRef, refErr, iter, converged);
  }

  private static double certify(ChebyshevSeries s, DoubleUnaryOperator f, DoubleUnaryOperator w,
      Parity parity, double lo, double hi) {
    double bound = ErrorCertifier.certifySeries(s, f, w, lo, hi);
    if (parity != Parity.NONE) {
      bound = Math.max(bound, ErrorCertifier.certifySeries(s, f, w, -hi, -lo));
    }
    return bound;
  }

  private static int[] basis(int degree, Parity parity) {
    int[] tmp = new int[degree + 1];
    int m = 0;
    for (int k = 0; k <= degree; k++) {
      if (parity.admits(k)) {
        tmp[m++] = k;
      }
    }
    return java.util.Arrays.copyOf(tmp, m);
  }

  private static double[] initialReference(int n, double lo, double hi, Parity parity, double r) {
    double[] x = new double[n];
    if (parity != Parity.NONE && r == 0.0) {
      // Non-negative extrema of T_{2n-1} (odd) or T_{2n-2} (even) on [-hi, hi]; odd avoids 0.
      int denom = parity == Parity.ODD ? 2 * n - 1 : 2 * n - 2;
      for (int i = 0; i < n; i++) {
        x[i] = hi * Math.cos(Math.PI * (n - 1 - i) / denom);
      }
    } else {
      for (int i = 0; i < n; i++) {
        x[i] = 0.5 * (lo + hi) - 0.5 * (hi - lo) * Math.cos(Math.PI * i / (n - 1));
      }
    }
    x[0] = Math.max(x[0], lo);
    return x;
  }

  private static double[] solveLevelled(DoubleUnaryOperator f, DoubleUnaryOperator w, double[] ref,
      int[] basis, int degree, double alpha, double beta) {
    int m = basis.length;
    int n = m + 1;
    double[][] a = new double[n][n];
    double[] rhs = new double[n];
    double[] tk = new double[degree + 1];
    for (int i = 0; i < n; i++) {
      double t = alpha * ref[i] + beta;
      tk[0] = 1;
      if (degree >= 1) {
        tk[1] = t;
      }
      for (int k = 2; k <= degree; k++) {
        tk[k] = 2 * t * tk[k - 1] - tk[k - 2];
      }
      for (int j = 0; j < m; j++) {
        a[i][j] = tk[basis[j]];
      }
      a[i][m] = ((i & 1) == 0 ? 1.0 : -1.0) / w.applyAsDouble(ref[i]);
      rhs[i] = f.applyAsDouble(ref[i]);
    }
    return DenseLinearSolver.solve(a, rhs);
  }

  /**
   * One refined extremum per run of constant sign of err on a Chebyshev-spaced grid: {x, err(x)}
   * in ascending x, alternating in sign by construction.
   */
  static List<double[]> alternatingExtrema(DoubleUnaryOperator err, double lo, double hi, int gridPoints) {
    double mid = 0.5 * (lo + hi);
    double half = 0.5 * (hi - lo);
    double[] xs = new double[gridPoints];
    double[] es = new double[gridPoints];
    for (int j = 0; j < gridPoints; j++) {
      xs[j] = j == 0 ? lo : (j == gridPoints - 1 ? hi : mid - half * Math.cos(Math.PI * j / (gridPoints - 1)));
      es[j] = err.applyAsDouble(xs[j]);
    }
    List<double[]> out = new ArrayList<>();
    int j = 0;
    while (j < gridPoints) {
      if (es[j] == 0.0) {
        j++;
        continue;
      }
      double sign = Math.signum(es[j]);
      int best = j;
      int k = j;
      while (k < gridPoints && Math.signum(es[k]) != -sign) {
        if (sign * es[k] > sign * es[best]) {
          best = k;
        }
        k++;
      }
      double bx = xs[best];
      double be = es[best];
      double left = xs[Math.max(best - 1, 0)];
      double right = xs[Math.min(best + 1, gridPoints - 1)];
      double[] r = ErrorCertifier.refineMaximum(x -> sign * err.applyAsDouble(x), left, right);
      if (r[1] > sign * be) {
        bx = r[0];
        be = sign * r[1];
      }
      out.add(new double[] {bx, be});
      j = k;
    }
    return out;
  }
}
