package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Running maxima and minima (README, "How fast"): the forward sweep remembers the iteration that
 * set the running value last and the backward sweep hands it the gradient, with nothing on the
 * tape. Every case is checked against central differences, ties against the documented
 * convention (the first argument of {@code Math.max} and {@code Math.min} keeps the gradient).
 */
class SelectionsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Sel {
        @Differentiable(wrt = "c")
        static double nearest(double[][] points, double[] c) {
          int d = points[0].length;
          int k = c.length / d;
          double cost = 0;
          for (double[] p : points) {
            double closest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
              double sq = 0;
              for (int l = 0; l < d; l++) {
                double diff = c[j * d + l] - p[l];
                sq += diff * diff;
              }
              closest = Math.min(closest, sq);
            }
            cost += closest;
          }
          return cost;
        }

        @Differentiable
        static double largest(double[] x, double t) {
          double a = t;
          for (int i = 1; i < x.length; i++) {
            a = Math.max(a, x[i]);
          }
          return a * a;
        }

        @Differentiable
        static double largestArgumentFirst(double[] x) {
          double a = x[0];
          for (int i = 1; i < x.length; i++) {
            a = Math.max(x[i], a);
          }
          return a;
        }

        @Differentiable
        static double range(double[] x) {
          double hi = Double.NEGATIVE_INFINITY;
          double lo = Double.POSITIVE_INFINITY;
          for (int i = 0; i < x.length; i++) {
            hi = Math.max(hi, x[i]);
            lo = Math.min(x[i], lo);
          }
          return hi - lo;
        }

        @Differentiable
        static double recurrentMaxPool(double[] w, int cols) {
          double h = 0.5;
          for (int r = 0; r < w.length / cols; r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
              m = Math.max(m, Math.sin(w[r * cols + j] * h + w[j]));
            }
            h = Math.tanh(m + h);
          }
          return h;
        }

        @Differentiable
        static double readElsewhere(double[] x) {
          double a = x[0];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += a * x[i];
            a = Math.max(a, x[i]);
          }
          return s;
        }

        @Differentiable
        static double withASum(double[] x) {
          double a = Double.NEGATIVE_INFINITY;
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
            a = Math.max(a, x[i]);
          }
          return a * s;
        }

        @Differentiable
        static double lastValueUsedAfter(double[] x) {
          double a = Double.NEGATIVE_INFINITY;
          double t = 0;
          for (int i = 0; i < x.length; i++) {
            t = Math.sin(x[i]);
            a = Math.max(a, t);
          }
          return a * t;
        }

        // found by the fuzzer: the pullback does not compute the result, so nothing reads the last
        // b, but its adjoint flows into the loop, and every iteration takes it
        @Differentiable
        static double resetInTheLoop(double b, double v) {
          for (int j = 1; j < 3; j++) {
            b = 1.5;
            v = Math.min(1.5, v);
          }
          return (v >= 2. ? 1.25 : 1.5) + b;
        }

        @Differentiable
        static double fromAVariable(double[] x) {
          int first = 1;
          double a = x[0];
          for (int i = first; i < x.length; i++) {
            a = Math.max(a, x[i]);
          }
          return a * a;
        }
      }
      """;

  private static CompiledGradients compiled;
  private static String generated;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Sel", SOURCE);
    generated = compiled.generatedSource("t.SelGrad");
  }

  private static void check(String method, Object[] args, int[] scalars, int[] arrays) {
    new ArrayGradients(compiled, "t.Sel", "t.SelGrad", method, args, scalars, arrays).check();
  }

  @Test
  void gradientsAreRight() {
    Random random = new Random(29);
    for (int trial = 0; trial < 25; trial++) {
      int n = 1 + random.nextInt(7);
      double[][] points = new double[n][2];
      for (double[] p : points) {
        p[0] = random.nextDouble();
        p[1] = random.nextDouble();
      }
      double[] c = new double[2 * (1 + random.nextInt(3))];
      for (int i = 0; i < c.length; i++) {
        c[i] = random.nextDouble();
      }
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextGaussian();
      }
      // t above every x now and then: no iteration replaces it, and it keeps the gradient
      double t = random.nextBoolean() ? 3 + random.nextDouble() : random.nextGaussian();
      int cols = 1 + random.nextInt(3);
      double[] w = new double[cols * (1 + random.nextInt(3))];
      for (int i = 0; i < w.length; i++) {
        w[i] = random.nextGaussian();
      }
      check("nearest", new Object[] {points, c}, new int[0], new int[] {1});
      check("largest", new Object[] {x, t}, new int[] {1}, new int[] {0});
      check("largestArgumentFirst", new Object[] {x}, new int[0], new int[] {0});
      check("range", new Object[] {x}, new int[0], new int[] {0});
      check("recurrentMaxPool", new Object[] {w, cols}, new int[0], new int[] {0});
      check("readElsewhere", new Object[] {x}, new int[0], new int[] {0});
      check("fromAVariable", new Object[] {x}, new int[0], new int[] {0});
      check("withASum", new Object[] {x}, new int[0], new int[] {0});
      check("resetInTheLoop", new Object[] {x[0], t}, new int[] {0, 1}, new int[0]);
      check("lastValueUsedAfter", new Object[] {x}, new int[0], new int[] {0});
    }
  }

  @Test
  void tiesGoToTheFirstArgument() {
    double[] x = {1, 3, 3, 2, 3};
    // Math.max(x[i], a): x[i] is first, so each later 3 takes the gradient from the one before
    double[] dx = new double[x.length];
    compiled.gradientAtArrays("t.SelGrad", "largestArgumentFirst", x, dx);
    assertArrayEquals(new double[] {0, 0, 0, 0, 1}, dx);
    double[] dRange = new double[x.length];
    compiled.gradientAtArrays("t.SelGrad", "range", new double[] {2, 1, 3, 1, 3}, dRange);
    // hi = Math.max(hi, x[i]): the first 3 keeps it; lo = Math.min(x[i], lo): the latest 1
    assertArrayEquals(new double[] {0, 0, 1, -1, 0}, dRange);
  }

  @Test
  void theForwardSweepTracksTheWinnerAndTapesNothing() {
    String nearest = method("nearest");
    assertThat(nearest).contains("if (sq < closest) {\n");
    assertThat(nearest).contains("closestAt = j;");
    assertThat(nearest).doesNotContain("tape");
    assertThat(method("largest")).contains("if (x[i] > a) {\n");
    assertThat(method("largest")).doesNotContain("tape");
    assertThat(method("largestArgumentFirst")).contains("if (x[i] >= a) {\n");
    assertThat(method("range")).doesNotContain("tape");
  }

  @Test
  void onlyTheWinningIterationIsWalkedBack() {
    assertThat(method("nearest")).containsMatch(
        "if \\(closestAt != -1\\) \\{\\s+int j = closestAt;");
    assertThat(method("nearest")).doesNotContain("for (int j = k - 1;");
    assertThat(method("nearest")).containsMatch(
        "if \\(dsq != 0\\) \\{\\s+for \\(int l = d - 1; l >= 0; l--\\) \\{");
    assertThat(method("largest")).containsMatch("if \\(aAt != -1\\) \\{\\s+int i = aAt;");
    assertThat(method("recurrentMaxPool")).containsMatch(
        "if \\(mAt != -1\\) \\{\\s+int j = mAt;");
  }

  @Test
  void aLoopWhoseOtherIterationsPassSomethingOnIsWalkedWhole() {
    // the sum's adjoint reaches every iteration; the last t is read after the loop
    assertThat(method("withASum")).contains("if (i == aAt) {");
    assertThat(method("lastValueUsedAfter")).contains("if (i == aAt) {");
  }

  @Test
  void anInnerLoopStartsAfreshAndItsWinnerIsKeptPerOuterIteration() {
    String pool = method("recurrentMaxPool");
    assertThat(pool).contains("mAt = -1;");
    // the outer loop carries h, so it is reversed: one int per row, not one value per column
    // (in the iterations that save; later ones keep checkpoints of every scalar instead)
    String saving = pool.substring(0, pool.indexOf("// past the first"));
    assertThat(saving).contains("tape.push(mAt);");
    assertThat(saving).doesNotContain("tape.push(m);");
  }

  @Test
  void aRunningValueReadElsewhereOrALoopFromAVariableIsSaved() {
    assertThat(method("readElsewhere")).contains("aPrev[i] = a;"); // on every iteration
    assertThat(method("readElsewhere")).doesNotContain("aAt");
    assertThat(method("fromAVariable")).doesNotContain("aAt");
  }

  private static String method(String name) {
    int start = generated.indexOf("static double " + name + "(");
    return generated.substring(start, generated.indexOf("\n    }\n", start));
  }
}
