package dev.backprop.benchmarks;

import java.util.Arrays;
import java.util.Random;

/**
 * The contenders for {@link Llsq#objective}: each takes the coefficients {@code x} and the number
 * of points {@code n}, writes the gradient {@code dx} (the same length as {@code x}) and returns
 * {@code y(x)} (except {@link #function}, the forward pass alone).
 */
public final class LlsqContenders {

  /** GradBench's seed for the {@code llsq} eval's inputs ({@code np.random.seed(31337)}). */
  public static final long SEED = 31337;

  /** The benchmark's number of coefficients, GradBench's only one: {@code m = 128}. */
  public static final int M = 128;

  private LlsqContenders() {}

  /**
   * The coefficients as GradBench's {@code llsq} generator makes them: {@code x =
   * np.random.rand(m)}, {@code m} numbers uniform in {@code [0, 1)}, here from
   * {@code java.util.Random(seed)}; {@code n} is passed on as it is. GradBench's sizes are
   * {@code m = 128} and {@code n = 16, 32, ..., 4 096} (then 8 196 and 16 392); the benchmark uses
   * {@code n = 4 096, m = 128}, one of them. The same distribution, not NumPy's numbers.
   */
  public static double[] input(int m, long seed) {
    Random random = new Random(seed);
    double[] x = new double[m];
    for (int j = 0; j < m; j++) {
      x[j] = random.nextDouble();
    }
    return x;
  }

  /**
   * The hand-written pass's working array: the powers {@code t_i^j} of the current point, held by
   * the caller and reused from call to call, as the generated code reuses its tape.
   */
  public static final class Scratch {
    final double[] powers;

    /** For {@code m} coefficients. */
    public Scratch(int m) {
      powers = new double[m];
    }
  }

  /** (d) The forward function alone: the unit for the gradient/function ratio. */
  public static double function(double[] x, int n) {
    return Llsq.objective(x, n);
  }

  /** (a) The generated gradient, plain form: value and gradient in one call. */
  public static double generated(double[] x, int n, double[] dx) {
    return LlsqGrad.objective(x, n, dx);
  }

  /**
   * (b) The generated pullback, as a caller outside generated code uses it: the value from the
   * function, the gradient from {@code objectivePullback} with seed 1 into a zeroed {@code dx}.
   */
  public static double pullback(double[] x, int n, double[] dx) {
    double value = Llsq.objective(x, n);
    Arrays.fill(dx, 0.0);
    LlsqGrad.objectivePullback(x, n, 1, dx);
    return value;
  }

  /**
   * (c) By hand, from {@code dy / dx_j = -sum_i r_i t_i^j} with the residual
   * {@code r_i = s_i - sum_j x_j t_i^j}: one pass over the points, each point's residual computed
   * as the function computes it (keeping the powers of {@code t_i} it passes through in
   * {@code scratch}), then at once its pull {@code -r_i t_i^j} on every coefficient, a loop
   * without a dependency from one {@code j} to the next. Nothing is kept from one point to the
   * next; nothing is allocated.
   */
  public static double handWritten(double[] x, int n, double[] dx, Scratch scratch) {
    int m = x.length;
    double[] powers = scratch.powers;
    Arrays.fill(dx, 0.0);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double ti = -1 + i * 2.0 / (n - 1);
      double residual = Math.signum(ti);
      double power = 1;
      for (int j = 0; j < m; j++) {
        powers[j] = power;
        residual -= x[j] * power;
        power *= ti;
      }
      sum += residual * residual;
      // d(residual^2 / 2) / d residual = residual, d residual / d x_j = -t_i^j
      for (int j = 0; j < m; j++) {
        dx[j] -= residual * powers[j];
      }
    }
    return sum / 2;
  }
}
