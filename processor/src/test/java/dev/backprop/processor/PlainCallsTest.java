package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls that return {@code boolean}, {@code int} or {@code long} carry no gradient and run as
 * written, whether a library's ({@code Double.isNaN}, {@code Integer.bitCount}) or the user's
 * own (a predicate, a bucket index, neither annotated): checked against central differences, the
 * value against the method's.
 */
class PlainCallsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Plain {
        static boolean inRange(double v) {
          return v > -1 && v < 1;
        }

        /** Deprecated: the generated class, another class, must not warn under -Werror. */
        @Deprecated
        static boolean old(double v) {
          return v > 0;
        }

        @Deprecated(forRemoval = true)
        static int gone(int k) {
          return k + 1;
        }

        @Differentiable
        static double deprecatedCalls(double x, int k) {
          return old(x) ? gone(k) * x : x * x;
        }

        static int bucket(double v, int buckets) {
          return (int) Math.floor((v + 2) * buckets / 4);
        }

        @Differentiable
        static double guarded(double x, double y) {
          if (Double.isNaN(x) || !inRange(y)) {
            return 0;
          }
          return x * y + (Double.isInfinite(y) ? 0 : y * y);
        }

        @Differentiable
        static double counted(double x, int k) {
          return Integer.bitCount(k) * x + Long.numberOfTrailingZeros(k) * x * x;
        }

        /** In a loop's update, too. */
        @Differentiable
        static double sparse(double[] w) {
          double s = 0;
          for (int i = 0; i < w.length; i += Integer.bitCount(i) + 1) {
            s += w[i] * w[i];
          }
          return s;
        }

        @Differentiable
        static double bucketed(double[] w, double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            int b = bucket(v[i], w.length);
            if (b >= 0 && b < w.length) {
              s += w[b] * v[i];
            }
          }
          return s;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Plain", SOURCE);
  }

  @Test
  void gradientsAreRight() {
    Random random = new Random(17);
    for (int trial = 0; trial < 20; trial++) {
      compiled.checkAt("t.Plain", "t.PlainGrad", "guarded", random.nextGaussian(),
          1.8 * random.nextDouble() - 0.9);
      compiled.checkAt("t.Plain", "t.PlainGrad", "counted", random.nextGaussian(),
          random.nextInt(64));
      double[] w = new double[4];
      double[] v = new double[1 + random.nextInt(5)];
      for (int i = 0; i < w.length; i++) {
        w[i] = random.nextGaussian();
      }
      for (int i = 0; i < v.length; i++) {
        v[i] = 3 * random.nextGaussian();
      }
      new ArrayGradients(compiled, "t.Plain", "t.PlainGrad", "bucketed", new Object[] {w, v},
          new int[0], new int[] {0, 1}).check();
      new ArrayGradients(compiled, "t.Plain", "t.PlainGrad", "sparse", new Object[] {v},
          new int[0], new int[] {0}).check();
    }
    assertThat(compiled.gradientAt("t.PlainGrad", "guarded", 2, Double.NaN, 0.5))
        .usingExactEquality().containsExactly(0.0, 0.0, 0.0).inOrder();
    compiled.checkAt("t.Plain", "t.PlainGrad", "guarded", 0.5, 1.5);
    // compiled with -Xlint:all -Werror: the deprecated calls are suppressed where they are made
    compiled.checkAt("t.Plain", "t.PlainGrad", "deprecatedCalls", 0.5, 2);
    compiled.checkAt("t.Plain", "t.PlainGrad", "deprecatedCalls", -0.5, 2);
    assertThat(compiled.generatedSource("t.PlainGrad"))
        .contains("@SuppressWarnings({\"deprecation\", \"removal\"})");
  }

  @Test
  void theCallsAreWrittenAsInTheSource() {
    String generated = compiled.generatedSource("t.PlainGrad");
    assertThat(generated).contains("Double.isNaN(x) || !Plain.inRange(y)");
    assertThat(generated).contains("int b = Plain.bucket(v[i], w.length);");
  }
}
