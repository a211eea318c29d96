package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.check.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatasetSvmTest {

  private static final double[] W = {0.1, 0.2, 0.3};

  @Test
  void totalCostIsTheArticles() {
    double cost = DatasetSvm.cost(SvmCost.X, SvmCost.Y, W, SvmCost.ALPHA);
    assertEquals("1.815", RandomPoints.f3(cost));
    double[] dw = new double[3];
    assertEquals(cost, DatasetSvmGrad.cost(SvmCost.X, SvmCost.Y, W, SvmCost.ALPHA, dw), 0.0);
    // the scalar version, one method per term
    assertEquals(SvmCost.cost(SvmCost.X, SvmCost.Y, W, SvmCost.ALPHA), cost, 1e-15);
  }

  /** By hand: examples 0 and 1 are active, plus the regularization's 2 * alpha * [w0, w1, 0]. */
  @Test
  void gradientAtTheArticlesPointIsTheHandDerivedOne() {
    double[] dw = {9, 9, 9};
    DatasetSvmGrad.cost(SvmCost.X, SvmCost.Y, W, SvmCost.ALPHA, dw);
    double[] expected = {
      -1.2 + -0.3 + 2 * 0.1 * 0.1, -0.7 + 0.5 + 2 * 0.1 * 0.2, -1 + 1 + 0
    };
    assertArrayEquals(expected, dw, 1e-12);
  }

  @Test
  void loopGradientEqualsTheSummedPullbacksOfSvmCost() {
    for (double[] w : RandomPoints.uniform(81, 3)) {
      double[] viaLoop = new double[3];
      double[] viaTerms = new double[3];
      DatasetSvmGrad.cost(SvmCost.X, SvmCost.Y, w, SvmCost.ALPHA, viaLoop);
      SvmCost.costAndGradient(SvmCost.X, SvmCost.Y, w, SvmCost.ALPHA, viaTerms);
      assertArrayEquals(viaTerms, viaLoop, 1e-12);
    }
  }

  @Test
  void gradientMatchesCentralDifferencesOnTheArticlesData() {
    check(SvmCost.X, SvmCost.Y, W);
    for (double[] w : RandomPoints.where(82, 3, v -> awayFromKinks(SvmCost.X, SvmCost.Y, v))) {
      check(SvmCost.X, SvmCost.Y, w);
    }
  }

  @Test
  void gradientMatchesCentralDifferencesOnRandomDatasets() {
    Random random = new Random(83);
    for (int trial = 0; trial < 8; trial++) {
      int n = 1 + random.nextInt(30);
      double[][] x = new double[n][];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        x[i] = new double[] {-3 + 6 * random.nextDouble(), -3 + 6 * random.nextDouble()};
        y[i] = random.nextBoolean() ? 1 : -1;
      }
      for (double[] w : RandomPoints.where(84 + trial, 3, v -> awayFromKinks(x, y, v))) {
        check(x, y, w);
      }
    }
  }

  @Test
  void pullbackAddsSeedTimesTheGradient() {
    for (double[] w : RandomPoints.uniform(85, 3)) {
      double[] dw = new double[3];
      DatasetSvmGrad.cost(SvmCost.X, SvmCost.Y, w, SvmCost.ALPHA, dw);
      double[] acc = {1, 2, 3};
      DatasetSvmGrad.costPullback(SvmCost.X, SvmCost.Y, w, SvmCost.ALPHA, -0.5, acc);
      assertArrayEquals(
          new double[] {1 - 0.5 * dw[0], 2 - 0.5 * dw[1], 3 - 0.5 * dw[2]}, acc, 1e-12);
    }
  }

  @Test
  void fullBatchGradientDescentLowersTheCostEveryStep() {
    double[] w = W.clone();
    double[] costs = DatasetSvm.descend(
        SvmCost.X, SvmCost.Y, w, SvmCost.ALPHA, DatasetSvm.STEP_SIZE, DatasetSvm.STEPS);
    assertEquals(DatasetSvm.STEPS + 1, costs.length);
    assertEquals("1.815", RandomPoints.f3(costs[0]));
    for (int s = 1; s < costs.length; s++) {
      assertTrue(costs[s] < costs[s - 1], "step " + s + ": " + costs[s - 1] + " -> " + costs[s]);
    }
    assertEquals("0.743", RandomPoints.f3(costs[DatasetSvm.STEPS]));
    // the same run as SvmCost's, which sums one pullback per term
    double[] scalarW = W.clone();
    double[] scalarCosts = SvmCost.descend(
        SvmCost.X, SvmCost.Y, scalarW, SvmCost.ALPHA, DatasetSvm.STEP_SIZE, DatasetSvm.STEPS);
    assertArrayEquals(scalarCosts, costs, 1e-12);
    assertArrayEquals(scalarW, w, 1e-12);
  }

  private static void check(double[][] x, int[] y, double[] w) {
    GradientCheck.of(
            v -> DatasetSvm.cost(x, y, v, SvmCost.ALPHA),
            (v, g) -> DatasetSvmGrad.cost(x, y, v, SvmCost.ALPHA, g))
        .names("w[0]", "w[1]", "w[2]")
        .assertAt(w);
  }

  /** No example within 1e-3 of the hinge's kink. */
  static boolean awayFromKinks(double[][] x, int[] y, double[] w) {
    for (int i = 0; i < x.length; i++) {
      double score = w[0] * x[i][0] + w[1] * x[i][1] + w[2];
      if (Math.abs(-y[i] * score + 1) < 1e-3) {
        return false;
      }
    }
    return true;
  }
}
