package dev.backprop.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.check.GradientCheck;
import dev.backprop.check.ScalarFunction;
import dev.backprop.check.ValueAndGradient;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The four GradBench workloads ({@link Gmm}, {@link KMeans}, {@link Llsq}, {@link Lse}) compute
 * what they should before anything is timed: the generated gradient, the generated pullback and
 * the hand-written gradient agree with each other to 1e-9 relative (1e-12 absolute near zero),
 * every contender's value is the objective's (to 1e-12 relative), no contender changes the point,
 * and at small sizes all three gradients agree with central differences
 * ({@link GradientCheck}, its defaults: step 1e-5, 1e-6 relative, 1e-8 absolute). At the
 * benchmark's sizes the exact contenders are compared with each other (central differences there
 * would cost thousands of evaluations and prove nothing more).
 */
class GradBenchWorkloadsTest {

  private static final double EXACT_RELATIVE = 1e-9;
  private static final double EXACT_ABSOLUTE = 1e-12;
  private static final double VALUE_RELATIVE = 1e-12;

  // ---------------------------------------------------------------------------------------- LSE

  @Test
  void lseAtSmallSizesMatchesCentralDifferences() {
    double[] uniform = LseContenders.input(200, LseContenders.SEED);
    Random random = new Random(5);
    double[] wide = new double[50];
    for (int i = 0; i < wide.length; i++) {
      wide[i] = -20 + 40 * random.nextDouble();
    }
    for (double[] x : new double[][] {uniform, wide, {0.5}, {1, 2, 3}}) {
      checkAll(x, LseContenders::function, lse(), true);
    }
  }

  @Test
  void lseAtTheBenchmarkSizeAgrees() {
    double[] x = LseContenders.input(160_000, LseContenders.SEED);
    for (double xi : x) {
      assertTrue(xi >= 0 && xi < 1);
    }
    checkAll(x, LseContenders::function, lse(), false);
  }

  /** The shift by the maximum: no exponential overflows, and the value is exact where it can be. */
  @Test
  void lseIsStable() {
    double[][] points = {{1000, 1000}, {-1000, -1000}, {800, 0, -800}};
    double[] expected = {1000 + Math.log(2), -1000 + Math.log(2), 800};
    for (int p = 0; p < points.length; p++) {
      assertEquals(expected[p], Lse.logSumExp(points[p]), 1e-12 * Math.abs(expected[p]));
      for (Map.Entry<String, ValueAndGradient> c : lse().entrySet()) {
        double[] grad = new double[points[p].length];
        double value = c.getValue().valueAndGradient(points[p].clone(), grad);
        assertEquals(expected[p], value, 1e-12 * Math.abs(expected[p]), c.getKey());
        double sum = 0;
        for (double g : grad) {
          assertTrue(Double.isFinite(g) && g >= 0, c.getKey() + " " + Arrays.toString(grad));
          sum += g;
        }
        assertEquals(1, sum, 1e-15, c.getKey() + ": the softmax sums to 1");
      }
    }
  }

  private static Map<String, ValueAndGradient> lse() {
    Map<String, ValueAndGradient> contenders = new LinkedHashMap<>();
    contenders.put("handWritten", LseContenders::handWritten);
    contenders.put("generated", LseContenders::generated);
    contenders.put("pullback", LseContenders::pullback);
    return contenders;
  }

  // --------------------------------------------------------------------------------------- LLSQ

  @Test
  void llsqAtSmallSizesMatchesCentralDifferences() {
    for (int[] nm : new int[][] {{64, 8}, {2, 3}, {33, 5}}) {
      int n = nm[0];
      double[] x = LlsqContenders.input(nm[1], LlsqContenders.SEED);
      checkAll(x, p -> LlsqContenders.function(p, n), llsq(n, nm[1]), true);
    }
  }

  @Test
  void llsqAtTheBenchmarkSizeAgrees() {
    double[] x = LlsqContenders.input(LlsqContenders.M, LlsqContenders.SEED);
    checkAll(x, p -> LlsqContenders.function(p, 4096), llsq(4096, LlsqContenders.M), false);
  }

  /** At {@code n = 5} the points are -1, -0.5, 0, 0.5, 1 and the signs -1, -1, 0, 1, 1. */
  @Test
  void llsqByHand() {
    // x = (0, 1): the residuals are s_i - t_i = 0, -0.5, 0, 0.5, 0, so y = (0.25 + 0.25) / 2
    assertEquals(0.25, Llsq.objective(new double[] {0, 1}, 5), 1e-15);
    double[] grad = new double[2];
    LlsqContenders.generated(new double[] {0, 1}, 5, grad);
    // dy/dx_0 = -sum r_i = 0, dy/dx_1 = -sum r_i t_i = -(-0.5 * -0.5 + 0.5 * 0.5) = -0.5
    assertArrayEquals(new double[] {0, -0.5}, grad, 1e-15);
  }

  private static Map<String, ValueAndGradient> llsq(int n, int m) {
    LlsqContenders.Scratch scratch = new LlsqContenders.Scratch(m);
    Map<String, ValueAndGradient> contenders = new LinkedHashMap<>();
    contenders.put("handWritten", (x, dx) -> LlsqContenders.handWritten(x, n, dx, scratch));
    contenders.put("generated", (x, dx) -> LlsqContenders.generated(x, n, dx));
    contenders.put("pullback", (x, dx) -> LlsqContenders.pullback(x, n, dx));
    return contenders;
  }

  // ------------------------------------------------------------------------------------ k-means

  @Test
  void kMeansAtSmallSizesMatchesCentralDifferences() {
    for (int[] nkd : new int[][] {{60, 5, 3}, {20, 4, 2}, {30, 1, 4}}) {
      KMeansContenders.Input in = KMeansContenders.Input.generate(nkd[0], nkd[1], nkd[2], 7);
      double[] c = in.centroids();
      assertClearOfTies(in, c);
      checkAll(c, p -> KMeansContenders.function(in, p), kMeans(in), true);
    }
  }

  @Test
  void kMeansAtTheBenchmarkSizeAgrees() {
    int k = KMeansContenders.K;
    int d = KMeansContenders.D;
    KMeansContenders.Input in = KMeansContenders.Input.generate(1000, k, d,
        KMeansContenders.SEED);
    double[] c = in.centroids();
    // the centroids are the last k points, each the closest to itself: no cluster is empty
    for (int j = 0; j < k; j++) {
      assertArrayEquals(in.points[1000 - k + j], Arrays.copyOfRange(c, j * d, j * d + d));
    }
    checkAll(c, p -> KMeansContenders.function(in, p), kMeans(in), false);
  }

  /** A tie goes to the first of the closest centroids, in every contender. */
  @Test
  void kMeansTieGoesToTheFirstCentroid() {
    KMeansContenders.Input in = new KMeansContenders.Input(new double[][] {{0, 0}},
        new double[] {1, 0, -1, 0});
    for (Map.Entry<String, ValueAndGradient> c : kMeans(in).entrySet()) {
      double[] grad = new double[4];
      assertEquals(1, c.getValue().valueAndGradient(in.centroids(), grad), c.getKey());
      assertArrayEquals(new double[] {2, 0, 0, 0}, grad, c.getKey());
    }
  }

  private static Map<String, ValueAndGradient> kMeans(KMeansContenders.Input in) {
    Map<String, ValueAndGradient> contenders = new LinkedHashMap<>();
    contenders.put("handWritten", (c, dc) -> KMeansContenders.handWritten(in, c, dc));
    contenders.put("generated", (c, dc) -> KMeansContenders.generated(in, c, dc));
    contenders.put("pullback", (c, dc) -> KMeansContenders.pullback(in, c, dc));
    return contenders;
  }

  /**
   * For every point, the second closest centroid is farther than the closest by more than a
   * central-difference step can change a squared distance (at most {@code 2 h |C - P| + h^2}
   * with {@code h = 1e-5 * max(1, |C|)}, and the coordinates are in [0, 1)): the min switches
   * nowhere between {@code x - h} and {@code x + h}.
   */
  private static void assertClearOfTies(KMeansContenders.Input in, double[] c) {
    int d = in.points[0].length;
    int k = c.length / d;
    for (double[] p : in.points) {
      double best = Double.POSITIVE_INFINITY;
      double second = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double dist = 0;
        for (int l = 0; l < d; l++) {
          dist += (c[j * d + l] - p[l]) * (c[j * d + l] - p[l]);
        }
        if (dist < best) {
          second = best;
          best = dist;
        } else if (dist < second) {
          second = dist;
        }
      }
      assertTrue(second - best > 1e-3, "a point is nearly as close to two centroids");
    }
  }

  // ---------------------------------------------------------------------------------------- GMM

  @Test
  void gmmAtSmallSizesMatchesCentralDifferences() {
    for (int[] dkn : new int[][] {{3, 4, 10}, {2, 5, 10}, {1, 3, 6}, {4, 1, 5}}) {
      GmmContenders.Input in = GmmContenders.Input.generate(dkn[0], dkn[1], dkn[2], 11);
      checkAll(flatten(in.parameters()), p -> GmmContenders.function(in, split(in, p)),
          gmm(in), true);
    }
  }

  @Test
  void gmmAtTwoBenchmarkSizesAgrees() {
    for (String dk : new String[] {"2x5", "10x25"}) {
      GmmContenders.Input in = GmmContenders.Input.parse(dk);
      checkAll(flatten(in.parameters()), p -> GmmContenders.function(in, split(in, p)),
          gmm(in), false);
    }
  }

  /** The shapes, the sizes the benchmark names, and ADBench's (64, 200), which is only made. */
  @Test
  void gmmInputs() {
    int[][] sizes = {{2, 5, 30}, {10, 25, 1650}, {20, 50, 11550}, {64, 10, 21450},
        {64, 200, 429000}};
    for (int[] s : sizes) {
      GmmContenders.Input in = GmmContenders.Input.parse(s[0] + "x" + s[1]);
      assertEquals(s[2], in.parameterCount());
      assertEquals(1000, in.x.length);
      assertEquals(s[0], in.x[0].length);
      assertEquals(s[1] * s[0] * (s[0] - 1) / 2, in.l.length);
      for (double mu : in.mu) {
        assertTrue(mu >= 0 && mu < 1);
      }
    }
  }

  /**
   * {@code log Gamma_D(a)} at known values: {@code Gamma_1(a) = Gamma(a)}, and
   * {@code Gamma_2(3/2) = sqrt(pi) Gamma(3/2) Gamma(1) = pi / 2}.
   */
  @Test
  void gmmLogGammaD() {
    assertEquals(0, Gmm.logGammaD(1, 0), 1e-15); // log Gamma(1)
    assertEquals(Math.log(Math.PI / 2), Gmm.logGammaD(2, 0), 1e-14);
    assertEquals(Math.log(2), Gmm.logGammaD(1, 4), 1e-14); // log Gamma(3) = log 2
  }

  /**
   * At {@code D = 1, K = 1} the objective is the log density of one Gaussian plus the prior,
   * written out: {@code log N(x_i; mu, exp(-2 q))} summed, and with {@code m = 0},
   * {@code gamma = 1}, {@code n = 2}: {@code 2 log(1 / sqrt 2) - log Gamma(1) - exp(2q) / 2}.
   */
  @Test
  void gmmOneGaussianByHand() {
    double[][] x = {{0.3}, {-1.2}, {2.0}};
    double mu = 0.4;
    double q = -0.2;
    double precision = Math.exp(2 * q);
    double expected = 0;
    for (double[] xi : x) {
      expected += -0.5 * Math.log(2 * Math.PI) + q - 0.5 * precision * (xi[0] - mu) * (xi[0] - mu);
    }
    expected += 2 * Math.log(1 / Math.sqrt(2)) - 0.5 * precision;
    double actual = Gmm.logPosterior(x, new double[] {0.7}, new double[] {mu}, new double[] {q},
        new double[0], 0, 1.0, Gmm.logGammaD(1, 0));
    assertEquals(expected, actual, 1e-13);
  }

  private static Map<String, ValueAndGradient> gmm(GmmContenders.Input in) {
    GmmContenders.Scratch scratch = new GmmContenders.Scratch(in.d, in.k);
    Map<String, ValueAndGradient> contenders = new LinkedHashMap<>();
    contenders.put("handWritten",
        gmm(in, (p, dp) -> GmmContenders.handWritten(in, p, dp, scratch)));
    contenders.put("generated", gmm(in, (p, dp) -> GmmContenders.generated(in, p, dp)));
    contenders.put("pullback", gmm(in, (p, dp) -> GmmContenders.pullback(in, p, dp)));
    return contenders;
  }

  /** A GMM contender, {@code (p, dp) -> value} on the four arrays. */
  private interface GmmContender {
    double valueAndGradient(double[][] p, double[][] dp);
  }

  /** The contender on a flat point: split into {@code alpha, mu, q, l}, gradient flattened. */
  private static ValueAndGradient gmm(GmmContenders.Input in, GmmContender contender) {
    return (point, grad) -> {
      double[][] p = split(in, point);
      double[][] dp = in.zeros();
      for (double[] d : dp) {
        Arrays.fill(d, Double.NaN); // every component must be written
      }
      double value = contender.valueAndGradient(p, dp);
      System.arraycopy(flatten(p), 0, point, 0, point.length); // for the unchanged-point check
      System.arraycopy(flatten(dp), 0, grad, 0, grad.length);
      return value;
    };
  }

  private static double[][] split(GmmContenders.Input in, double[] flat) {
    double[][] parts = in.zeros();
    int k = 0;
    for (double[] part : parts) {
      System.arraycopy(flat, k, part, 0, part.length);
      k += part.length;
    }
    return parts;
  }

  private static double[] flatten(double[][] parts) {
    double[] flat = new double[Arrays.stream(parts).mapToInt(a -> a.length).sum()];
    int k = 0;
    for (double[] part : parts) {
      System.arraycopy(part, 0, flat, k, part.length);
      k += part.length;
    }
    return flat;
  }

  // ------------------------------------------------------------------------------------- shared

  /**
   * Every contender's value is the function's, its gradient the first contender's (the
   * hand-written one), no contender changes the point; with {@code centralDifferences}, each
   * gradient also passes {@link GradientCheck} at the point.
   */
  private static void checkAll(double[] point, ScalarFunction function,
      Map<String, ValueAndGradient> contenders, boolean centralDifferences) {
    double value = function.value(point.clone());
    double[] reference = null;
    for (Map.Entry<String, ValueAndGradient> c : contenders.entrySet()) {
      String name = c.getKey();
      double[] grad = new double[point.length];
      Arrays.fill(grad, Double.NaN); // a contender must write every component
      double[] copy = point.clone();
      double actual = c.getValue().valueAndGradient(copy, grad);
      assertArrayEquals(point, copy, name + " left the point modified");
      close(name, "value", value, actual, VALUE_RELATIVE, 0);
      if (reference == null) {
        reference = grad;
      } else {
        for (int i = 0; i < grad.length; i++) {
          close(name, "grad[" + i + "]", reference[i], grad[i], EXACT_RELATIVE, EXACT_ABSOLUTE);
        }
      }
      if (centralDifferences) {
        GradientCheck.of(function, c.getValue()).assertAt(point);
      }
    }
  }

  private static void close(String contender, String what, double expected, double actual,
      double relative, double absolute) {
    double error = Math.abs(expected - actual);
    double scale = Math.max(Math.abs(expected), Math.abs(actual));
    if (!(error <= absolute || error <= relative * scale)) {
      fail(String.format(Locale.ROOT, "%s: %s is %s, expected %s", contender, what, actual,
          expected));
    }
  }
}
