package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.check.GradientCheck;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MultipleGatesTest {

  @Test
  void circuitOutputsMinusTwelveWithGradientMinusFourMinusFourThree() {
    double[] grad = new double[3];
    assertEquals(-12.0, MultipleGatesGrad.forwardCircuit(-2, 5, -4, grad));
    assertEquals(-12.0, MultipleGates.forwardCircuit(-2, 5, -4));
    assertArrayEquals(new double[] {-4, -4, 3}, grad);
  }

  @Test
  void addGatePassesTheGradientOnToBothInputs() {
    double[] grad = new double[2];
    assertEquals(3.0, MultipleGatesGrad.forwardAddGate(-2, 5, grad));
    assertArrayEquals(new double[] {1, 1}, grad);
    double[] acc = {0, 0};
    MultipleGatesGrad.forwardAddGatePullback(-2, 5, -4, acc); // dq = -4 from the * gate
    assertArrayEquals(new double[] {-4, -4}, acc);
  }

  @Test
  void inputsRespondingToTheTugRaiseTheOutputToMinusElevenPointFiftyNine() {
    double x = -2;
    double y = 5;
    double z = -4;
    double[] grad = new double[3];
    MultipleGatesGrad.forwardCircuit(x, y, z, grad);
    double stepSize = 0.01;
    x = x + stepSize * grad[0];
    y = y + stepSize * grad[1];
    z = z + stepSize * grad[2];
    assertEquals("-2.04", String.format(Locale.ROOT, "%.2f", x));
    assertEquals("4.96", String.format(Locale.ROOT, "%.2f", y));
    assertEquals("-3.97", String.format(Locale.ROOT, "%.2f", z));
    double q = MultipleGates.forwardAddGate(x, y);
    assertEquals("2.92", String.format(Locale.ROOT, "%.2f", q));
    double f = SingleGate.forwardMultiplyGate(q, z);
    assertEquals("-11.59", String.format(Locale.ROOT, "%.2f", f));
    assertEquals(f, MultipleGates.forwardCircuit(x, y, z));
  }

  @Test
  void articleNumericalCheckGivesMinusFourMinusFourThree() {
    double[] numerical = NumericalGradient.forwardDifference(
        v -> MultipleGates.forwardCircuit(v[0], v[1], v[2]), new double[] {-2, 5, -4},
        NumericalGradient.H);
    assertEquals("-4.000", RandomPoints.f3(numerical[0]));
    assertEquals("-4.000", RandomPoints.f3(numerical[1]));
    assertEquals("3.000", RandomPoints.f3(numerical[2]));
  }

  @Test
  void gradientsMatchCentralDifferencesAtRandomPoints() {
    for (double[] p : RandomPoints.uniform(21, 2)) {
      GradientCheck.of(
              v -> MultipleGates.forwardAddGate(v[0], v[1]),
              (v, g) -> MultipleGatesGrad.forwardAddGate(v[0], v[1], g))
          .names("a", "b")
          .assertAt(p);
    }
    for (double[] p : RandomPoints.uniform(22, 3)) {
      GradientCheck.of(
              v -> MultipleGates.forwardCircuit(v[0], v[1], v[2]),
              (v, g) -> MultipleGatesGrad.forwardCircuit(v[0], v[1], v[2], g))
          .names("x", "y", "z")
          .assertAt(p);
    }
  }
}
