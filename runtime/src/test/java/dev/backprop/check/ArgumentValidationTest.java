package dev.backprop.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Misuse is reported as IllegalArgumentException with a message that says what to fix. */
class ArgumentValidationTest {

  private static final ScalarFunction F = x -> x[0];
  private static final ValueAndGradient G =
      (x, g) -> {
        g[0] = 1;
        return x[0];
      };

  @Test
  void nullFunction() {
    assertMessage("f (the function under test) must not be null", () -> GradientCheck.of(null, G));
    assertMessage(
        "f (the function under test) must not be null", () -> GradientCheck.check(null, G, 1));
  }

  @Test
  void nullGradient() {
    assertMessage(
        "g (the value and gradient under test) must not be null",
        () -> GradientCheck.assertGradient(F, null, 1));
  }

  @Test
  void nullPoint() {
    assertMessage(
        "x (the point) must not be null", () -> GradientCheck.check(F, G, (double[]) null));
  }

  @Test
  void emptyPoint() {
    assertMessage(
        "x (the point) must have at least one coordinate to differentiate",
        () -> GradientCheck.check(F, G));
  }

  @Test
  void nonFinitePoint() {
    assertMessage(
        "x[1] is NaN: the gradient can only be checked at a finite point",
        () -> GradientCheck.check(x -> x[0] + x[1], G, 1, Double.NaN));
    assertMessage(
        "x[0] is -Infinity: the gradient can only be checked at a finite point",
        () -> GradientCheck.check(F, G, Double.NEGATIVE_INFINITY));
  }

  @Test
  void namesLengthMismatch() {
    assertMessage(
        "names has 2 entries [a, b] but x has 1 coordinates",
        () -> GradientCheck.of(F, G).names("a", "b").at(1));
  }

  @Test
  void nullNames() {
    assertMessage("names must not be null", () -> GradientCheck.of(F, G).names((String[]) null));
    assertMessage("names[1] must not be null", () -> GradientCheck.of(F, G).names("a", null));
  }

  @Test
  void nonPositiveStep() {
    Checker checker = GradientCheck.of(F, G);
    assertMessage("step must be a finite number > 0, got 0.0", () -> checker.step(0));
    assertMessage("step must be a finite number > 0, got -1.0E-5", () -> checker.step(-1e-5));
    assertMessage("step must be a finite number > 0, got NaN", () -> checker.step(Double.NaN));
    assertMessage(
        "step must be a finite number > 0, got Infinity",
        () -> checker.step(Double.POSITIVE_INFINITY));
  }

  @Test
  void invalidTolerances() {
    Checker checker = GradientCheck.of(F, G);
    assertMessage("tolerance must be a finite number >= 0, got -1.0", () -> checker.tolerance(-1));
    assertMessage(
        "tolerance must be a finite number >= 0, got NaN", () -> checker.tolerance(Double.NaN));
    assertMessage(
        "absoluteTolerance must be a finite number >= 0, got -1.0E-8",
        () -> checker.absoluteTolerance(-1e-8));
    assertMessage(
        "absoluteTolerance must be a finite number >= 0, got Infinity",
        () -> checker.absoluteTolerance(Double.POSITIVE_INFINITY));
  }

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }
}
