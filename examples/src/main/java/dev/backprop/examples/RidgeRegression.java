package dev.backprop.examples;

import dev.backprop.Differentiable;
import java.util.Random;

/**
 * Chapter 3, "example: regression": least squares with L2 regularization (ridge regression),
 *
 * <pre>
 *   L(w, b) = 1/N sum_i (b + sum_j w_j x_ij - y_i)^2 + lambda * sum_j w_j^2
 * </pre>
 *
 * <p>trained by full-batch gradient descent on the generated {@code RidgeRegressionGrad.loss(x,
 * y, w, b, lambda, grad, dw)}: {@code grad[0]} receives {@code dL/db} (the one differentiated
 * scalar), {@code dw} receives {@code dL/dw}. The targets {@code y} are a {@code double[]} too,
 * but data: they are not in {@code wrt}.
 *
 * <p>The loss is a convex quadratic, so descent converges to the closed-form ridge solution,
 * which the tests compute independently. The data is synthetic: {@link #TRUE_W} and
 * {@link #TRUE_B} plus Gaussian noise.
 */
public final class RidgeRegression {

  /** Seed of the synthetic dataset. */
  public static final long DATA_SEED = 0;
  /** Number of examples. */
  public static final int EXAMPLES = 50;
  /** The true weights the data is generated from. */
  public static final double[] TRUE_W = {2.0, -3.0};
  /** The true bias. */
  public static final double TRUE_B = 0.5;
  /** Standard deviation of the Gaussian noise on the targets. */
  public static final double NOISE = 0.5;
  /** L2 regularization strength. */
  public static final double LAMBDA = 0.1;
  /** Step size of gradient descent. */
  public static final double STEP_SIZE = 0.1;
  /** Full-batch steps of gradient descent. */
  public static final int STEPS = 300;

  private RidgeRegression() {}

  /** Examples {@code x[i]} with real-valued targets {@code y[i]}. */
  public record Dataset(double[][] x, double[] y) {}

  /** Learned weights and bias and the loss before each step and after the last. */
  public record Fit(double[] w, double b, double[] losses) {}

  /** The mean squared error plus {@code lambda} times the squared norm of {@code w}. */
  @Differentiable(wrt = {"w", "b"})
  public static double loss(double[][] x, double[] y, double[] w, double b, double lambda) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double prediction = b;
      for (int j = 0; j < w.length; j++) {
        prediction += w[j] * x[i][j];
      }
      double error = prediction - y[i];
      loss += error * error;
    }
    loss /= x.length;
    for (int j = 0; j < w.length; j++) {
      loss += lambda * w[j] * w[j];
    }
    return loss;
  }

  /**
   * {@code n} examples with standard normal features and targets
   * {@code TRUE_B + TRUE_W . x + NOISE * N(0, 1)}.
   */
  public static Dataset synthetic(long seed, int n) {
    Random random = new Random(seed);
    double[][] x = new double[n][TRUE_W.length];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double target = TRUE_B;
      for (int j = 0; j < TRUE_W.length; j++) {
        x[i][j] = random.nextGaussian();
        target += TRUE_W[j] * x[i][j];
      }
      y[i] = target + NOISE * random.nextGaussian();
    }
    return new Dataset(x, y);
  }

  /** Full-batch gradient descent from {@code w = 0, b = 0}. */
  public static Fit train(Dataset data, double lambda, double stepSize, int steps) {
    double[] w = new double[data.x()[0].length];
    double b = 0;
    double[] grad = new double[1];
    double[] dw = new double[w.length];
    double[] losses = new double[steps + 1];
    for (int s = 0; s < steps; s++) {
      losses[s] = RidgeRegressionGrad.loss(data.x(), data.y(), w, b, lambda, grad, dw);
      for (int j = 0; j < w.length; j++) {
        w[j] -= stepSize * dw[j];
      }
      b -= stepSize * grad[0];
    }
    losses[steps] = loss(data.x(), data.y(), w, b, lambda);
    return new Fit(w, b, losses);
  }
}
