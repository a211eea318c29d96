package dev.backprop.check;

/**
 * One-line numerical gradient checks for tests.
 *
 * <p>Each parameter's analytic derivative is compared with the central difference
 *
 * <pre>
 *   n_i = (f(x + h_i e_i) - f(x - h_i e_i)) / (2 h_i),   h_i = step * max(1, |x_i|)
 * </pre>
 *
 * <p>with default {@code step = 1e-5}. The step grows with {@code |x_i|} so that the probe
 * {@code x_i + h_i} still differs from {@code x_i} in enough digits when {@code x_i} is large.
 * A parameter passes when its relative error {@code |a - n| / max(|a|, |n|)} (0 when both are 0)
 * is at most the tolerance (default {@code 1e-6}), or when {@code |a - n|} is at most the
 * absolute tolerance (default {@code 1e-8}), so that a gradient that is zero up to round-off does
 * not fail. The value returned by the {@link ValueAndGradient} must match {@code f(x)} by the same
 * rule, and any {@code NaN} or infinite value fails. See {@link Checker} for the settings.
 *
 * <pre>{@code
 * @Test void neuronGradient() {
 *   GradientCheck.assertGradient(
 *       x -> Circuits.neuron(x[0], x[1], x[2], x[3], x[4]),
 *       (x, g) -> CircuitsGrad.neuron(x[0], x[1], x[2], x[3], x[4], g),
 *       1, 2, -3, -1, 3);
 * }
 * }</pre>
 */
public final class GradientCheck {

  private GradientCheck() {}

  /**
   * Checks the gradient of {@code f} at {@code x} with the default settings and returns the
   * report; a wrong gradient does not throw, inspect {@link GradientReport#passed()}.
   *
   * <pre>{@code
   * GradientReport r = GradientCheck.check(f, g, 2, 3, 0.5);
   * System.out.println(r);
   * }</pre>
   *
   * @param f the function under test
   * @param g its value and analytic gradient
   * @param x the point (not modified)
   * @return the per-parameter comparison
   * @throws IllegalArgumentException if an argument is null or {@code x} is empty or not finite
   */
  public static GradientReport check(ScalarFunction f, ValueAndGradient g, double... x) {
    return of(f, g).at(x);
  }

  /**
   * Like {@link #check}, but throws when the gradient is wrong: one line in a JUnit test.
   *
   * <pre>{@code
   * GradientCheck.assertGradient(f, g, 2, 3, 0.5);
   * }</pre>
   *
   * @param f the function under test
   * @param g its value and analytic gradient
   * @param x the point (not modified)
   * @return the report, when every parameter and the value passed
   * @throws AssertionError if any parameter or the value failed; the message is the report
   * @throws IllegalArgumentException if an argument is null or {@code x} is empty or not finite
   */
  public static GradientReport assertGradient(
      ScalarFunction f, ValueAndGradient g, double... x) {
    return of(f, g).assertAt(x);
  }

  /**
   * Starts a check with custom settings.
   *
   * <pre>{@code
   * GradientCheck.of(f, g).step(1e-6).tolerance(1e-7).names("a", "b", "c").assertAt(2, 3, 0.5);
   * }</pre>
   *
   * @param f the function under test
   * @param g its value and analytic gradient
   * @return a checker with the default settings
   * @throws IllegalArgumentException if {@code f} or {@code g} is null
   */
  public static Checker of(ScalarFunction f, ValueAndGradient g) {
    return new Checker(f, g);
  }
}
