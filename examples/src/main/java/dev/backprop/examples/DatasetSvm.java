package dev.backprop.examples;

import dev.backprop.Differentiable;

/**
 * Chapter 2, "a more conventional approach: loss functions", as the article writes it: one
 * function {@code cost(X, y, w)} that loops over the whole dataset,
 *
 * <pre>
 *   L = sum_i max(0, -y_i * (w0 * x_i0 + w1 * x_i1 + w2) + 1) + alpha * (w0 * w0 + w1 * w1)
 * </pre>
 *
 * <p>{@link SvmCost} builds the same gradient out of one differentiable method per term and sums
 * their pullbacks by hand; here the loop itself is differentiated. The processor writes
 * {@code DatasetSvmGrad.cost(x, y, w, alpha, dw)}, which returns the cost and overwrites
 * {@code dw} with {@code dL/dw}: {@code x}, {@code y} and {@code alpha} are data, pegs fixed in
 * the ground.
 */
public final class DatasetSvm {

  /** The step size of {@link #descend}'s demonstration run in the walkthrough and the tests. */
  public static final double STEP_SIZE = 0.1;

  /** The number of steps of that run. */
  public static final int STEPS = 10;

  private DatasetSvm() {}

  /**
   * The article's {@code cost(X, y, w)}, line by line (its global {@code alpha} is a parameter):
   * the hinge loss of every example plus the regularization cost. The bias {@code w[2]} is not
   * regularized.
   */
  @Differentiable(wrt = "w")
  public static double cost(double[][] x, int[] y, double[] w, double alpha) {
    double totalCost = 0.0; // L, in the SVM loss function above
    for (int i = 0; i < x.length; i++) {
      // loop over all data points and compute their score
      double[] xi = x[i];
      double score = w[0] * xi[0] + w[1] * xi[1] + w[2];
      // accumulate cost based on how compatible the score is with the label
      double costi = Math.max(0, -y[i] * score + 1);
      totalCost += costi;
    }
    // regularization cost: we want small weights
    double regCost = alpha * (w[0] * w[0] + w[1] * w[1]);
    totalCost += regCost;
    return totalCost;
  }

  /**
   * Full-batch gradient descent on the generated gradient: {@code steps} times
   * {@code w -= stepSize * dL/dw}, in place. Returns the cost before each step and after the
   * last ({@code steps + 1} values).
   */
  public static double[] descend(
      double[][] x, int[] y, double[] w, double alpha, double stepSize, int steps) {
    double[] costs = new double[steps + 1];
    double[] dw = new double[w.length];
    for (int s = 0; s < steps; s++) {
      costs[s] = DatasetSvmGrad.cost(x, y, w, alpha, dw);
      for (int j = 0; j < w.length; j++) {
        w[j] -= stepSize * dw[j]; // opposite to the gradient: we want a small cost
      }
    }
    costs[steps] = cost(x, y, w, alpha);
    return costs;
  }
}
