package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.check.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generated gradients that call the {@code @PullbackOf} rules of {@link CustomDerivatives}
 * against central differences (which is how a wrong rule shows), and the fits they drive.
 */
class CustomDerivativesTest {

  private static final double[][] DOSES = CustomDerivatives.doseResponse(2.0, 0.7, 9, 40, 11);
  private static final double[][] ORBIT = CustomDerivatives.observedOrbit(1.5, 0.6, 40, 0.01, 7);

  @Test
  void doseResponseGradientMatchesCentralDifferences() {
    Random random = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      GradientCheck.of(
              v -> CustomDerivatives.doseResponseMisfit(v[0], v[1], DOSES[0], DOSES[1]),
              (v, g) -> CustomDerivativesGrad.doseResponseMisfit(
                  v[0], v[1], DOSES[0], DOSES[1], g))
          .names("mu", "sigma")
          .assertAt(4 * random.nextDouble(), 0.3 + 2 * random.nextDouble());
    }
  }

  @Test
  void orbitGradientMatchesCentralDifferences() {
    Random random = new Random(4);
    for (int trial = 0; trial < 20; trial++) {
      GradientCheck.of(
              v -> CustomDerivatives.orbitMisfit(v[0], v[1], ORBIT[0], ORBIT[1], ORBIT[2]),
              (v, g) -> CustomDerivativesGrad.orbitMisfit(
                  v[0], v[1], ORBIT[0], ORBIT[1], ORBIT[2], g))
          .names("a", "e")
          .assertAt(0.5 + 2 * random.nextDouble(), 0.9 * random.nextDouble());
    }
  }

  @Test
  void logisticGradientMatchesCentralDifferences() {
    Random random = new Random(5);
    double[][] x = new double[12][2];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = random.nextGaussian();
      y[i] = x[i][0] + x[i][1] > 0 ? 1 : -1;
    }
    for (int trial = 0; trial < 20; trial++) {
      double[] w = {3 * random.nextGaussian(), 3 * random.nextGaussian(), random.nextGaussian()};
      GradientCheck.of(
              v -> CustomDerivatives.logisticLoss(v, x, y),
              (v, g) -> CustomDerivativesGrad.logisticLoss(v, x, y, g))
          .names("w0", "w1", "b")
          .assertAt(w);
    }
  }

  @Test
  void theImplicitDerivativeIsTheRootsNotTheIterations() {
    // E(m, e) solves E - e sin E = m: dE/dm = 1 / (1 - e cos E), dE/de = sin E / (1 - e cos E)
    double m = 1.2;
    double e = 0.7;
    double root = CustomDerivatives.eccentricAnomaly(m, e);
    assertEquals(m, root - e * Math.sin(root), 1e-15);
    double[] grad = new double[2];
    CustomDerivatives.eccentricAnomalyPullback(m, e, 1, grad);
    assertEquals(1 / (1 - e * Math.cos(root)), grad[0], 1e-15);
    assertEquals(Math.sin(root) / (1 - e * Math.cos(root)), grad[1], 1e-15);
  }

  @Test
  void logisticLossStaysFiniteWhereTheTextbookFormulaOverflows() {
    double[][] x = {{1}, {-1}};
    double[] y = {-1, 1};
    double[] w = {800, 0}; // margins -800: e^800 overflows
    assertTrue(Double.isInfinite(Math.log(1 + Math.exp(800))));
    double[] dw = new double[2];
    double loss = CustomDerivativesGrad.logisticLoss(w, x, y, dw);
    assertEquals(800, loss, 1e-12);
    assertEquals(1, dw[0], 1e-12);
    assertEquals(0, dw[1], 1e-12);
  }

  @Test
  void aWrongRuleFailsTheCheck() {
    // what the check reports when a pullback is wrong: here erf's slope without its 2 / sqrt(pi)
    AssertionError error = assertThrows(AssertionError.class, () -> GradientCheck.of(
            v -> org.hipparchus.special.Erf.erf(v[0]),
            (v, g) -> {
              g[0] = Math.exp(-v[0] * v[0]);
              return org.hipparchus.special.Erf.erf(v[0]);
            })
        .assertAt(0.3));
    assertTrue(error.getMessage().contains("FAIL"), error.getMessage());
  }

  @Test
  void theFitsRecoverTheParametersTheDataWereDrawnWith() {
    CustomDerivatives.Fit dose = CustomDerivatives.fitDoseResponse(DOSES, 1.0, 1.5, 0.3, 200);
    assertEquals(2.0, dose.parameters()[0], 0.1);
    assertEquals(0.7, dose.parameters()[1], 0.1);
    CustomDerivatives.Fit orbit = CustomDerivatives.fitOrbit(ORBIT, 1.0, 0.2, 0.002, 200);
    assertEquals(1.5, orbit.parameters()[0], 0.01);
    assertEquals(0.6, orbit.parameters()[1], 0.01);
  }
}
