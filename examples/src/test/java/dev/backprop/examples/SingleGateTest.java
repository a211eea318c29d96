package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.check.GradientCheck;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SingleGateTest {

  @Test
  void forwardMultiplyGateOfMinusTwoAndThreeIsMinusSix() {
    assertEquals(-6.0, SingleGate.forwardMultiplyGate(-2, 3));
    double[] grad = new double[2];
    assertEquals(-6.0, SingleGateGrad.forwardMultiplyGate(-2, 3, grad));
  }

  @Test
  void randomLocalSearchImprovesOnMinusSixWithinTheTweak() {
    SingleGate.Tweak best =
        SingleGate.randomLocalSearch(-2, 3, 0.01, 100, new Random(Walkthrough.SEARCH_SEED));
    assertTrue(best.out() > -6.0, () -> "best_out " + best.out());
    assertTrue(Math.abs(best.x() + 2) <= 0.01 && Math.abs(best.y() - 3) <= 0.01, best::toString);
    assertEquals(SingleGate.forwardMultiplyGate(best.x(), best.y()), best.out());
    // seeded: the same search again gives the same tweak
    assertEquals(best,
        SingleGate.randomLocalSearch(-2, 3, 0.01, 100, new Random(Walkthrough.SEARCH_SEED)));
  }

  @Test
  void numericalGradientIsThreeAndMinusTwo() {
    double[] numerical = SingleGate.numericalGradient(-2, 3, NumericalGradient.H);
    assertEquals("3.0", String.format(Locale.ROOT, "%.1f", numerical[0]));
    assertEquals("-2.0", String.format(Locale.ROOT, "%.1f", numerical[1]));
  }

  @Test
  void analyticGradientIsExactlyYAndX() {
    assertArrayEquals(new double[] {3.0, -2.0}, SingleGate.analyticGradient(-2, 3));
    assertArrayEquals(new double[] {0.5, 4.0}, SingleGate.analyticGradient(4, 0.5));
  }

  @Test
  void aStepOfOneHundredthRaisesTheOutputToMinusFivePointEightSeven() {
    double x = -2;
    double y = 3;
    double[] grad = new double[2];
    SingleGateGrad.forwardMultiplyGate(x, y, grad);
    x += 0.01 * grad[0];
    y += 0.01 * grad[1];
    assertEquals("-1.97", String.format(Locale.ROOT, "%.2f", x));
    assertEquals("2.98", String.format(Locale.ROOT, "%.2f", y));
    double outNew = SingleGate.forwardMultiplyGate(x, y);
    assertEquals("-5.87", String.format(Locale.ROOT, "%.2f", outNew));
    assertTrue(outNew > -6);
  }

  @Test
  void plainFormOverwritesAndPullbackAccumulates() {
    double[] grad = {100, 200};
    SingleGateGrad.forwardMultiplyGate(-2, 3, grad);
    assertArrayEquals(new double[] {3, -2}, grad);
    double[] acc = {10, 20};
    SingleGateGrad.forwardMultiplyGatePullback(-2, 3, 2.0, acc);
    assertArrayEquals(new double[] {16, 16}, acc);
  }

  @Test
  void wrongGradientLengthIsAnIllegalArgument() {
    assertThrows(IllegalArgumentException.class,
        () -> SingleGateGrad.forwardMultiplyGate(-2, 3, new double[3]));
    assertThrows(IllegalArgumentException.class,
        () -> SingleGateGrad.forwardMultiplyGatePullback(-2, 3, 1.0, new double[1]));
  }

  @Test
  void gradientMatchesCentralDifferencesAtRandomPoints() {
    for (double[] p : RandomPoints.uniform(11, 2)) {
      GradientCheck.of(
              v -> SingleGate.forwardMultiplyGate(v[0], v[1]),
              (v, g) -> SingleGateGrad.forwardMultiplyGate(v[0], v[1], g))
          .names("x", "y")
          .assertAt(p);
    }
  }
}
