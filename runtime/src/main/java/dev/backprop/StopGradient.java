package dev.backprop;

/**
 * Stops a gradient on purpose: in a {@link Differentiable} method, {@code StopGradient.of(x)} has
 * the value of {@code x} and carries no gradient back to it, as JAX's {@code stop_gradient} and
 * Swift's {@code withoutDerivative(at:)}. The generated backward sweep treats the value as a
 * constant: a target computed from the parameters, a baseline subtracted from a reward, a
 * normalising factor held fixed for one step.
 *
 * <pre>{@code
 * @Differentiable
 * static double toward(double w, double x) {
 *   double target = StopGradient.of(2 * w);  // the target moves with w, its gradient does not
 *   double e = w * x - target;
 *   return e * e;                             // d/dw = 2 e x, not 2 e (x - 2)
 * }
 * }</pre>
 *
 * <p>Outside a differentiable method it is the identity.
 */
public final class StopGradient {

  private StopGradient() {}

  /**
   * {@code x}, with no gradient through it.
   *
   * @param x any value
   * @return {@code x}
   */
  public static double of(double x) {
    return x;
  }
}
