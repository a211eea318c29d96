package dev.backprop.examples;

import dev.backprop.Differentiable;

/**
 * Chapter 1, "recursive case: circuits with multiple gates": {@code f(x, y, z) = (x + y) * z},
 * built from an add gate and the multiply gate of {@link SingleGate}.
 *
 * <p>The generated {@code MultipleGatesGrad.forwardCircuit} is backpropagation: it pulls on
 * {@code f} with {@code +1}, the multiply gate turns that into {@code dq = z} and
 * {@code dz = q}, and the add gate passes {@code dq} on to both {@code x} and {@code y}. At
 * {@code (-2, 5, -4)} that is {@code [-4, -4, 3]}.
 */
public final class MultipleGates {

  private MultipleGates() {}

  /** The {@code +} gate. */
  @Differentiable
  public static double forwardAddGate(double a, double b) {
    return a + b;
  }

  /**
   * {@code (x + y) * z}, gate by gate: {@code q} is the output of the add gate. The calls chain
   * through the generated pullbacks of {@link #forwardAddGate} and
   * {@link SingleGate#forwardMultiplyGate}.
   */
  @Differentiable
  public static double forwardCircuit(double x, double y, double z) {
    double q = forwardAddGate(x, y);
    double f = SingleGate.forwardMultiplyGate(q, z);
    return f;
  }
}
