package dev.backprop.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.processor.testing.CompiledGradients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's conventions at kinks and at IEEE edge values, at the exact points. */
class EdgeValuesTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Edges {
        @Differentiable static double max(double a, double b) { return Math.max(a, b); }
        @Differentiable static double min(double a, double b) { return Math.min(a, b); }
        @Differentiable static double reluFirst(double x) { return Math.max(0, x); }
        @Differentiable static double reluLast(double x) { return Math.max(x, 0); }
        @Differentiable static double reluTernary(double x) { return x > 0 ? x : 0; }
        @Differentiable static double abs(double x) { return Math.abs(x); }
        @Differentiable static double sqrt(double x) { return Math.sqrt(x); }
        @Differentiable static double log(double x) { return Math.log(x); }
        @Differentiable static double square(double x) { return x * x; }
        @Differentiable static double powZero(double x) { return Math.pow(x, 0); }
        @Differentiable static double powIntZero(double x, int k) { return Math.pow(x, k); }
        @Differentiable static double powVariable(double x, double y) { return Math.pow(x, y); }
        @Differentiable static double negatedInt(int k, double x) { return -k * x; }
        @Differentiable static double hinge(int k, double x) { return Math.max(0, -k * x + 1); }
        @Differentiable static double strictCopySign(double m, double a, double b) {
          return StrictMath.copySign(m, a / b);
        }
        @Differentiable static double copySign(double m, double a, double b) {
          return Math.copySign(m, a / b);
        }
        @Differentiable static double branch(double x) {
          if (x < 1) {
            return 2 * x;
          }
          return x * x;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Edges", SOURCE);
  }

  private static double[] at(String method, int size, Object... args) {
    return compiled.gradientAt("t.EdgesGrad", method, size, args);
  }

  @Test
  void maxAndMinSendTiesToTheFirstArgument() {
    assertArrayEquals(new double[] {2, 1, 0}, at("max", 2, 2.0, 2.0), 0);
    assertArrayEquals(new double[] {2, 1, 0}, at("min", 2, 2.0, 2.0), 0);
    assertArrayEquals(new double[] {3, 0, 1}, at("max", 2, 1.0, 3.0), 0);
    assertArrayEquals(new double[] {1, 1, 0}, at("min", 2, 1.0, 3.0), 0);
  }

  @Test
  void reluHasTheDerivativeOfTheWinner() {
    assertArrayEquals(new double[] {0, 0}, at("reluFirst", 1, 0.0), 0);
    assertArrayEquals(new double[] {0, 1}, at("reluLast", 1, 0.0), 0);
    assertArrayEquals(new double[] {0, 0}, at("reluTernary", 1, 0.0), 0);
    assertArrayEquals(new double[] {0.5, 1}, at("reluFirst", 1, 0.5), 0);
    assertArrayEquals(new double[] {0, 0}, at("reluFirst", 1, -0.5), 0);
  }

  @Test
  void anIntNegationOverflowsAsInJava() {
    // -Integer.MIN_VALUE is Integer.MIN_VALUE in int arithmetic: the slope of -k * x is k there
    double min = Integer.MIN_VALUE;
    assertArrayEquals(new double[] {min * 3, min}, at("negatedInt", 1, Integer.MIN_VALUE, 3.0), 0);
    assertArrayEquals(new double[] {-6, -2}, at("negatedInt", 1, 2, 3.0), 0);
    // the hinge's gradient is a choice, sum > 0 ? -k : 0, with the same int negation in it
    assertArrayEquals(new double[] {min * -1 + 1, min}, at("hinge", 1, Integer.MIN_VALUE, -1.0),
        0);
    assertArrayEquals(new double[] {0, 0}, at("hinge", 1, 2, 3.0), 0);
  }

  @Test
  void copySignsSlopeIsTheSignItGave() {
    // 0.0 / 0.0 is a NaN whose sign bit Math.copySign may read and StrictMath.copySign ignores:
    // the slope follows the value each returned
    for (String f : new String[] {"strictCopySign", "copySign"}) {
      double[] g = at(f, 3, 1.5, 0.0, 0.0);
      assertEquals(Math.signum(g[0]), g[1], 0, f);
      assertArrayEquals(new double[] {1.5, -1, 0, 0}, at(f, 3, -1.5, 2.0, 1.0), 0, f);
      assertArrayEquals(new double[] {-1.5, -1, 0, 0}, at(f, 3, 1.5, -2.0, 1.0), 0, f);
      assertArrayEquals(new double[] {1.5, 1, 0, 0}, at(f, 3, 1.5, 2.0, 1.0), 0, f);
    }
  }

  @Test
  void absHasDerivativeZeroAtZero() {
    assertArrayEquals(new double[] {0, 0}, at("abs", 1, 0.0), 0);
    assertArrayEquals(new double[] {2, -1}, at("abs", 1, -2.0), 0);
  }

  @Test
  void ieeeEdgesAreNotHidden() {
    double[] sqrt = at("sqrt", 1, 0.0);
    assertEquals(0, sqrt[0]);
    assertEquals(Double.POSITIVE_INFINITY, sqrt[1]);
    double[] log = at("log", 1, 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, log[0]);
    assertEquals(Double.POSITIVE_INFINITY, log[1]);
    double[] negativeLog = at("log", 1, -1.0);
    assertTrue(Double.isNaN(negativeLog[0]));
    assertEquals(-1, negativeLog[1]);
  }

  @Test
  void aZeroExponentHasDerivativeZeroEvenAtZero() {
    // x^0 is the constant 1: b x^(b - 1) would be 0 times infinity at x = 0
    for (double x : new double[] {0.0, -0.0, 2.0}) {
      assertArrayEquals(new double[] {1, 0}, at("powZero", 1, x), 0);
      assertArrayEquals(new double[] {1, 0}, at("powIntZero", 1, x, 0), 0);
      double[] variable = at("powVariable", 2, x, 0.0);
      assertEquals(1, variable[0]);
      assertEquals(0, variable[1]);
    }
    // other exponents keep b x^(b - 1)
    assertArrayEquals(new double[] {8, 12}, at("powIntZero", 1, 2.0, 3), 0);
    assertArrayEquals(new double[] {0, 0}, at("powIntZero", 1, 0.0, 3), 0);
    assertEquals(Double.NEGATIVE_INFINITY, at("powIntZero", 1, 0.0, -1)[1]); // -1 * 0^-2
  }

  @Test
  void nanAndInfinityPropagate() {
    double[] nan = at("square", 1, Double.NaN);
    assertTrue(Double.isNaN(nan[0]) && Double.isNaN(nan[1]));
    double[] inf = at("square", 1, Double.POSITIVE_INFINITY);
    assertEquals(Double.POSITIVE_INFINITY, inf[0]);
    assertEquals(Double.POSITIVE_INFINITY, inf[1]);
    double[] sqrtInf = at("sqrt", 1, Double.POSITIVE_INFINITY);
    assertEquals(0, sqrtInf[1]);
  }

  @Test
  void branchesDifferentiateTheBranchTaken() {
    assertArrayEquals(new double[] {1, 2}, at("branch", 1, 0.5), 0);
    assertArrayEquals(new double[] {1, 2}, at("branch", 1, 1.0), 0); // x < 1 is false at 1
    assertArrayEquals(new double[] {4, 4}, at("branch", 1, 2.0), 0);
  }
}
