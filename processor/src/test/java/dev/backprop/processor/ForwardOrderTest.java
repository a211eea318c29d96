package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.backprop.processor.testing.CompiledGradients.gaussian;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backward loops whose iterations touch disjoint elements count up, as their forward loops do
 * (README, "How it works"); loops whose iterations meet in an element or a local count down. Every
 * case is checked against central differences.
 */
class ForwardOrderTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Order {
        /** ||L (x - mu)||^2 for a lower-triangular L, row by row. */
        @Differentiable
        static double triangular(double[] l, double[] x, double[] mu) {
          int d = x.length;
          double[] xc = new double[d];
          for (int j = 0; j < d; j++) {
            xc[j] = x[j] - mu[j];
          }
          double sq = 0;
          for (int row = 0; row < d; row++) {
            double z = 0;
            for (int col = 0; col <= row; col++) {
              z += l[row * d + col] * xc[col];
            }
            sq += z * z;
          }
          return sq;
        }

        /** Iteration j adds into dx[j] and dx[j + 1], which iteration j + 1 adds into too. */
        @Differentiable
        static double neighbours(double[] x) {
          double s = 0;
          for (int j = 0; j < x.length - 1; j++) {
            s += x[j] * x[j + 1];
          }
          return s * s;
        }

        /** A layer's weights by row: the gradient array and the data sit at different places. */
        @Differentiable(wrt = "w")
        static double rows(double[] w, double[] x) {
          int n = x.length;
          double total = 0;
          for (int j = 0; j < w.length / n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              s += w[j * n + i] * x[i];
            }
            total += Math.tanh(s);
          }
          return total;
        }

        /** The same element of two parameters, which may be one array. */
        @Differentiable
        static double twoArrays(double[] u, double[] v) {
          double s = 0;
          for (int j = 1; j < u.length; j++) {
            s += u[j] * v[j - 1];
          }
          return Math.sin(s);
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Order", SOURCE);
  }

  @Test
  void gradientsAreRight() {
    Random random = new Random(29);
    for (int trial = 0; trial < 10; trial++) {
      int d = 1 + random.nextInt(5);
      new ArrayGradients(compiled, "t.Order", "t.OrderGrad", "triangular",
          new Object[] {
            gaussian(d * d, random, 1), gaussian(d, random, 1), gaussian(d, random, 1)
          },
          new int[0], new int[] {0, 1, 2}).check();
      new ArrayGradients(compiled, "t.Order", "t.OrderGrad", "neighbours",
          new Object[] {gaussian(d, random, 1)}, new int[0], new int[] {0}).check();
      new ArrayGradients(compiled, "t.Order", "t.OrderGrad", "rows",
          new Object[] {gaussian(2 * d, random, 1), gaussian(d, random, 1)},
          new int[0], new int[] {0}).check();
      new ArrayGradients(compiled, "t.Order", "t.OrderGrad", "twoArrays",
          new Object[] {gaussian(d, random, 1), gaussian(d, random, 1)},
          new int[0], new int[] {0, 1}).check();
    }
  }

  @Test
  void disjointIterationsCountUp() {
    String triangular = compiled.generatedMethod("t.OrderGrad", "triangular");
    // forward and backward alike, in both forms
    assertThat(count(triangular, "for (int col = 0; col <= row; col++)")).isEqualTo(2);
    assertThat(triangular).doesNotContain("col--");
    assertThat(triangular).containsMatch("for \\(int j = 0; j < d; j\\+\\+\\) \\{\\s+// xc\\[j\\]");
  }

  @Test
  void gradientArraysAreNotTheData() {
    // the contract keeps a gradient array apart from every other argument
    String rows = compiled.generatedMethod("t.OrderGrad", "rows");
    assertThat(count(rows, "for (int i = 0; i < n; i++)")).isEqualTo(2);
  }

  @Test
  void iterationsThatMeetInAnElementCountDown() {
    assertThat(compiled.generatedMethod("t.OrderGrad", "neighbours")).contains("j >= 0; j--");
  }

  @Test
  void gradientArraysThatMayBeOneArrayCountDown() {
    // du[j] and dv[j - 1] are different places of what may be the same array: a caller may pass
    // one array for both
    assertThat(compiled.generatedMethod("t.OrderGrad", "twoArrays")).contains("j >= 1; j--");
  }


  private static int count(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

}
