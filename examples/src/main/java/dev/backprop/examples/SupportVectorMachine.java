package dev.backprop.examples;

import dev.backprop.Differentiable;
import java.util.Arrays;
import java.util.Random;

/**
 * Chapter 2, "learning a support vector machine": the circuit {@code a*x + b*y + c} trained by
 * stochastic gradient descent from the SVM's <em>force specification</em>.
 *
 * <ul>
 *   <li>a positive point scoring below {@code 1} pulls on the circuit's output with {@code +1},
 *       a negative point scoring above {@code -1} with {@code -1}, any other with {@code 0};
 *   <li>the pull is backpropagated to {@code a, b, c} by the generated
 *       {@code SupportVectorMachineGrad.circuitPullback(x, y, a, b, c, pull, grad)} &mdash; the
 *       article's {@code circuit.backward(pull)}; {@code x, y} are not differentiated, they are
 *       "pegs, fixed in the ground";
 *   <li>springs pull {@code a} and {@code b} (not {@code c}) towards zero with {@code -a, -b}.
 * </ul>
 *
 * <p>{@link #loss} is the same machine seen through its loss function: descending its generated
 * gradient makes the same updates as the force specification.
 *
 * <p>With this step size and spring strength the parameters do not settle: the springs pull
 * {@code a, b} back until the point {@code [1.2, 0.7]} sits on the decision boundary, and the
 * training accuracy keeps flipping between 5/6 and 6/6 (see {@link Training}).
 */
public final class SupportVectorMachine implements Training.Classifier {

  /** The article's step size. */
  public static final double STEP_SIZE = 0.01;

  /**
   * The SVM circuit, in the article's argument order {@code forward(x, y, a, b, c)}.
   * Differentiated with respect to the parameters only: {@code grad = [da, db, dc]}.
   */
  @Differentiable(wrt = {"a", "b", "c"})
  public static double circuit(double x, double y, double a, double b, double c) {
    return a * x + b * y + c;
  }

  /**
   * The loss whose gradient is the force specification: the hinge {@code max(0, 1 -
   * label*score)} plus the springs' energy {@code (a*a + b*b) / 2}. Its negative gradient is
   * {@code pull * [x, y, 1] - [a, b, 0]}.
   */
  @Differentiable(wrt = {"a", "b", "c"})
  public static double loss(double x, double y, int label, double a, double b, double c) {
    double score = circuit(x, y, a, b, c);
    return Math.max(0, 1 - label * score) + 0.5 * (a * a + b * b);
  }

  // random initial parameter values (the article's)
  private double a = 1.0;
  private double b = -2.0;
  private double c = -1.0;
  /** The pulls on a, b, c. */
  private final double[] grad = new double[3];
  private double unitOut;

  /** An SVM with the article's initial parameters {@code a = 1, b = -2, c = -1}. */
  public SupportVectorMachine() {}

  /** The parameters {@code [a, b, c]}. */
  public double[] parameters() {
    return new double[] {a, b, c};
  }

  /** Forward pass: the score of {@code (x, y)}. */
  public double forward(double x, double y) {
    unitOut = circuit(x, y, a, b, c);
    return unitOut;
  }

  /** Backward pass: the pulls on {@code a, b, c} after {@link #forward} of this point. */
  public double[] backward(double x, double y, int label) {
    // reset pulls on a,b,c
    Arrays.fill(grad, 0.0);

    // compute the pull based on what the circuit output was
    double pull = 0.0;
    if (label == 1 && unitOut < 1) {
      pull = 1; // the score was too low: pull up
    }
    if (label == -1 && unitOut > -1) {
      pull = -1; // the score was too high for a negative example, pull down
    }
    SupportVectorMachineGrad.circuitPullback(x, y, a, b, c, pull, grad); // writes da, db, dc

    // add regularization pull for parameters: towards zero and proportional to value
    grad[0] += -a;
    grad[1] += -b;
    return grad.clone();
  }

  /** One step of stochastic gradient descent on one point. */
  @Override
  public void learnFrom(double x, double y, int label) {
    forward(x, y); // forward pass
    backward(x, y, label); // backward pass
    parameterUpdate(); // parameters respond to tug
  }

  private void parameterUpdate() {
    a += STEP_SIZE * grad[0];
    b += STEP_SIZE * grad[1];
    c += STEP_SIZE * grad[2];
  }

  /** Fraction of the training points this SVM classifies correctly. */
  @Override
  public double trainingAccuracy() {
    return TrainingData.trainingAccuracy((x, y) -> circuit(x, y, a, b, c));
  }

  /**
   * The same training done by gradient descent on {@link #loss}: {@code [a, b, c]} after
   * {@code iterations} steps over points picked by {@code random.nextInt(6)}, as
   * {@link Training#run} picks them, starting from the article's initial parameters.
   */
  public static double[] trainOnLoss(Random random, int iterations) {
    double a = 1.0;
    double b = -2.0;
    double c = -1.0;
    double[] grad = new double[3];
    for (int iter = 0; iter < iterations; iter++) {
      int i = random.nextInt(TrainingData.size());
      SupportVectorMachineGrad.loss(
          TrainingData.x(i), TrainingData.y(i), TrainingData.label(i), a, b, c, grad);
      a -= STEP_SIZE * grad[0];
      b -= STEP_SIZE * grad[1];
      c -= STEP_SIZE * grad[2];
    }
    return new double[] {a, b, c};
  }
}
