package dev.backprop.benchmarks;

import dev.backprop.Differentiable;

/**
 * Workload 2: the score of the article's 2-layer network (chapter 2, "generalizing the SVM into a
 * neural network"), three ReLU hidden neurons and a linear output. The data point {@code (x, y)}
 * is fixed; the gradient is taken with respect to the 13 parameters. The processor writes
 * {@code TwoLayerNetGrad}.
 */
public final class TwoLayerNet {

  /** The number of parameters, {@code a1 ... d4}. */
  public static final int PARAMETERS = 13;

  private TwoLayerNet() {}

  /** The network's score for the point {@code (x, y)}. */
  @Differentiable(
      wrt = {"a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3", "a4", "b4", "c4", "d4"})
  public static double score(
      double x, double y,
      double a1, double b1, double c1,
      double a2, double b2, double c2,
      double a3, double b3, double c3,
      double a4, double b4, double c4, double d4) {
    double n1 = Math.max(0, a1 * x + b1 * y + c1); // activation of 1st hidden neuron
    double n2 = Math.max(0, a2 * x + b2 * y + c2); // 2nd neuron
    double n3 = Math.max(0, a3 * x + b3 * y + c3); // 3rd neuron
    double score = a4 * n1 + b4 * n2 + c4 * n3 + d4; // the score
    return score;
  }
}
