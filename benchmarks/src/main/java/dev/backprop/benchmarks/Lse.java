package dev.backprop.benchmarks;

import dev.backprop.Differentiable;

/**
 * GradBench's {@code lse} eval: the log-sum-exp of a vector, computed stably,
 *
 * <pre>
 *   LSE(x) = log sum_i exp(x_i) = a + log sum_i exp(x_i - a),   a = max_i x_i
 * </pre>
 *
 * <p>written from its primitives, as the eval asks (a maximum, then a sum), not as a built-in
 * with a known derivative; the gradient, with respect to all of {@code x}, is the softmax
 * {@code exp(x_i - LSE(x))}. The processor writes {@code LseGrad}. {@link Gmm} calls this method
 * for its log-sum-exps, so its generated gradient chains through {@code LseGrad.logSumExpPullback}.
 */
public final class Lse {

  private Lse() {}

  /**
   * {@code log sum_i exp(x_i)}, shifted by the largest element so that no exponential overflows:
   * {@code a = max_i x_i}, then {@code a + log sum_i exp(x_i - a)}. {@code x} must not be empty.
   */
  @Differentiable
  public static double logSumExp(double[] x) {
    double a = x[0];
    for (int i = 1; i < x.length; i++) {
      a = Math.max(a, x[i]);
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.exp(x[i] - a);
    }
    return a + Math.log(s);
  }
}
