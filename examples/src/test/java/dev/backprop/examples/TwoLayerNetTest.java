package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.check.GradientCheck;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TwoLayerNetTest {

  private static double score(double x, double y, double[] p) {
    return TwoLayerNet.score(
        x, y, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12]);
  }

  private static double scoreAndGradient(double x, double y, double[] p, double[] grad) {
    return TwoLayerNetGrad.score(
        x, y, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12],
        grad);
  }

  /** Every hidden neuron's input is clear of ReLU's kink at 0. */
  private static boolean awayFromKinks(double[] v) {
    double x = v[0];
    double y = v[1];
    for (int n = 0; n < 3; n++) {
      if (Math.abs(v[2 + 3 * n] * x + v[3 + 3 * n] * y + v[4 + 3 * n]) < 1e-3) {
        return false;
      }
    }
    return true;
  }

  @Test
  void gradientMatchesCentralDifferencesAtRandomPoints() {
    for (double[] v : RandomPoints.where(61, 15, TwoLayerNetTest::awayFromKinks)) {
      double x = v[0];
      double y = v[1];
      GradientCheck.of(p -> score(x, y, p), (p, g) -> scoreAndGradient(x, y, p, g))
          .names(TwoLayerNet.PARAMETER_NAMES.toArray(new String[0]))
          .assertAt(Arrays.copyOfRange(v, 2, 15));
    }
  }

  /** The article's backward pass, written out by hand, with {@code dscore = pull}. */
  @Test
  void pullbackIsTheArticlesHandWrittenBackwardPass() {
    Random random = new Random(62);
    for (double[] v : RandomPoints.where(63, 15, TwoLayerNetTest::awayFromKinks)) {
      double x = v[0];
      double y = v[1];
      double a1 = v[2], b1 = v[3], c1 = v[4], a2 = v[5], b2 = v[6], c2 = v[7];
      double a3 = v[8], b3 = v[9], c3 = v[10], a4 = v[11], b4 = v[12], c4 = v[13];
      double pull = random.nextBoolean() ? 1 : -1;

      double n1 = Math.max(0, a1 * x + b1 * y + c1);
      double n2 = Math.max(0, a2 * x + b2 * y + c2);
      double n3 = Math.max(0, a3 * x + b3 * y + c3);
      double dscore = pull;
      double da4 = n1 * dscore;
      double dn1 = a4 * dscore;
      double db4 = n2 * dscore;
      double dn2 = b4 * dscore;
      double dc4 = n3 * dscore;
      double dn3 = c4 * dscore;
      double dd4 = 1.0 * dscore;
      dn3 = n3 == 0 ? 0 : dn3;
      dn2 = n2 == 0 ? 0 : dn2;
      dn1 = n1 == 0 ? 0 : dn1;
      double[] expected = {
        x * dn1, y * dn1, 1.0 * dn1, x * dn2, y * dn2, 1.0 * dn2, x * dn3, y * dn3, 1.0 * dn3,
        da4, db4, dc4, dd4
      };

      double[] grad = new double[13];
      double[] p = Arrays.copyOfRange(v, 2, 15);
      TwoLayerNetGrad.scorePullback(
          x, y, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12],
          pull, grad);
      assertArrayEquals(expected, grad, 1e-12);
    }
  }

  @Test
  void wrongGradientLengthIsAnIllegalArgument() {
    double[] p = new double[13];
    assertThrows(IllegalArgumentException.class,
        () -> TwoLayerNetGrad.score(1, 2, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8],
            p[9], p[10], p[11], p[12], new double[15]));
  }

  @Test
  void initialParametersAreInMinusHalfToHalf() {
    double[] p = new TwoLayerNet(new Random(Walkthrough.NET_SEED)).parameters();
    assertEquals(13, p.length);
    for (double v : p) {
      assertTrue(v >= -0.5 && v < 0.5, () -> Arrays.toString(p));
    }
  }

  @Test
  void walkthroughRunReachesAndEndsAtFullTrainingAccuracy() {
    Random random = new Random(Walkthrough.NET_SEED);
    TwoLayerNet net = new TwoLayerNet(random);
    Training.Log log = Training.run(net, random, Walkthrough.NET_ITERATIONS, 100);
    assertTrue(log.reachedPerfect(), log::toString);
    assertEquals(1.0, log.finalAccuracy(), log::toString);
  }

  /** Not one lucky seed: most initializations reach 100% within the walkthrough's budget. */
  @Test
  void mostSeedsReachFullTrainingAccuracy() {
    Training.Survey survey =
        Training.survey(200, Walkthrough.NET_ITERATIONS, TwoLayerNet::new);
    assertTrue(survey.reached() >= 150, survey::toString);
  }
}
