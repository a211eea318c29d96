package dev.backprop.benchmarks;

import dev.backprop.check.ScalarFunction;
import java.util.Arrays;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Every contender for {@link TwoLayerNet#score}: each takes the point
 * {@code [x, y, a1, b1, c1, a2, b2, c2, a3, b3, c3, a4, b4, c4, d4]} (the method's parameters in
 * order), writes the gradient with respect to the 13 parameters {@code a1 ... d4} into
 * {@code grad} and returns the score (except {@link #function}, the forward pass alone).
 */
public final class TwoLayerNetContenders {

  /** Where the parameters start in the point: after the data {@code x, y}. */
  static final int FIRST_PARAMETER = 2;

  private static final int N = TwoLayerNet.PARAMETERS;

  private static final ScalarFunction SCORE =
      p -> TwoLayerNet.score(
          p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
          p[14]);

  private TwoLayerNetContenders() {}

  /**
   * The benchmarks' point: the article's first data point {@code (1.2, 0.7)}, and parameters
   * under which the first two hidden neurons fire and the third does not, so that both branches
   * of the ReLU are on the path.
   */
  public static double[] benchmarkPoint() {
    return new double[] {
      1.2, 0.7, // x, y
      0.5, -0.3, 0.1, // a1, b1, c1: 0.49 > 0, fires
      -0.2, 0.4, 0.3, // a2, b2, c2: 0.34 > 0, fires
      -0.4, -0.1, 0.2, // a3, b3, c3: -0.35 <= 0, does not fire
      0.3, -0.2, 0.1, 0.05 // a4, b4, c4, d4
    };
  }

  /** (d) The forward function alone: the unit for the gradient/function ratio. */
  public static double function(double[] p) {
    return TwoLayerNet.score(
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
        p[14]);
  }

  /** (a) The generated gradient, plain form: value and gradient in one call. */
  public static double generated(double[] p, double[] grad) {
    return TwoLayerNetGrad.score(
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
        p[14], grad);
  }

  /**
   * (b) The generated pullback, used as the examples' {@code TwoLayerNet.learnFrom} uses it: the
   * score from the function, the gradient from {@code scorePullback} with seed 1 into a zeroed
   * {@code grad}.
   */
  public static double pullback(double[] p, double[] grad) {
    double score = function(p);
    Arrays.fill(grad, 0.0);
    TwoLayerNetGrad.scorePullback(
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
        p[14], 1, grad);
    return score;
  }

  /** (c) The backward pass written by hand, as the article writes it in chapter 2. */
  public static double handWritten(double[] p, double[] grad) {
    double x = p[0];
    double y = p[1];
    double a1 = p[2];
    double b1 = p[3];
    double c1 = p[4];
    double a2 = p[5];
    double b2 = p[6];
    double c2 = p[7];
    double a3 = p[8];
    double b3 = p[9];
    double c3 = p[10];
    double a4 = p[11];
    double b4 = p[12];
    double c4 = p[13];
    double d4 = p[14];

    // compute forward pass
    double n1 = Math.max(0, a1 * x + b1 * y + c1); // activation of 1st hidden neuron
    double n2 = Math.max(0, a2 * x + b2 * y + c2); // 2nd neuron
    double n3 = Math.max(0, a3 * x + b3 * y + c3); // 3rd neuron
    double score = a4 * n1 + b4 * n2 + c4 * n3 + d4; // the score

    // backprop through the last "score" neuron
    double dscore = 1;
    double da4 = n1 * dscore;
    double dn1 = a4 * dscore;
    double db4 = n2 * dscore;
    double dn2 = b4 * dscore;
    double dc4 = n3 * dscore;
    double dn3 = c4 * dscore;
    double dd4 = 1.0 * dscore; // phew

    // backprop the relu non-linearities, in place
    // i.e. just set gradients to zero if the neurons did not "fire"
    dn3 = n3 == 0 ? 0 : dn3;
    dn2 = n2 == 0 ? 0 : dn2;
    dn1 = n1 == 0 ? 0 : dn1;

    // backprop to parameters of neuron 1
    grad[0] = x * dn1; // da1
    grad[1] = y * dn1; // db1
    grad[2] = 1.0 * dn1; // dc1
    // backprop to parameters of neuron 2
    grad[3] = x * dn2; // da2
    grad[4] = y * dn2; // db2
    grad[5] = 1.0 * dn2; // dc2
    // backprop to parameters of neuron 3
    grad[6] = x * dn3; // da3
    grad[7] = y * dn3; // db3
    grad[8] = 1.0 * dn3; // dc3
    grad[9] = da4;
    grad[10] = db4;
    grad[11] = dc4;
    grad[12] = dd4;
    return score;
  }

  /** (e) Central differences: 2 * 13 + 1 evaluations of the score. */
  public static double numerical(double[] p, double[] grad) {
    return Numerical.valueAndGradient(SCORE, p, FIRST_PARAMETER, grad);
  }

  /**
   * (f) An object per wire ({@link Value}). The data {@code x, y} are wires too (their gradients
   * are computed and thrown away, as micrograd does for its inputs).
   */
  public static double objectAutograd(double[] p, double[] grad) {
    Value x = new Value(p[0]);
    Value y = new Value(p[1]);
    Value[] w = new Value[N];
    for (int i = 0; i < N; i++) {
      w[i] = new Value(p[FIRST_PARAMETER + i]);
    }
    Value n1 = w[0].mul(x).add(w[1].mul(y)).add(w[2]).relu();
    Value n2 = w[3].mul(x).add(w[4].mul(y)).add(w[5]).relu();
    Value n3 = w[6].mul(x).add(w[7].mul(y)).add(w[8]).relu();
    Value score = w[9].mul(n1).add(w[10].mul(n2)).add(w[11].mul(n3)).add(w[12]);
    score.backward();
    for (int i = 0; i < N; i++) {
      grad[i] = w[i].grad;
    }
    return score.data;
  }

  /**
   * (g) Hipparchus {@link Gradient}: forward mode, each intermediate carrying its value and its
   * 13 partial derivatives; the data {@code x, y} enter as plain doubles.
   */
  public static double hipparchus(double[] p, double[] grad) {
    double x = p[0];
    double y = p[1];
    Gradient[] w = new Gradient[N];
    for (int i = 0; i < N; i++) {
      w[i] = Gradient.variable(N, i, p[FIRST_PARAMETER + i]);
    }
    Gradient n1 = relu(w[0].multiply(x).add(w[1].multiply(y)).add(w[2]));
    Gradient n2 = relu(w[3].multiply(x).add(w[4].multiply(y)).add(w[5]));
    Gradient n3 = relu(w[6].multiply(x).add(w[7].multiply(y)).add(w[8]));
    Gradient score = w[9].multiply(n1).add(w[10].multiply(n2)).add(w[11].multiply(n3)).add(w[12]);
    for (int i = 0; i < N; i++) {
      grad[i] = score.getPartialDerivative(i);
    }
    return score.getValue();
  }

  /** {@code max(0, z)} with the zero derivative at the kink, as {@code Math.max(0, z)} has. */
  private static Gradient relu(Gradient z) {
    return z.getValue() > 0 ? z : z.getField().getZero();
  }
}
