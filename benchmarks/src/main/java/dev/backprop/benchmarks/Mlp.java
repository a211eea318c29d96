package dev.backprop.benchmarks;

import dev.backprop.Differentiable;

/**
 * Workload 4: an MLP loss over a minibatch: 4 inputs, 64 tanh hidden units, 3 classes, softmax
 * cross-entropy, averaged over the batch. The parameters are flat arrays, all differentiated
 * (515 numbers); the processor writes {@code MlpGrad}.
 */
public final class Mlp {

  /** Inputs per example. */
  public static final int INPUTS = 4;
  /** Hidden units. */
  public static final int HIDDEN = 64;
  /** Classes. */
  public static final int CLASSES = 3;

  private Mlp() {}

  /** Mean softmax cross-entropy of the batch {@code x}, labels {@code y}. */
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  public static double loss(double[][] x, int[] y, double[] w1, double[] b1, double[] w2,
      double[] b2) {
    double[] h = new double[b1.length];
    double[] scores = new double[b2.length];
    double total = 0;
    for (int n = 0; n < x.length; n++) {
      for (int j = 0; j < b1.length; j++) {
        double s = b1[j];
        for (int i = 0; i < x[n].length; i++) {
          s += w1[j * x[n].length + i] * x[n][i];
        }
        h[j] = Math.tanh(s);
      }
      double max = 0;
      for (int k = 0; k < b2.length; k++) {
        double s = b2[k];
        for (int j = 0; j < b1.length; j++) {
          s += w2[k * b1.length + j] * h[j];
        }
        scores[k] = s;
        if (k == 0 || s > max) {
          max = s;
        }
      }
      double sum = 0;
      for (int k = 0; k < b2.length; k++) {
        sum += Math.exp(scores[k] - max);
      }
      total += Math.log(sum) + max - scores[y[n]];
    }
    return total / x.length;
  }
}
