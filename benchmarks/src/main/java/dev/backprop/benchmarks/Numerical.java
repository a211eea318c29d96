package dev.backprop.benchmarks;

import dev.backprop.check.ScalarFunction;
import java.util.function.DoubleSupplier;

/**
 * The numerical gradient by central differences, the article's first strategy made symmetric:
 * {@code (f(x + h e_i) - f(x - h e_i)) / 2h} with {@code h = 1e-5 * max(1, |x_i|)}, the step of
 * {@code dev.backprop.check.GradientCheck}. Two evaluations of the function per parameter, no
 * allocation: the point is perturbed in place and restored.
 */
final class Numerical {

  /** The base step. */
  static final double STEP = 1e-5;

  private Numerical() {}

  /**
   * Value of {@code f} at {@code point}, and {@code grad[i] = df / d point[first + i]} for every
   * {@code i < grad.length}.
   */
  static double valueAndGradient(ScalarFunction f, double[] point, int first, double[] grad) {
    double value = f.value(point);
    for (int i = 0; i < grad.length; i++) {
      int k = first + i;
      double xk = point[k];
      double h = STEP * Math.max(1.0, Math.abs(xk));
      point[k] = xk + h;
      double plus = f.value(point);
      point[k] = xk - h;
      double minus = f.value(point);
      point[k] = xk;
      grad[i] = (plus - minus) / (2 * h);
    }
    return value;
  }

  /**
   * The same for a function of several parameter arrays (the MLP's {@code w1, b1, w2, b2}):
   * {@code f} reads {@code parameters}, which are perturbed in place one entry at a time, and
   * {@code grads[a][i] = df / d parameters[a][i]}. Returns {@code f} at the unperturbed point.
   */
  static double valueAndGradient(DoubleSupplier f, double[][] parameters, double[][] grads) {
    double value = f.getAsDouble();
    for (int a = 0; a < parameters.length; a++) {
      double[] p = parameters[a];
      double[] grad = grads[a];
      for (int i = 0; i < p.length; i++) {
        double pi = p[i];
        double h = STEP * Math.max(1.0, Math.abs(pi));
        p[i] = pi + h;
        double plus = f.getAsDouble();
        p[i] = pi - h;
        double minus = f.getAsDouble();
        p[i] = pi;
        grad[i] = (plus - minus) / (2 * h);
      }
    }
    return value;
  }
}
