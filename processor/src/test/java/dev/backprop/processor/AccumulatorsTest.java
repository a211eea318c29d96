package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.lang.reflect.Method;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adjoint elements a loop only adds into, at an index the loop does not change, are summed in a
 * local while the loop runs and stored once after it (README, "How fast"). The sums are the same
 * to the bit, an element the original never touches is not touched, and two indices that may
 * name one element keep their stores. Every case is checked against central differences.
 */
class AccumulatorsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Sums {
        @Differentiable static double hinge(double[][] x, double[] w) {
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            double score = w[0] * x[i][0] + w[1] * x[i][1] + w[2];
            total += Math.max(0, 1 - score);
          }
          return total + 0.5 * w[0] * w[0];
        }

        @Differentiable static double rows(double[] a, double[] v) {
          int n = v.length;
          double s = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              s += Math.sin(a[i * n + j] * v[i]);
            }
          }
          return s;
        }

        @Differentiable static double twoIndices(double[] v, int p, int q) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            s += v[p] * v[q] * i;
          }
          return s;
        }
      }
      """;

  private static CompiledGradients compiled;
  private static String generated;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Sums", SOURCE);
    generated = compiled.generatedSource("t.SumsGrad");
  }

  @Test
  void gradientsAreRight() {
    Random random = new Random(17);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(5);
      double[][] x = new double[n][2];
      for (double[] row : x) {
        row[0] = random.nextGaussian();
        row[1] = random.nextGaussian();
      }
      double[] w = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double[] v = new double[n];
      double[] a = new double[n * n];
      for (int i = 0; i < n; i++) {
        v[i] = random.nextGaussian();
      }
      for (int i = 0; i < n * n; i++) {
        a[i] = random.nextGaussian();
      }
      check("hinge", new Object[] {x, w}, 1);
      check("rows", new Object[] {a, v}, 0, 1);
      check("twoIndices", new Object[] {v, random.nextInt(n), random.nextInt(n)}, 0);
    }
  }

  private static void check(String method, Object[] args, int... arrays) {
    new ArrayGradients(compiled, "t.Sums", "t.SumsGrad", method, args, new int[0], arrays)
        .check();
  }

  @Test
  void constantIndicesAreSummedInLocalsWhenTheLoopRuns() {
    assertThat(generated).containsMatch("if \\(x.length > 0\\) \\{\\s+double dw0 = dw\\[0\\];"
        + "\\s+double dw1 = dw\\[1\\];\\s+double dw2 = dw\\[2\\];\\s+"
        + "for \\(int i = 0; i < x.length; i\\+\\+\\) \\{");
    assertThat(generated).contains("dw[2] = dw2;");
  }

  @Test
  void anIndexOfALoopOverTheArrayNeedsNoGuard() {
    // dv[i] in the loop over j: i counts over v's length, so dv[i] exists
    assertThat(generated).containsMatch(
        "(?s)for \\(int i = 0; i < n; i\\+\\+\\) \\{[^}]*\\}\\s+double dvi = dv\\[i\\];\\s+"
            + "for \\(int j = n - 1; j >= 0; j--\\) \\{.*dvi \\+= .*\\}\\s+dv\\[i\\] = dvi;");
  }

  @Test
  void indicesThatMayNameOneElementKeepTheirStores() {
    assertThat(generated).contains("dv[p] += ");
    assertThat(generated).contains("dv[q] += ");
  }

  @Test
  void anElementTheOriginalNeverTouchesIsNotTouched() throws Exception {
    // no examples and two weights: the original never reads w[2]; neither may the gradient
    Method original = compiled.load("t.Sums").getDeclaredMethod("hinge", double[][].class,
        double[].class);
    Method gradient = compiled.load("t.SumsGrad").getDeclaredMethod("hinge", double[][].class,
        double[].class, double[].class);
    original.setAccessible(true);
    gradient.setAccessible(true);
    double[] w = {3, 4};
    double[] dw = {7, 7};
    double value = (double) original.invoke(null, new double[0][], w);
    assertEquals(value, (double) gradient.invoke(null, new double[0][], w, dw));
    assertEquals(3, dw[0]);
    assertEquals(0, dw[1]);
  }
}
