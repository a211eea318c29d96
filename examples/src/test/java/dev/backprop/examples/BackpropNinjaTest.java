package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.check.GradientCheck;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BackpropNinjaTest {

  /**
   * The article's hand-written backward passes, with {@code dx = 1}, for comparison with the
   * generated ones.
   */
  private static final Map<String, Function<double[], double[]>> ARTICLE_BACKWARD = Map.ofEntries(
      Map.entry("a * b", v -> new double[] {v[1], v[0]}),
      Map.entry("a + b", v -> new double[] {1.0, 1.0}),
      Map.entry("a + b + c", v -> new double[] {1.0, 1.0, 1.0}),
      Map.entry("a * b + c", v -> new double[] {v[1], v[0], 1.0}),
      Map.entry("sig(a*x + b*y + c)", v -> {
        double a = v[0];
        double b = v[1];
        double x = v[3];
        double y = v[4];
        double q = a * x + b * y + v[2];
        double f = 1 / (1 + Math.exp(-q));
        double dq = (f * (1 - f)) * 1;
        return new double[] {x * dq, y * dq, 1.0 * dq, a * dq, b * dq};
      }),
      Map.entry("a * a", v -> new double[] {2 * v[0]}),
      Map.entry("a*a + b*b + c*c", v -> new double[] {2 * v[0], 2 * v[1], 2 * v[2]}),
      Map.entry("Math.pow((a * b + c) * d, 2)", v -> {
        double x1 = v[0] * v[1] + v[2];
        double x2 = x1 * v[3];
        double dx2 = 2 * x2;
        double dd = x1 * dx2;
        double dx1 = v[3] * dx2;
        return new double[] {v[1] * dx1, v[0] * dx1, 1.0 * dx1, dd};
      }),
      Map.entry("1.0 / a", v -> new double[] {-1.0 / (v[0] * v[0])}),
      Map.entry("(a + b) / (c + d)", v -> {
        double x1 = v[0] + v[1];
        double x2 = v[2] + v[3];
        double x3 = 1.0 / x2;
        double dx1 = x3;
        double dx3 = x1;
        double dx2 = (-1.0 / (x2 * x2)) * dx3;
        return new double[] {dx1, dx1, dx2, dx2};
      }),
      Map.entry("Math.max(a, b)", v -> {
        double x = Math.max(v[0], v[1]);
        return new double[] {v[0] == x ? 1.0 : 0.0, v[1] == x ? 1.0 : 0.0};
      }),
      Map.entry("Math.max(a, 0)", v -> new double[] {v[0] > 0 ? 1.0 : 0.0}));

  /** Points to stay away from, where the derivative jumps or blows up. */
  private static final Map<String, Predicate<double[]>> AWAY_FROM_KINKS = Map.of(
      "1.0 / a", v -> Math.abs(v[0]) > 0.2,
      "(a + b) / (c + d)", v -> Math.abs(v[2] + v[3]) > 0.3,
      "Math.max(a, b)", v -> Math.abs(v[0] - v[1]) > 1e-3,
      "Math.max(a, 0)", v -> Math.abs(v[0]) > 1e-3);

  static Stream<Named<BackpropNinja.Drill>> drills() {
    return BackpropNinja.drills().stream().map(d -> Named.of(d.expression(), d));
  }

  @Test
  void everyDrillHasTheArticlesBackwardPass() {
    assertEquals(ARTICLE_BACKWARD.keySet(),
        BackpropNinja.drills().stream().map(BackpropNinja.Drill::expression)
            .collect(Collectors.toSet()));
  }

  @ParameterizedTest
  @MethodSource("drills")
  void gradientMatchesCentralDifferencesAtRandomPoints(BackpropNinja.Drill drill) {
    Predicate<double[]> accept = AWAY_FROM_KINKS.getOrDefault(drill.expression(), p -> true);
    List<double[]> points =
        RandomPoints.where(drill.expression().hashCode(), drill.inputs().size(), accept);
    points.add(drill.pointArray());
    for (double[] p : points) {
      GradientCheck.of(drill.circuit(), drill.gradient())
          .names(drill.inputs().toArray(new String[0]))
          .assertAt(p);
    }
  }

  @ParameterizedTest
  @MethodSource("drills")
  void gradientIsTheArticlesHandDerivedBackwardPass(BackpropNinja.Drill drill) {
    Predicate<double[]> accept = AWAY_FROM_KINKS.getOrDefault(drill.expression(), p -> true);
    List<double[]> points =
        RandomPoints.where(~drill.expression().hashCode(), drill.inputs().size(), accept);
    points.add(drill.pointArray());
    for (double[] p : points) {
      double[] grad = new double[p.length];
      double value = drill.gradient().valueAndGradient(p.clone(), grad);
      assertEquals(drill.circuit().value(p.clone()), value, 0.0, "value");
      double[] expected = ARTICLE_BACKWARD.get(drill.expression()).apply(p);
      assertArrayEquals(expected, grad, 1e-12 * (1 + maxAbs(expected)), drill::expression);
    }
  }

  @Test
  void reluStopsTheFlowWhenItDoesNotFire() {
    double[] grad = {42};
    assertEquals(0.0, BackpropNinjaGrad.relu(-1.5, grad));
    assertEquals(0.0, grad[0]);
    assertEquals(2.0, BackpropNinjaGrad.relu(2.0, grad));
    assertEquals(1.0, grad[0]);
  }

  @Test
  void maxRoutesTheGradientToTheInputThatWon() {
    double[] grad = new double[2];
    assertEquals(4.0, BackpropNinjaGrad.max(-1, 4, grad));
    assertArrayEquals(new double[] {0, 1}, grad);
    assertEquals(2.0, BackpropNinjaGrad.max(2, -3, grad));
    assertArrayEquals(new double[] {1, 0}, grad);
  }

  @Test
  void aSplitWireAddsUpItsGradients() {
    double[] grad = new double[1];
    BackpropNinjaGrad.square(3, grad);
    assertEquals(6.0, grad[0]); // da = a * dx + a * dx
    double[] acc = {1};
    BackpropNinjaGrad.squarePullback(3, 0.5, acc);
    assertEquals(4.0, acc[0]);
  }

  @Test
  void walkthroughPointsAreAwayFromKinks() {
    for (BackpropNinja.Drill drill : BackpropNinja.drills()) {
      assertTrue(AWAY_FROM_KINKS.getOrDefault(drill.expression(), p -> true)
          .test(drill.pointArray()), drill::expression);
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, Math.abs(d));
    }
    return m;
  }
}
