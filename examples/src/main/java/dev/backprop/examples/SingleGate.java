package dev.backprop.examples;

import dev.backprop.Differentiable;
import java.util.Random;

/**
 * Chapter 1, "base case: single gate in the circuit": the circuit {@code x * y} and three ways
 * to find out how to nudge {@code x} and {@code y} so that the output goes up.
 *
 * <ol>
 *   <li>{@link #randomLocalSearch random local search}: try random tweaks, keep the best;
 *   <li>{@link #numericalGradient numerical gradient}: tweak each input by {@code h} and watch the
 *       output;
 *   <li>{@link #analyticGradient analytic gradient}: {@code SingleGateGrad}, generated from
 *       {@link #forwardMultiplyGate}, gives the exact gradient in one pass.
 * </ol>
 */
public final class SingleGate {

  private SingleGate() {}

  /** The {@code *} gate: {@code forwardMultiplyGate(-2, 3)} returns {@code -6}. */
  @Differentiable
  public static double forwardMultiplyGate(double x, double y) {
    return x * y;
  }

  /** The best tweak found by random local search. */
  public record Tweak(double x, double y, double out) {}

  /**
   * Strategy #1: tries {@code tries} random tweaks of at most {@code tweakAmount} in each
   * coordinate and keeps the one with the highest output.
   */
  public static Tweak randomLocalSearch(
      double x, double y, double tweakAmount, int tries, Random random) {
    double bestOut = Double.NEGATIVE_INFINITY;
    double bestX = x;
    double bestY = y;
    for (int k = 0; k < tries; k++) {
      double xTry = x + tweakAmount * (random.nextDouble() * 2 - 1); // tweak x a bit
      double yTry = y + tweakAmount * (random.nextDouble() * 2 - 1); // tweak y a bit
      double out = forwardMultiplyGate(xTry, yTry);
      if (out > bestOut) {
        // best improvement yet! keep track of the x and y
        bestOut = out;
        bestX = xTry;
        bestY = yTry;
      }
    }
    return new Tweak(bestX, bestY, bestOut);
  }

  /** Strategy #2: the forward-difference gradient {@code [d/dx, d/dy]} with tweak {@code h}. */
  public static double[] numericalGradient(double x, double y, double h) {
    return NumericalGradient.forwardDifference(
        v -> forwardMultiplyGate(v[0], v[1]), new double[] {x, y}, h);
  }

  /** Strategy #3: the exact gradient {@code [d/dx, d/dy] = [y, x]}, from the generated code. */
  public static double[] analyticGradient(double x, double y) {
    double[] grad = new double[2];
    SingleGateGrad.forwardMultiplyGate(x, y, grad);
    return grad;
  }
}
