package dev.backprop.examples;

import dev.backprop.Differentiable;

/**
 * Chapter 1, "example: single neuron": {@code f(a, b, c, x, y) = sig(a*x + b*y + c)}.
 *
 * <p>The sigmoid is its own differentiable method; the neuron calls it, so the generated neuron
 * gradient chains through the generated sigmoid pullback, whose local gradient is
 * {@code s * (1 - s)}. At {@code a = 1, b = 2, c = -3, x = -1, y = 3} the neuron outputs
 * {@code 0.8808} with gradient {@code [-0.105, 0.315, 0.105, 0.105, 0.210]}, and one step of
 * {@code 0.01} along it raises the output to {@code 0.88255} (the article prints 0.8825).
 */
public final class SingleNeuron {

  private SingleNeuron() {}

  /** The sigmoid "squashing function": {@code sig(-5) = 0.0067, sig(0) = 0.5, sig(5) = 0.9933}. */
  @Differentiable
  public static double sig(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** A 2-dimensional sigmoid neuron. */
  @Differentiable
  public static double neuron(double a, double b, double c, double x, double y) {
    double q = a * x + b * y + c;
    return sig(q);
  }
}
