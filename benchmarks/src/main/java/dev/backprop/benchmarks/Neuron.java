package dev.backprop.benchmarks;

import dev.backprop.Differentiable;

/**
 * Workload 1: the article's 2-dimensional sigmoid neuron {@code sig(a*x + b*y + c)}, written as
 * in "becoming a backprop ninja": {@code q} then {@code f = 1 / (1 + exp(-q))}. Five inputs, all
 * differentiated; the processor writes {@code NeuronGrad}.
 */
public final class Neuron {

  private Neuron() {}

  /** The neuron in two steps. */
  @Differentiable
  public static double neuron(double a, double b, double c, double x, double y) {
    double q = a * x + b * y + c;
    double f = 1 / (1 + Math.exp(-q)); // sig(q)
    return f;
  }
}
