package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.check.GradientCheck;
import org.junit.jupiter.api.Test;

class SvmCostTest {

  private static final double[] W = {0.1, 0.2, 0.3};

  @Test
  void costsAreTheArticles() {
    String[] expected = {"0.440", "1.370", "0.000"};
    double total = 0;
    for (int i = 0; i < 3; i++) {
      double costI = SvmCost.exampleCost(SvmCost.X[i][0], SvmCost.X[i][1], SvmCost.Y[i],
          W[0], W[1], W[2]);
      assertEquals(expected[i], RandomPoints.f3(costI), "cost for example " + i);
      total += costI;
    }
    double reg = SvmCost.regularizationCost(SvmCost.ALPHA, W[0], W[1], W[2]);
    assertEquals("0.005", RandomPoints.f3(reg));
    total += reg;
    assertEquals("1.815", RandomPoints.f3(total));
    assertEquals(total, SvmCost.cost(SvmCost.X, SvmCost.Y, W, SvmCost.ALPHA), 1e-15);
  }

  /**
   * By hand: examples 0 and 1 are active, -y_i * [x_i0, x_i1, 1] each, plus the
   * regularization's 2 * alpha * [w0, w1, 0].
   */
  @Test
  void summedPullbacksGiveTheFullGradient() {
    double[] grad = {9, 9, 9};
    double cost = SvmCost.costAndGradient(SvmCost.X, SvmCost.Y, W, SvmCost.ALPHA, grad);
    assertEquals("1.815", RandomPoints.f3(cost));
    double[] expected = {
      -1.2 + -0.3 + 2 * 0.1 * 0.1, -0.7 + 0.5 + 2 * 0.1 * 0.2, -1 + 1 + 0
    };
    assertArrayEquals(expected, grad, 1e-12);
  }

  @Test
  void summedPullbacksEqualTheSumOfThePlainGradients() {
    for (double[] w : RandomPoints.uniform(71, 3)) {
      double[] sum = new double[3];
      double[] g = new double[3];
      for (int i = 0; i < 3; i++) {
        SvmCostGrad.exampleCost(SvmCost.X[i][0], SvmCost.X[i][1], SvmCost.Y[i],
            w[0], w[1], w[2], g);
        add(sum, g);
      }
      SvmCostGrad.regularizationCost(SvmCost.ALPHA, w[0], w[1], w[2], g);
      add(sum, g);
      double[] accumulated = new double[3];
      SvmCost.costAndGradient(SvmCost.X, SvmCost.Y, w, SvmCost.ALPHA, accumulated);
      assertArrayEquals(sum, accumulated, 1e-12);
    }
  }

  @Test
  void totalGradientMatchesCentralDifferences() {
    GradientCheck.of(
            v -> SvmCost.cost(SvmCost.X, SvmCost.Y, v, SvmCost.ALPHA),
            (v, g) -> SvmCost.costAndGradient(SvmCost.X, SvmCost.Y, v, SvmCost.ALPHA, g))
        .names("w0", "w1", "w2")
        .assertAt(W);
    for (double[] w : RandomPoints.where(72, 3, SvmCostTest::awayFromKinks)) {
      GradientCheck.of(
              v -> SvmCost.cost(SvmCost.X, SvmCost.Y, v, SvmCost.ALPHA),
              (v, g) -> SvmCost.costAndGradient(SvmCost.X, SvmCost.Y, v, SvmCost.ALPHA, g))
          .names("w0", "w1", "w2")
          .assertAt(w);
    }
  }

  @Test
  void eachTermMatchesCentralDifferences() {
    // x_i0, x_i1, label, w0, w1, w2; away from the hinge's kink
    for (double[] p : RandomPoints.where(73, 5,
        v -> Math.abs(1 - (v[2] * v[0] + v[3] * v[1] + v[4])) > 1e-3
            && Math.abs(1 + (v[2] * v[0] + v[3] * v[1] + v[4])) > 1e-3)) {
      for (int yi : new int[] {1, -1}) {
        GradientCheck.of(
                v -> SvmCost.exampleCost(p[0], p[1], yi, v[0], v[1], v[2]),
                (v, g) -> SvmCostGrad.exampleCost(p[0], p[1], yi, v[0], v[1], v[2], g))
            .names("w0", "w1", "w2")
            .assertAt(p[2], p[3], p[4]);
      }
    }
    for (double[] w : RandomPoints.uniform(74, 3)) {
      GradientCheck.of(
              v -> SvmCost.regularizationCost(SvmCost.ALPHA, v[0], v[1], v[2]),
              (v, g) -> SvmCostGrad.regularizationCost(SvmCost.ALPHA, v[0], v[1], v[2], g))
          .names("w0", "w1", "w2")
          .assertAt(w);
    }
  }

  @Test
  void fullBatchGradientDescentLowersTheCost() {
    double[] w = W.clone();
    double[] costs = SvmCost.descend(SvmCost.X, SvmCost.Y, w, SvmCost.ALPHA, 0.1, 10);
    assertEquals("1.815", RandomPoints.f3(costs[0]));
    for (int s = 1; s < costs.length; s++) {
      assertTrue(costs[s] < costs[s - 1], "step " + s + ": " + costs[s - 1] + " -> " + costs[s]);
    }
    assertEquals(costs[10], SvmCost.cost(SvmCost.X, SvmCost.Y, w, SvmCost.ALPHA), 0.0);
  }

  private static boolean awayFromKinks(double[] w) {
    for (int i = 0; i < 3; i++) {
      double score = w[0] * SvmCost.X[i][0] + w[1] * SvmCost.X[i][1] + w[2];
      if (Math.abs(-SvmCost.Y[i] * score + 1) < 1e-3) {
        return false;
      }
    }
    return true;
  }

  private static void add(double[] sum, double[] g) {
    for (int j = 0; j < sum.length; j++) {
      sum[j] += g[j];
    }
  }
}
