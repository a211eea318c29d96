package dev.backprop.benchmarks;

import dev.backprop.check.ScalarFunction;
import java.util.Arrays;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Every contender for {@link Neuron#neuron}: each takes the point {@code [a, b, c, x, y]},
 * writes the full gradient {@code [da, db, dc, dx, dy]} into {@code grad} and returns the value
 * (except {@link #function}, the forward pass alone).
 */
public final class NeuronContenders {

  /** The number of inputs, all differentiated. */
  public static final int INPUTS = 5;

  /** The article's point: {@code a = 1, b = 2, c = -3, x = -1, y = 3}. */
  public static double[] articlePoint() {
    return new double[] {1, 2, -3, -1, 3};
  }

  private static final ScalarFunction NEURON = p -> Neuron.neuron(p[0], p[1], p[2], p[3], p[4]);

  private NeuronContenders() {}

  /** (d) The forward function alone: the unit for the gradient/function ratio. */
  public static double function(double[] p) {
    return Neuron.neuron(p[0], p[1], p[2], p[3], p[4]);
  }

  /** (a) The generated gradient, plain form: value and gradient in one call. */
  public static double generated(double[] p, double[] grad) {
    return NeuronGrad.neuron(p[0], p[1], p[2], p[3], p[4], grad);
  }

  /**
   * (b) The generated pullback, used as a caller outside generated code uses it (as the
   * examples' {@code TwoLayerNet.learnFrom} does): the value from the function, the gradient
   * from {@code neuronPullback} with seed 1 into a zeroed {@code grad}.
   */
  public static double pullback(double[] p, double[] grad) {
    double f = Neuron.neuron(p[0], p[1], p[2], p[3], p[4]);
    Arrays.fill(grad, 0.0);
    NeuronGrad.neuronPullback(p[0], p[1], p[2], p[3], p[4], 1, grad);
    return f;
  }

  /** (c) The backward pass written by hand, verbatim from "becoming a backprop ninja". */
  public static double handWritten(double[] p, double[] grad) {
    double a = p[0];
    double b = p[1];
    double c = p[2];
    double x = p[3];
    double y = p[4];
    // lets do our neuron in two steps:
    double q = a * x + b * y + c;
    double f = 1 / (1 + Math.exp(-q)); // sig(q)
    // and now backward pass, we are given df, and:
    double df = 1;
    double dq = (f * (1 - f)) * df;
    // and now we chain it to the inputs
    grad[0] = x * dq; // da
    grad[3] = a * dq; // dx
    grad[4] = b * dq; // dy
    grad[1] = y * dq; // db
    grad[2] = 1.0 * dq; // dc
    return f;
  }

  /** (e) Central differences: 2 * 5 + 1 evaluations of the function. */
  public static double numerical(double[] p, double[] grad) {
    return Numerical.valueAndGradient(NEURON, p, 0, grad);
  }

  /** (f) An object per wire ({@link Value}): the article's gates, then backward(). */
  public static double objectAutograd(double[] p, double[] grad) {
    Value a = new Value(p[0]);
    Value b = new Value(p[1]);
    Value c = new Value(p[2]);
    Value x = new Value(p[3]);
    Value y = new Value(p[4]);
    Value q = a.mul(x).add(b.mul(y)).add(c);
    Value f = q.sigmoid();
    f.backward();
    grad[0] = a.grad;
    grad[1] = b.grad;
    grad[2] = c.grad;
    grad[3] = x.grad;
    grad[4] = y.grad;
    return f.data;
  }

  /**
   * (g) Hipparchus {@link Gradient}: forward mode, each intermediate carrying its value and its
   * 5 partial derivatives (the first-order specialisation of {@code DerivativeStructure}).
   */
  public static double hipparchus(double[] p, double[] grad) {
    Gradient a = Gradient.variable(INPUTS, 0, p[0]);
    Gradient b = Gradient.variable(INPUTS, 1, p[1]);
    Gradient c = Gradient.variable(INPUTS, 2, p[2]);
    Gradient x = Gradient.variable(INPUTS, 3, p[3]);
    Gradient y = Gradient.variable(INPUTS, 4, p[4]);
    Gradient q = a.multiply(x).add(b.multiply(y)).add(c);
    Gradient f = q.negate().exp().add(1).reciprocal();
    for (int i = 0; i < INPUTS; i++) {
      grad[i] = f.getPartialDerivative(i);
    }
    return f.getValue();
  }
}
