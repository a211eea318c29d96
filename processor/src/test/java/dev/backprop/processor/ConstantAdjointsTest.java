package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adjoints known where they are declared (README, "How fast"): the seed 1 a sum passes on, and
 * the choice {@code c ? 1.0 : 0} of a hinge after it, are written where they are read, so the
 * hinge's pull is one choice ({@code sum > 0 ? -y[i] : 0}) as a hand-writer has it; a choice is
 * not copied into two reads. Every case is checked against central differences.
 */
class ConstantAdjointsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Known {
        @Differentiable(wrt = "w")
        static double hinge(double[][] x, int[] y, double[] w) {
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            double score = w[0] * x[i][0] + w[1];
            total += Math.max(0, -y[i] * score + 1);
          }
          return total;
        }

        /** The seed of a negated result is -1.0: products by it are negations. */
        @Differentiable
        static double negated(double a, double b, int k) {
          return -(a * b + k * Math.sin(b));
        }

        // found by adversarial testing: an int literal for a known adjoint divided ints
        private static final int M = Integer.MIN_VALUE;

        @Differentiable
        static double intFactor(double[] w, int n) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            double p = w[i] * w[i] / n;
            double q = -2 * p;
            s += Math.max(0, q + 1);
          }
          return s;
        }

        @Differentiable
        static double intDivided(double x, int n) {
          double u = x * x;
          double p = u / n;
          double q = 0x7 * p - 3 * p;
          return q + x;
        }

        @Differentiable
        static double intWide(double x, int n) {
          double u = x * x;
          double p = n * u;
          double q = M * p - 1073741824 * p;
          return Math.max(0, q);
        }

        @Differentiable
        static double zeroDivided(double x, double y, int k) {
          double u = x / k;
          double p = Math.pow(u, 0);
          return p * y;
        }

        /** The hinge's adjoint read twice: it stays a named choice. */
        @Differentiable
        static double twice(double a, double b) {
          double s = a * b;
          double h = Math.max(0, s);
          return h + 2 * a;
        }
      }
      """;

  private static CompiledGradients compiled;
  private static String generated;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Known", SOURCE);
    generated = compiled.generatedSource("t.KnownGrad");
  }

  @Test
  void gradientsAreRight() {
    Random random = new Random(5);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(5);
      double[][] x = new double[n][2];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        x[i][0] = random.nextGaussian();
        y[i] = random.nextBoolean() ? 1 : -1;
      }
      double[] weights = {random.nextGaussian(), random.nextGaussian()};
      new ArrayGradients(compiled, "t.Known", "t.KnownGrad", "hinge",
          new Object[] {x, y, weights}, new int[0], new int[] {2}).check();
      compiled.checkAt("t.Known", "t.KnownGrad", "twice", random.nextGaussian(),
          random.nextGaussian());
      compiled.checkAt("t.Known", "t.KnownGrad", "negated", random.nextGaussian(),
          random.nextGaussian(), random.nextInt(9) - 4);
    }
  }

  @Test
  void theHingesPullIsOneChoice() {
    assertThat(generated).contains("double dscore = sum > 0 ? -y[i] : 0;");
    assertThat(generated).doesNotContainMatch("double dtotal = 1\\.0;");
  }

  @Test
  void anIntLiteralAdjointStaysDouble() {
    double[] w = {0.3, -0.5, 0.8};
    new ArrayGradients(compiled, "t.Known", "t.KnownGrad", "intFactor", new Object[] {w, 4},
        new int[0], new int[] {0}).check();
    for (int n : new int[] {-2, 3, 7}) {
      compiled.checkAt("t.Known", "t.KnownGrad", "intDivided", 1.5, n);
      compiled.checkAt("t.Known", "t.KnownGrad", "intWide", 1.5, n);
    }
    // d/dx of (x / k)^0 * y is 0 * (1 / k): NaN at k = 0, as it always was, not an exception
    assertThat(compiled.gradientAt("t.KnownGrad", "zeroDivided", 2, 1.5, 0.5, 0)[0])
        .isEqualTo(0.5);
  }

  @Test
  void aNegatedSeedNegates() {
    // exact at Integer.MIN_VALUE, where central differences lose the small partial to rounding
    double a = 0.25;
    double b = 0.75;
    double k = Integer.MIN_VALUE;
    assertThat(compiled.gradientAt("t.KnownGrad", "negated", 2, a, b, Integer.MIN_VALUE))
        .usingExactEquality()
        .containsExactly(-(a * b + k * Math.sin(b)), -b, -a + -Math.cos(b) * k).inOrder();
    assertThat(generated).contains("grad[0] = -b;");
    // the sign on the double factor, not on the int (which would overflow at MIN_VALUE)
    assertThat(generated).contains("-Math.cos(b) * k");
  }

  @Test
  void aChoiceReadTwiceKeepsItsName() {
    assertThat(generated).contains("double ds = s > 0 ? 1.0 : 0;");
  }
}
