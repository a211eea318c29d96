package dev.backprop.benchmarks;

import java.util.Arrays;
import java.util.Random;

/**
 * The contenders for {@link Lse#logSumExp}: each takes the vector {@code x}, writes the gradient
 * {@code dx} (the same length) and returns {@code LSE(x)} (except {@link #function}, the forward
 * pass alone).
 */
public final class LseContenders {

  /** GradBench's seed for the {@code lse} eval's inputs ({@code np.random.seed(31337)}). */
  public static final long SEED = 31337;

  private LseContenders() {}

  /**
   * An input as GradBench's {@code lse} generator makes it: {@code x = np.random.rand(n)},
   * {@code n} numbers uniform in {@code [0, 1)}, here from {@code java.util.Random(seed)}. (The
   * generator also declares {@code --min -100 --max 100} options but does not use them: its
   * inputs are in {@code [0, 1)}.) GradBench's sizes are {@code n = 2 500, 5 000, ...,
   * 1 280 000}, doubling; the benchmark uses {@code n = 160 000}, one of them. The same
   * distribution, not NumPy's numbers: those come from another generator.
   */
  public static double[] input(int n, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble();
    }
    return x;
  }

  /** (d) The forward function alone: the unit for the gradient/function ratio. */
  public static double function(double[] x) {
    return Lse.logSumExp(x);
  }

  /** (a) The generated gradient, plain form: value and gradient in one call. */
  public static double generated(double[] x, double[] dx) {
    return LseGrad.logSumExp(x, dx);
  }

  /**
   * (b) The generated pullback, as a caller outside generated code uses it: the value from the
   * function, the gradient from {@code logSumExpPullback} with seed 1 into a zeroed {@code dx}.
   */
  public static double pullback(double[] x, double[] dx) {
    double value = Lse.logSumExp(x);
    Arrays.fill(dx, 0.0);
    LseGrad.logSumExpPullback(x, 1, dx);
    return value;
  }

  /**
   * (c) By hand, from {@code d LSE / d x_i = exp(x_i - a) / s}: the maximum, then one pass that
   * computes each exponential once, keeps it in {@code dx} and sums it, then one pass that scales
   * {@code dx} by {@code 1 / s}. No gradient flows through the shift {@code a} (the softmax is
   * shift-invariant: its pulls cancel exactly), so the gradient costs a multiplication per element
   * more than the function. Nothing is allocated: {@code dx} is the only scratch.
   */
  public static double handWritten(double[] x, double[] dx) {
    int n = x.length;
    double a = x[0];
    for (int i = 1; i < n; i++) {
      double xi = x[i];
      if (xi > a) {
        a = xi;
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      double e = Math.exp(x[i] - a);
      dx[i] = e;
      s += e;
    }
    double scale = 1 / s;
    for (int i = 0; i < n; i++) {
      dx[i] *= scale;
    }
    return a + Math.log(s);
  }
}
