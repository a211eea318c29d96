package dev.backprop.examples;

import java.util.function.ToDoubleFunction;

/**
 * The article's "strategy #2": the numerical gradient by forward differences,
 * {@code (f(x + h) - f(x)) / h}, one input at a time.
 *
 * <p>This is the article's own recipe (with its {@code h = 0.0001}), kept to reproduce the
 * numbers it prints. Checking a generated gradient is the job of
 * {@link dev.backprop.check.GradientCheck}, which uses central differences.
 */
public final class NumericalGradient {

  /** The article's tweak amount. */
  public static final double H = 1e-4;

  private NumericalGradient() {}

  /**
   * Forward-difference gradient of {@code f} at {@code x}.
   *
   * @param f the circuit, reading its inputs from the array
   * @param x the point (not modified)
   * @param h the tweak amount
   * @return {@code g[i] = (f(x + h e_i) - f(x)) / h}
   */
  public static double[] forwardDifference(ToDoubleFunction<double[]> f, double[] x, double h) {
    double[] probe = x.clone();
    double out = f.applyAsDouble(probe);
    double[] gradient = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      probe[i] = x[i] + h;
      gradient[i] = (f.applyAsDouble(probe) - out) / h;
      probe[i] = x[i];
    }
    return gradient;
  }
}
