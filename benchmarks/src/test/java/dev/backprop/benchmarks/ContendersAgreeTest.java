package dev.backprop.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.check.ScalarFunction;
import dev.backprop.check.ValueAndGradient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks must compute the same thing: at the benchmark point and at random points, every
 * contender's value and gradient agree with the hand-written backward pass, to 1e-9 relative
 * (1e-12 absolute near zero) for the exact ones and to 1e-6 relative (1e-9 absolute) for central
 * differences. Random points stay clear of the ReLU and hinge kinks, where central differences
 * straddle two pieces. The SVM is checked on 10 and 1 000 examples (the benchmark's 100 000 would
 * only make the test slow: the code is the same loop).
 */
class ContendersAgreeTest {

  private static final int RANDOM_POINTS = 5;
  private static final double EXACT_RELATIVE = 1e-9;
  private static final double EXACT_ABSOLUTE = 1e-12;
  private static final double NUMERICAL_RELATIVE = 1e-6;
  private static final double NUMERICAL_ABSOLUTE = 1e-9;

  @Test
  void neuronContendersAgree() {
    Map<String, ValueAndGradient> exact = new LinkedHashMap<>();
    exact.put("generated", NeuronContenders::generated);
    exact.put("pullback", NeuronContenders::pullback);
    exact.put("objectAutograd", NeuronContenders::objectAutograd);
    exact.put("hipparchus", NeuronContenders::hipparchus);
    List<double[]> points = new ArrayList<>();
    points.add(NeuronContenders.articlePoint());
    points.addAll(randomPoints(1, NeuronContenders.INPUTS, p -> true));
    for (double[] point : points) {
      check(point, NeuronContenders.INPUTS, NeuronContenders::function,
          NeuronContenders::handWritten, exact, NeuronContenders::numerical);
    }
  }

  @Test
  void twoLayerNetContendersAgree() {
    Map<String, ValueAndGradient> exact = new LinkedHashMap<>();
    exact.put("generated", TwoLayerNetContenders::generated);
    exact.put("pullback", TwoLayerNetContenders::pullback);
    exact.put("objectAutograd", TwoLayerNetContenders::objectAutograd);
    exact.put("hipparchus", TwoLayerNetContenders::hipparchus);
    List<double[]> points = new ArrayList<>();
    points.add(TwoLayerNetContenders.benchmarkPoint());
    points.addAll(randomPoints(2, 2 + TwoLayerNet.PARAMETERS, ContendersAgreeTest::clearOfKinks));
    for (double[] point : points) {
      check(point, TwoLayerNet.PARAMETERS, TwoLayerNetContenders::function,
          TwoLayerNetContenders::handWritten, exact, TwoLayerNetContenders::numerical);
    }
  }

  @Test
  void svmContendersAgree() {
    for (int n : new int[] {10, 1000}) {
      SvmContenders.Dataset data = SvmContenders.Dataset.random(n, SvmContenders.SEED);
      Map<String, ValueAndGradient> exact = new LinkedHashMap<>();
      exact.put("generated", (w, dw) -> SvmContenders.generated(data, w, dw));
      exact.put("pullback", (w, dw) -> SvmContenders.pullback(data, w, dw));
      exact.put("objectAutograd", (w, dw) -> SvmContenders.objectAutograd(data, w, dw));
      exact.put("hipparchus", (w, dw) -> SvmContenders.hipparchus(data, w, dw));
      List<double[]> points = new ArrayList<>();
      double[] benchmark = SvmContenders.benchmarkWeights();
      // central differences are checked there too: the seeded data must keep clear of the hinges
      assertTrue(clearOfHinges(data, benchmark), "an example sits on its hinge at " + n);
      points.add(benchmark);
      points.addAll(randomPoints(3, SvmContenders.WEIGHTS, w -> clearOfHinges(data, w)));
      for (double[] point : points) {
        check(point, SvmContenders.WEIGHTS, w -> SvmContenders.function(data, w),
            (w, dw) -> SvmContenders.handWritten(data, w, dw), exact,
            (w, dw) -> SvmContenders.numerical(data, w, dw));
      }
    }
  }

  /**
   * At the benchmark weights, at least 5% of the examples of either label on either side of the
   * hinge: both branches run, unpredictably.
   */
  @Test
  void svmBenchmarkDataTakeBothSidesOfTheHinge() {
    SvmContenders.Dataset data = SvmContenders.Dataset.random(1000, SvmContenders.SEED);
    double[] w = SvmContenders.benchmarkWeights();
    int[][] counts = new int[2][2]; // [label is +1][costs something]
    for (int i = 0; i < data.size(); i++) {
      double margin = -data.y[i] * (w[0] * data.x[i][0] + w[1] * data.x[i][1] + w[2]) + 1;
      counts[data.y[i] > 0 ? 1 : 0][margin > 0 ? 1 : 0]++;
    }
    for (int[] label : counts) {
      for (int count : label) {
        assertTrue(count >= 25, Arrays.deepToString(counts));
      }
    }
  }

  /**
   * The MLP at the benchmark point (the benchmark's batch of 32) and at random points (a batch of
   * 8 each, parameters uniform in [-1, 1), where some hidden units saturate and the softmax is
   * peaked), all 515 parameters flattened into one point.
   */
  @Test
  void mlpContendersAgree() {
    Random random = new Random(MlpContenders.SEED);
    MlpContenders.Batch benchmarkBatch = MlpContenders.Batch.random(random, 32);
    checkMlp(benchmarkBatch, flatten(MlpContenders.randomParameters(random)));
    Random other = new Random(4);
    for (int k = 0; k < 3; k++) {
      MlpContenders.Batch batch = MlpContenders.Batch.random(other, 8);
      double[] point = new double[MlpContenders.PARAMETERS];
      for (int i = 0; i < point.length; i++) {
        point[i] = -1 + 2 * other.nextDouble();
      }
      checkMlp(batch, point);
    }
  }

  private static void checkMlp(MlpContenders.Batch batch, double[] point) {
    MlpContenders.Scratch scratch = new MlpContenders.Scratch();
    Map<String, ValueAndGradient> exact = new LinkedHashMap<>();
    exact.put("generated", mlp((w, dw) -> MlpContenders.generated(batch, w, dw)));
    exact.put("pullback", mlp((w, dw) -> MlpContenders.pullback(batch, w, dw)));
    exact.put("objectAutograd", mlp((w, dw) -> MlpContenders.objectAutograd(batch, w, dw)));
    exact.put("hipparchus", mlp((w, dw) -> MlpContenders.hipparchus(batch, w, dw)));
    check(point, MlpContenders.PARAMETERS,
        p -> MlpContenders.function(batch, split(p)),
        mlp((w, dw) -> MlpContenders.handWritten(batch, w, dw, scratch)), exact,
        mlp((w, dw) -> MlpContenders.numerical(batch, w, dw)));
  }

  /** An MLP contender, {@code (w, dw) -> loss} on the four arrays. */
  private interface MlpContender {
    double valueAndGradient(double[][] w, double[][] dw);
  }

  /** The contender on a flat point: split into {@code w1, b1, w2, b2}, gradient flattened. */
  private static ValueAndGradient mlp(MlpContender contender) {
    return (point, grad) -> {
      double[][] w = split(point);
      double[][] dw = MlpContenders.zerosLike(w);
      for (double[] d : dw) {
        Arrays.fill(d, Double.NaN); // as in compare: every component must be written
      }
      double value = contender.valueAndGradient(w, dw);
      // the point must be left unchanged: copy the arrays back for compare's check
      System.arraycopy(flatten(w), 0, point, 0, point.length);
      System.arraycopy(flatten(dw), 0, grad, 0, grad.length);
      return value;
    };
  }

  private static double[][] split(double[] flat) {
    double[][] parts = new double[MlpContenders.SIZES.length][];
    int k = 0;
    for (int a = 0; a < parts.length; a++) {
      parts[a] = Arrays.copyOfRange(flat, k, k + MlpContenders.SIZES[a]);
      k += MlpContenders.SIZES[a];
    }
    return parts;
  }

  private static double[] flatten(double[][] parts) {
    double[] flat = new double[MlpContenders.PARAMETERS];
    int k = 0;
    for (double[] part : parts) {
      System.arraycopy(part, 0, flat, k, part.length);
      k += part.length;
    }
    return flat;
  }

  /** The article's values at its point: 0.8808 and [-0.105, 0.315, 0.105, 0.105, 0.210]. */
  @Test
  void neuronReproducesTheArticle() {
    double[] grad = new double[NeuronContenders.INPUTS];
    double f = NeuronContenders.handWritten(NeuronContenders.articlePoint(), grad);
    assertEquals("0.8808", String.format(Locale.ROOT, "%.4f", f));
    assertEquals("[-0.105, 0.315, 0.105, 0.105, 0.210]", f3(grad));
  }

  /** The benchmark point puts two hidden neurons on and one off, so both ReLU branches run. */
  @Test
  void twoLayerNetBenchmarkPointTakesBothReluBranches() {
    double[] grad = new double[TwoLayerNet.PARAMETERS];
    TwoLayerNetContenders.generated(TwoLayerNetContenders.benchmarkPoint(), grad);
    assertTrue(grad[0] != 0 && grad[3] != 0, Arrays.toString(grad)); // neurons 1, 2 fire
    assertEquals(0.0, grad[6], Arrays.toString(grad)); // neuron 3 does not
  }

  private static void check(
      double[] point, int parameters, ScalarFunction function, ValueAndGradient reference,
      Map<String, ValueAndGradient> exact, ValueAndGradient numerical) {
    double[] expected = new double[parameters];
    double value = reference.valueAndGradient(point.clone(), expected);
    assertClose("function", "value", value, function.value(point.clone()), point,
        EXACT_RELATIVE, EXACT_ABSOLUTE);
    for (Map.Entry<String, ValueAndGradient> contender : exact.entrySet()) {
      compare(contender.getKey(), contender.getValue(), point, value, expected,
          EXACT_RELATIVE, EXACT_ABSOLUTE);
    }
    compare("numerical", numerical, point, value, expected,
        NUMERICAL_RELATIVE, NUMERICAL_ABSOLUTE);
  }

  private static void compare(
      String name, ValueAndGradient contender, double[] point, double value, double[] expected,
      double relative, double absolute) {
    double[] grad = new double[expected.length];
    Arrays.fill(grad, Double.NaN); // a contender must write every component
    double[] copy = point.clone();
    double actual = contender.valueAndGradient(copy, grad);
    assertTrue(Arrays.equals(point, copy), name + " left the point modified");
    assertClose(name, "value", value, actual, point, EXACT_RELATIVE, EXACT_ABSOLUTE);
    for (int i = 0; i < expected.length; i++) {
      assertClose(name, "grad[" + i + "]", expected[i], grad[i], point, relative, absolute);
    }
  }

  private static void assertClose(
      String contender, String what, double expected, double actual, double[] point,
      double relative, double absolute) {
    double error = Math.abs(expected - actual);
    double scale = Math.max(Math.abs(expected), Math.abs(actual));
    if (!(error <= absolute || error <= relative * scale)) {
      fail(String.format(Locale.ROOT, "%s: %s is %s, hand-written gives %s (at %s)",
          contender, what, actual, expected, describe(point)));
    }
  }

  /** The point, or for the MLP's 515 parameters its first few and its length. */
  private static String describe(double[] point) {
    if (point.length <= 16) {
      return Arrays.toString(point);
    }
    String head = Arrays.toString(Arrays.copyOf(point, 4));
    return head.substring(0, head.length() - 1) + ", ... (" + point.length + " values)]";
  }

  /** Every hidden pre-activation at least 1e-3 away from 0. */
  private static boolean clearOfKinks(double[] p) {
    for (int neuron = 0; neuron < 3; neuron++) {
      int k = TwoLayerNetContenders.FIRST_PARAMETER + 3 * neuron;
      if (Math.abs(p[k] * p[0] + p[k + 1] * p[1] + p[k + 2]) < 1e-3) {
        return false;
      }
    }
    return true;
  }

  /**
   * No hinge {@code -y * score + 1} is crossed by central differences: each is farther from 0
   * than twice the most a step {@code h_k = 1e-5 * max(1, |w_k|)} of one weight moves it
   * ({@code h_k * |x_k|}, with {@code x_2 = 1} for the bias).
   */
  private static boolean clearOfHinges(SvmContenders.Dataset data, double[] w) {
    double[] h = new double[w.length];
    for (int k = 0; k < w.length; k++) {
      h[k] = Numerical.STEP * Math.max(1, Math.abs(w[k]));
    }
    for (int i = 0; i < data.size(); i++) {
      double[] xi = data.x[i];
      double reach = Math.max(Math.max(h[0] * Math.abs(xi[0]), h[1] * Math.abs(xi[1])), h[2]);
      if (Math.abs(-data.y[i] * (w[0] * xi[0] + w[1] * xi[1] + w[2]) + 1) <= 2 * reach) {
        return false;
      }
    }
    return true;
  }

  private static List<double[]> randomPoints(
      long seed, int dimension, Predicate<double[]> accept) {
    Random random = new Random(seed);
    List<double[]> points = new ArrayList<>();
    while (points.size() < RANDOM_POINTS) {
      double[] p = new double[dimension];
      for (int i = 0; i < dimension; i++) {
        p[i] = -3 + 6 * random.nextDouble();
      }
      if (accept.test(p)) {
        points.add(p);
      }
    }
    return points;
  }

  private static String f3(double[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v[i]));
    }
    return s.append(']').toString();
  }
}
