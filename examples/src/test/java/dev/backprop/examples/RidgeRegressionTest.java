package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.check.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

  private static final RidgeRegression.Dataset DATA =
      RidgeRegression.synthetic(RidgeRegression.DATA_SEED, RidgeRegression.EXAMPLES);

  @Test
  void gradientMatchesCentralDifferences() {
    for (double[] p : RandomPoints.uniform(101, 3)) {
      check(DATA, p, RidgeRegression.LAMBDA);
    }
    Random random = new Random(102);
    for (int trial = 0; trial < 6; trial++) {
      int n = 1 + random.nextInt(20);
      int features = 1 + random.nextInt(4);
      double[][] x = new double[n][features];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < features; j++) {
          x[i][j] = random.nextGaussian();
        }
        y[i] = random.nextGaussian();
      }
      double[] p = new double[features + 1];
      for (int m = 0; m < p.length; m++) {
        p[m] = random.nextGaussian();
      }
      check(new RidgeRegression.Dataset(x, y), p, random.nextDouble());
    }
  }

  @Test
  void pullbackAddsSeedTimesTheGradient() {
    double[] w = {0.3, -0.7};
    double[] grad = new double[1];
    double[] dw = new double[2];
    RidgeRegressionGrad.loss(DATA.x(), DATA.y(), w, 0.2, RidgeRegression.LAMBDA, grad, dw);
    double[] accGrad = {1};
    double[] accW = {1, 1};
    RidgeRegressionGrad.lossPullback(
        DATA.x(), DATA.y(), w, 0.2, RidgeRegression.LAMBDA, 2, accGrad, accW);
    assertEquals(1 + 2 * grad[0], accGrad[0], 1e-12);
    assertArrayEquals(new double[] {1 + 2 * dw[0], 1 + 2 * dw[1]}, accW, 1e-12);
  }

  /**
   * Gradient descent ends at the closed-form ridge solution: the minimum of
   * {@code 1/N |A theta - y|^2 + lambda |w|^2} with {@code A = [x, 1]} and {@code theta = [w, b]}
   * solves {@code (A^T A / N + diag(lambda, lambda, 0)) theta = A^T y / N}.
   */
  @Test
  void descentConvergesToTheClosedFormRidgeSolution() {
    RidgeRegression.Fit fit = RidgeRegression.train(
        DATA, RidgeRegression.LAMBDA, RidgeRegression.STEP_SIZE, RidgeRegression.STEPS);
    double[] closedForm = closedForm(DATA, RidgeRegression.LAMBDA);
    assertArrayEquals(closedForm, new double[] {fit.w()[0], fit.w()[1], fit.b()}, 1e-9);
    // the solution is a minimum: the generated gradient vanishes there
    double[] grad = new double[1];
    double[] dw = new double[2];
    RidgeRegressionGrad.loss(DATA.x(), DATA.y(), new double[] {closedForm[0], closedForm[1]},
        closedForm[2], RidgeRegression.LAMBDA, grad, dw);
    assertArrayEquals(new double[] {0, 0, 0}, new double[] {dw[0], dw[1], grad[0]}, 1e-12);
    double[] losses = fit.losses();
    for (int s = 1; s < losses.length; s++) {
      // down every step, until it has converged to round-off
      assertTrue(losses[s] <= losses[s - 1] + 1e-14, "step " + s);
    }
    // the L2 penalty shrinks the weights towards 0, from the true [2, -3]
    assertTrue(Math.abs(fit.w()[0] - RidgeRegression.TRUE_W[0]) < 0.5);
    assertTrue(Math.abs(fit.w()[1] - RidgeRegression.TRUE_W[1]) < 0.5);
    assertTrue(Math.abs(fit.b() - RidgeRegression.TRUE_B) < 0.5);
  }

  @Test
  void withoutRegularizationItIsOrdinaryLeastSquares() {
    RidgeRegression.Fit fit = RidgeRegression.train(DATA, 0, RidgeRegression.STEP_SIZE, 1000);
    assertArrayEquals(closedForm(DATA, 0), new double[] {fit.w()[0], fit.w()[1], fit.b()},
        1e-9);
  }

  private static void check(RidgeRegression.Dataset data, double[] point, double lambda) {
    int features = point.length - 1;
    GradientCheck.of(
            v -> {
              double[][] p = Packed.split(v, features, 1);
              return RidgeRegression.loss(data.x(), data.y(), p[0], p[1][0], lambda);
            },
            (v, g) -> {
              double[][] p = Packed.split(v, features, 1);
              double[] grad = new double[1];
              double[] dw = new double[features];
              double value =
                  RidgeRegressionGrad.loss(data.x(), data.y(), p[0], p[1][0], lambda, grad, dw);
              Packed.into(g, dw, grad);
              return value;
            })
        .names(Packed.names(Packed.names("w", features), new String[] {"b"}))
        .assertAt(point);
  }

  /** The ridge normal equations for 2 features and a bias, solved by Cramer's rule. */
  private static double[] closedForm(RidgeRegression.Dataset data, double lambda) {
    int n = data.x().length;
    double[][] m = new double[3][3];
    double[] r = new double[3];
    for (int i = 0; i < n; i++) {
      double[] a = {data.x()[i][0], data.x()[i][1], 1};
      for (int p = 0; p < 3; p++) {
        for (int q = 0; q < 3; q++) {
          m[p][q] += a[p] * a[q] / n;
        }
        r[p] += a[p] * data.y()[i] / n;
      }
    }
    m[0][0] += lambda;
    m[1][1] += lambda;
    double det = det(m);
    double[] theta = new double[3];
    for (int c = 0; c < 3; c++) {
      double[][] mc = new double[3][];
      for (int p = 0; p < 3; p++) {
        mc[p] = m[p].clone();
        mc[p][c] = r[p];
      }
      theta[c] = det(mc) / det;
    }
    return theta;
  }

  private static double det(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }
}
