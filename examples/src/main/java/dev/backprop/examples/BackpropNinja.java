package dev.backprop.examples;

import dev.backprop.Differentiable;
import dev.backprop.check.ScalarFunction;
import dev.backprop.check.ValueAndGradient;
import java.util.List;

/**
 * Chapter 1, "becoming a backprop ninja": every expression of that section as a differentiable
 * method. The article derives each backward pass by hand ({@code da = b * dx; db = a * dx}, ...);
 * here the processor writes it into {@code BackpropNinjaGrad}. {@link #drills()} lists them
 * with their generated gradients, for the walkthrough and the tests.
 */
public final class BackpropNinja {

  private BackpropNinja() {}

  /** {@code x = a * b}: {@code da = b * dx, db = a * dx}. */
  @Differentiable
  public static double multiply(double a, double b) {
    return a * b;
  }

  /** {@code x = a + b}: {@code da = 1.0 * dx, db = 1.0 * dx}. */
  @Differentiable
  public static double add(double a, double b) {
    return a + b;
  }

  /** {@code x = a + b + c}, in two steps as the article first writes it. */
  @Differentiable
  public static double addThree(double a, double b, double c) {
    double q = a + b; // gate 1
    double x = q + c; // gate 2
    return x;
  }

  /** {@code x = a * b + c}: {@code da = b * dx, db = a * dx, dc = 1.0 * dx}. */
  @Differentiable
  public static double multiplyAdd(double a, double b, double c) {
    return a * b + c;
  }

  /** The neuron in two steps: {@code q = a*x + b*y + c; f = sig(q)}. */
  @Differentiable
  public static double neuronInTwoSteps(double a, double b, double c, double x, double y) {
    double q = a * x + b * y + c;
    double f = 1.0 / (1.0 + Math.exp(-q)); // sig(q)
    return f;
  }

  /** {@code x = a * a}: the wire splits, the two branches add up to {@code da = 2 * a * dx}. */
  @Differentiable
  public static double square(double a) {
    return a * a;
  }

  /** {@code x = a*a + b*b + c*c}: {@code da = 2*a*dx, db = 2*b*dx, dc = 2*c*dx}. */
  @Differentiable
  public static double sumOfSquares(double a, double b, double c) {
    return a * a + b * b + c * c;
  }

  /** {@code x = Math.pow((a * b + c) * d, 2)}. */
  @Differentiable
  public static double powerOfProduct(double a, double b, double c, double d) {
    return Math.pow((a * b + c) * d, 2);
  }

  /** {@code x = 1.0 / a}: {@code da = -1.0 / (a * a)}. */
  @Differentiable
  public static double reciprocal(double a) {
    return 1.0 / a;
  }

  /** {@code x = (a + b) / (c + d)}. */
  @Differentiable
  public static double quotient(double a, double b, double c, double d) {
    return (a + b) / (c + d);
  }

  /** {@code x = Math.max(a, b)}: the gradient is routed to the input that won. */
  @Differentiable
  public static double max(double a, double b) {
    return Math.max(a, b);
  }

  /** The ReLU, {@code x = Math.max(a, 0)}: {@code da = a > 0 ? 1.0 * dx : 0.0}. */
  @Differentiable
  public static double relu(double a) {
    return Math.max(a, 0);
  }

  /**
   * One drill: the expression, the names of its inputs, a point of the walkthrough, and the
   * circuit (the annotated method) with its generated gradient, both reading their inputs from
   * an array in the order of {@code inputs}.
   */
  public record Drill(
      String expression, List<String> inputs, List<Double> point, ScalarFunction circuit,
      ValueAndGradient gradient) {

    /** The walkthrough's point as an array. */
    public double[] pointArray() {
      return point.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  /** Every drill of the section, in the article's order. */
  public static List<Drill> drills() {
    return List.of(
        new Drill("a * b", List.of("a", "b"), List.of(2.0, -3.0),
            v -> multiply(v[0], v[1]),
            (v, g) -> BackpropNinjaGrad.multiply(v[0], v[1], g)),
        new Drill("a + b", List.of("a", "b"), List.of(2.0, -3.0),
            v -> add(v[0], v[1]),
            (v, g) -> BackpropNinjaGrad.add(v[0], v[1], g)),
        new Drill("a + b + c", List.of("a", "b", "c"), List.of(2.0, -3.0, 1.5),
            v -> addThree(v[0], v[1], v[2]),
            (v, g) -> BackpropNinjaGrad.addThree(v[0], v[1], v[2], g)),
        new Drill("a * b + c", List.of("a", "b", "c"), List.of(2.0, -3.0, 1.5),
            v -> multiplyAdd(v[0], v[1], v[2]),
            (v, g) -> BackpropNinjaGrad.multiplyAdd(v[0], v[1], v[2], g)),
        new Drill("sig(a*x + b*y + c)", List.of("a", "b", "c", "x", "y"),
            List.of(1.0, 2.0, -3.0, -1.0, 3.0),
            v -> neuronInTwoSteps(v[0], v[1], v[2], v[3], v[4]),
            (v, g) -> BackpropNinjaGrad.neuronInTwoSteps(v[0], v[1], v[2], v[3], v[4], g)),
        new Drill("a * a", List.of("a"), List.of(2.0),
            v -> square(v[0]),
            (v, g) -> BackpropNinjaGrad.square(v[0], g)),
        new Drill("a*a + b*b + c*c", List.of("a", "b", "c"), List.of(2.0, -3.0, 1.5),
            v -> sumOfSquares(v[0], v[1], v[2]),
            (v, g) -> BackpropNinjaGrad.sumOfSquares(v[0], v[1], v[2], g)),
        new Drill("Math.pow((a * b + c) * d, 2)", List.of("a", "b", "c", "d"),
            List.of(2.0, -3.0, 1.5, 0.5),
            v -> powerOfProduct(v[0], v[1], v[2], v[3]),
            (v, g) -> BackpropNinjaGrad.powerOfProduct(v[0], v[1], v[2], v[3], g)),
        new Drill("1.0 / a", List.of("a"), List.of(2.0),
            v -> reciprocal(v[0]),
            (v, g) -> BackpropNinjaGrad.reciprocal(v[0], g)),
        new Drill("(a + b) / (c + d)", List.of("a", "b", "c", "d"),
            List.of(2.0, -3.0, 1.5, 0.5),
            v -> quotient(v[0], v[1], v[2], v[3]),
            (v, g) -> BackpropNinjaGrad.quotient(v[0], v[1], v[2], v[3], g)),
        new Drill("Math.max(a, b)", List.of("a", "b"), List.of(2.0, -3.0),
            v -> max(v[0], v[1]),
            (v, g) -> BackpropNinjaGrad.max(v[0], v[1], g)),
        new Drill("Math.max(a, 0)", List.of("a"), List.of(2.0),
            v -> relu(v[0]),
            (v, g) -> BackpropNinjaGrad.relu(v[0], g)));
  }
}
