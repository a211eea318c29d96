package dev.backprop.examples;

import dev.backprop.Differentiable;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Chapter 2, "generalizing the SVM into a neural network": a 2-layer network with three ReLU
 * hidden neurons, trained on the same six points with the same force specification as
 * {@link SupportVectorMachine}.
 *
 * <p>The article writes the backward pass through the 13 parameters by hand ("wow this is
 * tedious"); here it is the generated {@code TwoLayerNetGrad.scorePullback}. The ReLU's gradient
 * convention is the article's: no gradient flows through a neuron that did not fire.
 */
public final class TwoLayerNet implements Training.Classifier {

  /** The article's step size. */
  public static final double STEP_SIZE = 0.01;

  /** The parameter names, in the order of {@link #parameters()} and of the gradient. */
  public static final List<String> PARAMETER_NAMES =
      List.of("a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3", "a4", "b4", "c4", "d4");

  /** The multiplicative parameters (not the biases c1, c2, c3, d4), which are regularized. */
  private static final int[] REGULARIZED = {0, 1, 3, 4, 6, 7, 9, 10, 11};

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
    return a4 * n1 + b4 * n2 + c4 * n3 + d4; // the score
  }

  private final double[] p = new double[13];
  private final double[] grad = new double[13];

  /**
   * A network whose 13 parameters are drawn from {@code random.nextDouble() - 0.5}, a random
   * number in {@code [-0.5, 0.5)}, in the order of {@link #PARAMETER_NAMES}.
   */
  public TwoLayerNet(Random random) {
    for (int k = 0; k < p.length; k++) {
      p[k] = random.nextDouble() - 0.5;
    }
  }

  /** The parameters {@code [a1, b1, c1, ..., d4]}. */
  public double[] parameters() {
    return p.clone();
  }

  /** The score of {@code (x, y)} under the current parameters. */
  public double forward(double x, double y) {
    return score(
        x, y, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12]);
  }

  /** One step of stochastic gradient descent on one point. */
  @Override
  public void learnFrom(double x, double y, int label) {
    // compute forward pass
    double score = forward(x, y);

    // compute the pull on top
    double pull = 0.0;
    if (label == 1 && score < 1) {
      pull = 1; // we want higher output! pull up.
    }
    if (label == -1 && score > -1) {
      pull = -1; // we want lower output! pull down.
    }

    // backward pass to all parameters of the model: the generated code
    Arrays.fill(grad, 0.0);
    TwoLayerNetGrad.scorePullback(
        x, y, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12],
        pull, grad);

    // add the pulls from the regularization, tugging all multiplicative
    // parameters (i.e. not the biases) downward, proportional to their value
    for (int k : REGULARIZED) {
      grad[k] += -p[k];
    }

    // finally, do the parameter update
    for (int k = 0; k < p.length; k++) {
      p[k] += STEP_SIZE * grad[k];
    }
  }

  /** Fraction of the training points this network classifies correctly. */
  @Override
  public double trainingAccuracy() {
    return TrainingData.trainingAccuracy(this::forward);
  }
}
