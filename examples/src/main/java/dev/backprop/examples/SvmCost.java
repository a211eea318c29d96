package dev.backprop.examples;

import dev.backprop.Differentiable;
import java.util.Arrays;

/**
 * Chapter 2, "a more conventional approach: loss functions": the 2-d SVM's cost
 *
 * <pre>
 *   L = sum_i max(0, -y_i * (w0 * x_i0 + w1 * x_i1 + w2) + 1) + alpha * (w0 * w0 + w1 * w1)
 * </pre>
 *
 * <p>Each term is a differentiable method with respect to {@code w0, w1, w2}; the gradient of
 * the whole cost is the sum of their generated <em>pullbacks</em>, all accumulating into the
 * same {@code double[3]}: backpropagation through a sum adds up.
 */
public final class SvmCost {

  /** The article's data. */
  public static final double[][] X = {{1.2, 0.7}, {-0.3, 0.5}, {3, 2.5}};

  /** The article's labels. */
  public static final int[] Y = {1, -1, 1};

  /** The article's regularization strength. */
  public static final double ALPHA = 0.1;

  private SvmCost() {}

  /** The cost of one example: how unhappy the SVM {@code w} is with {@code (xi, yi)}. */
  @Differentiable(wrt = {"w0", "w1", "w2"})
  public static double exampleCost(
      double xi0, double xi1, int yi, double w0, double w1, double w2) {
    double score = w0 * xi0 + w1 * xi1 + w2;
    return Math.max(0, -yi * score + 1);
  }

  /**
   * The regularization cost: we want small weights. The bias {@code w2} is not regularized; it
   * is a parameter so that this gradient has the same layout as {@link #exampleCost}'s.
   */
  @Differentiable(wrt = {"w0", "w1", "w2"})
  public static double regularizationCost(double alpha, double w0, double w1, double w2) {
    return alpha * (w0 * w0 + w1 * w1);
  }

  /** The total cost of the SVM {@code w = [w0, w1, w2]} on {@code x, y}. */
  public static double cost(double[][] x, int[] y, double[] w, double alpha) {
    double totalCost = 0.0;
    for (int i = 0; i < x.length; i++) {
      totalCost += exampleCost(x[i][0], x[i][1], y[i], w[0], w[1], w[2]);
    }
    totalCost += regularizationCost(alpha, w[0], w[1], w[2]);
    return totalCost;
  }

  /**
   * The total cost and its gradient with respect to {@code w}, overwriting {@code grad}: every
   * term's pullback, seeded with {@code 1.0}, adds its share into {@code grad}.
   */
  public static double costAndGradient(
      double[][] x, int[] y, double[] w, double alpha, double[] grad) {
    Arrays.fill(grad, 0.0);
    for (int i = 0; i < x.length; i++) {
      SvmCostGrad.exampleCostPullback(x[i][0], x[i][1], y[i], w[0], w[1], w[2], 1.0, grad);
    }
    SvmCostGrad.regularizationCostPullback(alpha, w[0], w[1], w[2], 1.0, grad);
    return cost(x, y, w, alpha);
  }

  /**
   * Full-batch gradient descent: {@code steps} times {@code w -= stepSize * dL/dw}, in place;
   * returns the cost before each step and after the last ({@code steps + 1} values).
   */
  public static double[] descend(
      double[][] x, int[] y, double[] w, double alpha, double stepSize, int steps) {
    double[] costs = new double[steps + 1];
    double[] grad = new double[w.length];
    for (int s = 0; s < steps; s++) {
      costs[s] = costAndGradient(x, y, w, alpha, grad);
      for (int j = 0; j < w.length; j++) {
        w[j] -= stepSize * grad[j]; // opposite to the gradient: we want a small cost
      }
    }
    costs[steps] = cost(x, y, w, alpha);
    return costs;
  }
}
