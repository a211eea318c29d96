package dev.backprop.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour of the checker on right, wrong, zero, NaN and misbehaving gradients. */
class GradientCheckTest {

  /** f(x) = x0 * x1 + sin(x2). */
  private static final ScalarFunction F = x -> x[0] * x[1] + Math.sin(x[2]);

  private static final ValueAndGradient RIGHT =
      (x, g) -> {
        g[0] = x[1];
        g[1] = x[0];
        g[2] = Math.cos(x[2]);
        return x[0] * x[1] + Math.sin(x[2]);
      };

  /** The classic slip: the derivative of sin written as sin. */
  private static final ValueAndGradient WRONG_LAST =
      (x, g) -> {
        g[0] = x[1];
        g[1] = x[0];
        g[2] = Math.sin(x[2]);
        return x[0] * x[1] + Math.sin(x[2]);
      };

  @Test
  void correctGradientPasses() {
    GradientReport report = GradientCheck.check(F, RIGHT, 2, 3, 0.5);

    assertTrue(report.passed(), report::toString);
    assertEquals(3, report.size());
    for (int i = 0; i < 3; i++) {
      assertTrue(report.passed(i), "parameter " + i);
      assertTrue(report.relativeError(i) < 1e-9, "relative error of " + i);
    }
    assertEquals(6 + Math.sin(0.5), report.value());
    assertEquals(report.value(), report.valueFromGradient());
    assertTrue(report.valuePassed());
    assertEquals(3.0, report.analytic(0));
    assertEquals(2.0, report.analytic(1));
    assertEquals(Math.cos(0.5), report.analytic(2));
    assertEquals(3.0, report.numerical(0), 1e-9);
    assertEquals(2.0, report.numerical(1), 1e-9);
    assertEquals(Math.cos(0.5), report.numerical(2), 1e-9);
    assertTrue(report.maxRelativeError() < 1e-9);
  }

  @Test
  void assertGradientReturnsTheReportWhenCorrect() {
    GradientReport report = GradientCheck.assertGradient(F, RIGHT, 2, 3, 0.5);
    assertTrue(report.passed());
    assertEquals(0.5, report.point(2));
  }

  @Test
  void wrongGradientFailsOnlyTheWrongParameter() {
    GradientReport report = GradientCheck.check(F, WRONG_LAST, 2, 3, 0.5);

    assertFalse(report.passed());
    assertTrue(report.passed(0));
    assertTrue(report.passed(1));
    assertFalse(report.passed(2));
    assertTrue(report.valuePassed(), "the value itself is right");
    assertEquals(Math.sin(0.5), report.analytic(2));
    assertEquals(Math.cos(0.5), report.numerical(2), 1e-9);
    double expected = Math.abs(Math.sin(0.5) - Math.cos(0.5)) / Math.cos(0.5);
    assertEquals(expected, report.relativeError(2), 1e-9);
    assertEquals(report.relativeError(2), report.maxRelativeError());
  }

  @Test
  void assertGradientMessageNamesTheParameterAndBothValues() {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> GradientCheck.of(F, WRONG_LAST).names("a", "b", "angle").assertAt(2, 3, 0.5));
    GradientReport report = GradientCheck.check(F, WRONG_LAST, 2, 3, 0.5);

    String message = error.getMessage();
    assertTrue(message.startsWith("Gradient check FAILED: 1 of 3 parameters wrong"), message);
    assertTrue(
        message.contains(
            "FAIL angle: analytic "
                + Math.sin(0.5)
                + ", numerical "
                + report.numerical(2)
                + ": relative error 4.54e-01 > 1.00e-06"),
        message);
    assertFalse(message.contains("FAIL a:"), message);
    assertFalse(message.contains("FAIL b:"), message);
  }

  @Test
  void gradientThatIsZeroUpToRoundOffPassesThanksToTheAbsoluteTolerance() {
    // sin^2 + cos^2 is 1 everywhere, but in doubles its central difference at 0.1 is ~ -5.6e-12.
    ScalarFunction one = x -> Math.sin(x[0]) * Math.sin(x[0]) + Math.cos(x[0]) * Math.cos(x[0]);
    ValueAndGradient zero =
        (x, g) -> {
          g[0] = 0.0;
          return one.value(x);
        };

    GradientReport report = GradientCheck.check(one, zero, 0.1);

    assertTrue(report.numerical(0) != 0.0, "precondition: round-off residue present");
    assertEquals(1.0, report.relativeError(0), "0 against a residue is 100% relative error");
    assertTrue(report.passed(), report::toString);
    assertTrue(report.toString().contains("ok (abs)"), report::toString);

    // Without the absolute tolerance the same residue fails: the tolerance is what saves it.
    assertFalse(GradientCheck.of(one, zero).absoluteTolerance(0).at(0.1).passed());
  }

  @Test
  void exactZeroAgainstExactZeroHasNoRelativeError() {
    ScalarFunction constant = x -> 7.0;
    ValueAndGradient zero =
        (x, g) -> {
          g[0] = 0.0;
          return 7.0;
        };
    GradientReport report = GradientCheck.of(constant, zero).absoluteTolerance(0).at(3);
    assertEquals(0.0, report.relativeError(0));
    assertTrue(report.passed());
  }

  @Test
  void valueMismatchFailsEvenWhenTheGradientIsRight() {
    ValueAndGradient offByOne =
        (x, g) -> {
          RIGHT.valueAndGradient(x, g);
          return x[0] * x[1] + Math.sin(x[2]) + 1.0;
        };

    GradientReport report = GradientCheck.check(F, offByOne, 2, 3, 0.5);

    assertFalse(report.passed());
    assertFalse(report.valuePassed());
    for (int i = 0; i < 3; i++) {
      assertTrue(report.passed(i));
    }
    double f = 6 + Math.sin(0.5);
    assertEquals(f, report.value());
    assertEquals(f + 1.0, report.valueFromGradient());
    AssertionError error =
        assertThrows(
            AssertionError.class, () -> GradientCheck.assertGradient(F, offByOne, 2, 3, 0.5));
    assertTrue(
        error
            .getMessage()
            .contains("FAIL value: valueAndGradient returned " + (f + 1.0) + " but f(x) = " + f),
        error.getMessage());
    assertTrue(error.getMessage().contains("0 of 3 parameters wrong, value mismatch"));
  }

  @Test
  void tinyValueDifferenceWithinToleranceIsAccepted() {
    ValueAndGradient almost =
        (x, g) -> {
          RIGHT.valueAndGradient(x, g);
          return x[0] * x[1] + Math.sin(x[2]) + 1e-12; // e.g. a different summation order
        };
    assertTrue(GradientCheck.check(F, almost, 2, 3, 0.5).valuePassed());
  }

  @Test
  void callersPointIsNeverModifiedEvenByFunctionsThatWriteTheirArgument() {
    ScalarFunction scribbling =
        x -> {
          double v = F.value(x);
          x[0] = 999;
          x[2] = -999;
          return v;
        };
    ValueAndGradient scribblingGradient =
        (x, g) -> {
          double v = RIGHT.valueAndGradient(x, g);
          x[1] = 999;
          return v;
        };
    double[] x = {2, 3, 0.5};

    GradientReport report = GradientCheck.check(scribbling, scribblingGradient, x);

    assertArrayEquals(new double[] {2, 3, 0.5}, x);
    assertTrue(report.passed(), report::toString); // scribbles did not leak into later probes
    assertEquals(2.0, report.point(0));
  }

  @Test
  void reportKeepsItsOwnCopyOfThePoint() {
    double[] x = {2, 3, 0.5};
    GradientReport report = GradientCheck.check(F, RIGHT, x);
    x[0] = 42; // the caller reuses its array, e.g. in a loop over points
    assertEquals(2.0, report.point(0));
    assertTrue(report.toString().contains("\n  x0    2.0 "), report::toString);
  }

  @Test
  void probesEachCoordinateAtStepTimesMaxOfOneAndItsMagnitude() {
    List<double[]> probes = new ArrayList<>();
    ScalarFunction recording =
        x -> {
          probes.add(x.clone());
          return x[0] + x[1];
        };
    ValueAndGradient ones =
        (x, g) -> {
          g[0] = 1;
          g[1] = 1;
          return x[0] + x[1];
        };

    GradientCheck.of(recording, ones).step(1e-3).at(0.5, -200);

    assertEquals(5, probes.size(), "f(x) once, then two probes per coordinate");
    assertArrayEquals(new double[] {0.5, -200}, probes.get(0));
    assertArrayEquals(new double[] {0.5 + 1e-3, -200}, probes.get(1)); // |0.5| < 1: h = step
    assertArrayEquals(new double[] {0.5 - 1e-3, -200}, probes.get(2));
    assertArrayEquals(new double[] {0.5, -200 + 0.2}, probes.get(3)); // h = 1e-3 * 200
    assertArrayEquals(new double[] {0.5, -200 - 0.2}, probes.get(4));
  }

  @Test
  void nanAnalyticGradientFailsAndSaysSo() {
    ValueAndGradient nan =
        (x, g) -> {
          RIGHT.valueAndGradient(x, g);
          g[1] = Double.NaN;
          return F.value(x);
        };

    GradientReport report = GradientCheck.check(F, nan, 2, 3, 0.5);

    assertFalse(report.passed(1));
    assertTrue(report.passed(0));
    assertTrue(Double.isNaN(report.relativeError(1)));
    assertTrue(Double.isNaN(report.maxRelativeError()));
    assertTrue(
        report.toString().contains("FAIL x1: analytic NaN, numerical ")
            && report.toString().contains("the analytic gradient is NaN"),
        report::toString);
  }

  @Test
  void nanNumericalGradientFailsEvenWhenTheToleranceIsHuge() {
    // sqrt at 0: the probe at -h is NaN, and the exact derivative is +Infinity.
    ScalarFunction sqrt = x -> Math.sqrt(x[0]);
    ValueAndGradient sqrtGrad =
        (x, g) -> {
          g[0] = 0.5 / Math.sqrt(x[0]);
          return Math.sqrt(x[0]);
        };

    GradientReport report =
        GradientCheck.of(sqrt, sqrtGrad).tolerance(1e300).absoluteTolerance(1e300).at(0);

    assertFalse(report.passed());
    assertTrue(Double.isNaN(report.numerical(0)));
    assertEquals(Double.POSITIVE_INFINITY, report.analytic(0));
    String text = report.toString();
    assertTrue(text.contains("the analytic gradient is Infinity"), text);
    assertTrue(text.contains("the numerical gradient is NaN"), text);
  }

  @Test
  void infiniteGradientsThatAgreeStillFail() {
    ScalarFunction overflowing = x -> 1e308 * x[0] * 10;
    ValueAndGradient infinite =
        (x, g) -> {
          g[0] = Double.POSITIVE_INFINITY;
          return overflowing.value(x);
        };
    GradientReport report = GradientCheck.check(overflowing, infinite, 0.5);
    assertFalse(report.passed(0), report::toString);
  }

  @Test
  void nanValueFailsTheValueCheck() {
    ScalarFunction nan = x -> Double.NaN;
    ValueAndGradient nanToo =
        (x, g) -> {
          g[0] = 0;
          return Double.NaN;
        };
    GradientReport report = GradientCheck.check(nan, nanToo, 1);
    assertFalse(report.valuePassed());
    assertTrue(report.toString().contains("FAIL value: f(x) is NaN"), report::toString);
  }

  @Test
  void gradientThatDoesNotOverwriteIsCaught() {
    ValueAndGradient accumulating =
        (x, g) -> {
          g[0] += x[1]; // pullback-style +=, wrong for the plain form
          g[1] = x[0];
          g[2] = Math.cos(x[2]);
          return F.value(x);
        };
    ValueAndGradient forgetting =
        (x, g) -> {
          g[0] = x[1];
          g[2] = Math.cos(x[2]);
          return F.value(x);
        };

    GradientReport accumulated = GradientCheck.check(F, accumulating, 2, 3, 0.5);
    GradientReport forgotten = GradientCheck.check(F, forgetting, 2, 3, 0.5);

    assertFalse(accumulated.passed(0));
    assertTrue(
        accumulated.toString().contains("grad[0] was not overwritten"), accumulated::toString);
    assertFalse(forgotten.passed(1));
    assertTrue(forgotten.toString().contains("grad[1] was not overwritten"), forgotten::toString);
  }

  @Test
  void genuineNanGradientIsNotBlamedOnOverwriting() {
    ValueAndGradient nan =
        (x, g) -> {
          g[0] = Double.NaN;
          return x[0];
        };
    String text = GradientCheck.check(x -> x[0], nan, 1).toString();
    assertTrue(text.contains("the analytic gradient is NaN"), text);
    assertFalse(text.contains("not overwritten"), text);
  }

  @Test
  void settingsAreImmutableSoACheckerCanBeShared() {
    Checker base = GradientCheck.of(F, WRONG_LAST);
    Checker lenient = base.tolerance(1.0);

    assertTrue(lenient.at(2, 3, 0.5).passed(), "relative error 0.45 <= 1");
    assertFalse(base.at(2, 3, 0.5).passed(), "base keeps the default tolerance");
    assertEquals("x2", base.at(2, 3, 0.5).name(2));
    assertEquals("c", base.names("a", "b", "c").at(2, 3, 0.5).name(2));
  }

  @Test
  void toleranceDecidesAtTheBoundary() {
    ScalarFunction linear = x -> 4 * x[0];
    ValueAndGradient tooBig =
        (x, g) -> {
          g[0] = 5; // relative error exactly |5 - 4| / 5 = 0.2 (step 0.25 keeps it exact)
          return 4 * x[0];
        };
    Checker checker = GradientCheck.of(linear, tooBig).step(0.25).absoluteTolerance(0);
    assertEquals(0.2, checker.at(1).relativeError(0));
    assertTrue(checker.tolerance(0.2).at(1).passed());
    assertFalse(checker.tolerance(0.19).at(1).passed());
    assertTrue(checker.tolerance(0).absoluteTolerance(1.0).at(1).passed());
    assertFalse(checker.tolerance(0).absoluteTolerance(0.99).at(1).passed());
  }

  @Test
  void accessorsRejectIndicesOutOfRange() {
    GradientReport report = GradientCheck.check(F, RIGHT, 2, 3, 0.5);
    assertThrows(IndexOutOfBoundsException.class, () -> report.analytic(3));
    assertThrows(IndexOutOfBoundsException.class, () -> report.name(-1));
  }

  @Test
  void relativeErrorFollowsTheDefinition() {
    assertEquals(0.25, GradientReport.relativeError(3, 4));
    assertEquals(0.25, GradientReport.relativeError(-4, -3));
    assertEquals(2.0, GradientReport.relativeError(1, -1));
    assertEquals(0.0, GradientReport.relativeError(0, 0));
    assertEquals(0.0, GradientReport.relativeError(0.0, -0.0));
    assertEquals(1.0, GradientReport.relativeError(0, 1e-300));
    assertEquals(2.0, GradientReport.relativeError(Double.MAX_VALUE, -Double.MAX_VALUE));
    assertTrue(Double.isNaN(GradientReport.relativeError(Double.NaN, 1)));
    assertTrue(Double.isNaN(GradientReport.relativeError(1, Double.POSITIVE_INFINITY)));
  }

  @Test
  void runsTheArticlesNeuronExample() {
    // The single neuron f = sigmoid(a*x + b*y + c) from the hacker's guide, at its printed inputs.
    ScalarFunction neuron = p -> sigmoid(p[0] * p[3] + p[1] * p[4] + p[2]);
    ValueAndGradient neuronGrad =
        (p, g) -> {
          double s = sigmoid(p[0] * p[3] + p[1] * p[4] + p[2]);
          double ds = s * (1 - s);
          g[0] = p[3] * ds;
          g[1] = p[4] * ds;
          g[2] = ds;
          g[3] = p[0] * ds;
          g[4] = p[1] * ds;
          return s;
        };
    GradientReport report =
        GradientCheck.of(neuron, neuronGrad)
            .names("a", "b", "c", "x", "y")
            .assertAt(1, 2, -3, -1, 3);
    assertEquals(0.8808, report.value(), 5e-5); // the article prints 0.8808
    assertSame("y", report.name(4));
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
