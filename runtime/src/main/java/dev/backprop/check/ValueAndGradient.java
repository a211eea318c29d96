package dev.backprop.check;

/**
 * The analytic side of a gradient check: returns {@code f(x)} and <em>overwrites</em>
 * {@code grad[i] = df/dx_i} for every coordinate of {@code x}.
 *
 * <p>Typically a lambda around a generated gradient method:
 *
 * <pre>{@code
 * ValueAndGradient g = (x, grad) -> CircuitsGrad.neuron(x[0], x[1], x[2], x[3], x[4], grad);
 * }</pre>
 *
 * <p>{@code grad} has the same length as {@code x}. The checker fills it with {@code NaN} before
 * the call, so an entry that is never written, or accumulated into with {@code +=}, fails the
 * check with a message saying so (the generated plain form overwrites; only the {@code Pullback}
 * form accumulates). To check a pullback, zero the array first:
 *
 * <pre>{@code
 * (x, grad) -> {
 *   java.util.Arrays.fill(grad, 0.0);
 *   CircuitsGrad.neuronPullback(x[0], x[1], x[2], x[3], x[4], 1.0, grad);
 *   return Circuits.neuron(x[0], x[1], x[2], x[3], x[4]);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ValueAndGradient {

  /**
   * Evaluates the function and its gradient at {@code x}.
   *
   * @param x the point (the implementation gets its own copy and may modify it)
   * @param grad receives the gradient: {@code grad[i] = df/dx_i}, overwriting what was there
   * @return {@code f(x)}
   */
  double valueAndGradient(double[] x, double[] grad);
}
