package dev.backprop.benchmarks;

import dev.backprop.Differentiable;

/**
 * GradBench's {@code llsq} eval (from cmpad's {@code llsq_obj}): the linear least squares
 * objective of fitting a polynomial of degree {@code m - 1} to the sign function,
 *
 * <pre>
 *   y(x) = 1/2 sum_{i=0}^{n-1} (s_i - x_0 - x_1 t_i - x_2 t_i^2 - ... - x_{m-1} t_i^{m-1})^2,
 *   t_i = -1 + 2 i / (n - 1),   s_i = sign(t_i)
 * </pre>
 *
 * <p>with {@code m = x.length}, differentiated with respect to the {@code m} coefficients
 * {@code x}; {@code n}, the number of sample points, is data. The processor writes
 * {@code LlsqGrad}.
 */
public final class Llsq {

  private Llsq() {}

  /**
   * {@code y(x)} over {@code n >= 2} points, the powers of {@code t_i} built up one multiplication
   * at a time.
   */
  @Differentiable
  public static double objective(double[] x, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double ti = -1 + i * 2.0 / (n - 1);
      double residual = Math.signum(ti);
      double power = 1;
      for (int j = 0; j < x.length; j++) {
        residual -= x[j] * power;
        power *= ti;
      }
      sum += residual * residual;
    }
    return sum / 2;
  }
}
