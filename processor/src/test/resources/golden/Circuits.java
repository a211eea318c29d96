package golden;

import dev.backprop.Differentiable;

/** The article's first circuits, written as a Java user would. */
public final class Circuits {
  private Circuits() {}

  /** (x + y) * z, with the add gate's output named q as in the article. */
  @Differentiable
  static double forwardCircuit(double x, double y, double z) {
    double q = x + y;
    double f = q * z;
    return f;
  }

  /** The neuron of "becoming a backprop ninja": q = a*x + b*y + c, f = sig(q). */
  @Differentiable
  static double neuron(double a, double b, double c, double x, double y) {
    double q = a * x + b * y + c;
    double f = 1 / (1 + Math.exp(-q));
    return f;
  }
}
