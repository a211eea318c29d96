package golden;

import dev.backprop.Differentiable;

/** A call chained through a pullback, a reassigned variable, and branches. */
final class Chains {
  private Chains() {}

  @Differentiable
  static double sig(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Differentiable(wrt = {"a", "b", "c"})
  static double neuron(double a, double b, double c, double x, double y) {
    return sig(a * x + b * y + c);
  }

  @Differentiable
  static double logisticMap(double x, double r) {
    x = r * x * (1 - x);
    x = r * x * (1 - x);
    return x;
  }

  @Differentiable
  static double hinge(double score, int label) {
    if (label * score < 1) {
      return 1 - label * score;
    }
    return 0;
  }
}
