package dev.backprop.benchmarks;

import dev.backprop.Differentiable;

/**
 * Workload 3: the article's SVM cost over a whole dataset (chapter 2, "a more conventional
 * approach: loss functions"),
 *
 * <pre>
 *   L = sum_i max(0, -y_i * (w0 * x_i0 + w1 * x_i1 + w2) + 1) + alpha * (w0 * w0 + w1 * w1)
 * </pre>
 *
 * <p>The same method as the examples' {@code DatasetSvm.cost}: a loop over the examples,
 * differentiated with respect to the weights {@code w} only ({@code x}, {@code y} and
 * {@code alpha} are data). The processor writes {@code SvmGrad}; what it costs grows with the
 * number of examples, which is what this workload measures.
 */
public final class Svm {

  private Svm() {}

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
}
