package dev.backprop.check;

/**
 * The function under test, as a map from a point {@code x} to the scalar {@code f(x)}.
 *
 * <p>Typically a lambda that spreads the point over the parameters of the original method:
 *
 * <pre>{@code
 * ScalarFunction f = x -> Circuits.neuron(x[0], x[1], x[2], x[3], x[4]);
 * }</pre>
 *
 * <p>The checker hands every call its own copy of the point, so an implementation may keep or
 * modify the array it is given without disturbing the check.
 */
@FunctionalInterface
public interface ScalarFunction {

  /**
   * Evaluates the function.
   *
   * @param x the point, one coordinate per differentiated parameter
   * @return {@code f(x)}
   */
  double value(double[] x);
}
