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
 * differences. Random points stay clear of the ReLU kinks, where central differences straddle
 * two pieces.
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
          contender, what, actual, expected, Arrays.toString(point)));
    }
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
