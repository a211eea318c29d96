package golden;

import dev.backprop.Differentiable;

/** Expressions from "becoming a backprop ninja". */
final class Ninja {
  private Ninja() {}

  @Differentiable
  static double powerOfProduct(double a, double b, double c, double d) {
    return Math.pow((a * b + c) * d, 2);
  }

  @Differentiable
  static double quotient(double a, double b, double c, double d) {
    return (a + b) / (c + d);
  }

  @Differentiable
  static double relu(double a) {
    return Math.max(0, a);
  }

  @Differentiable
  static double square(double a) {
    return a * a;
  }
}
