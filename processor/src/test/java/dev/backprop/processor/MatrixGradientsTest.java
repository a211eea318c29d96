package dev.backprop.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local two-dimensional arrays, {@code double[][] h = new double[n][m]}: element writes and
 * {@code +=}, reads, {@code h[i].length} bounds, rows passed to differentiable callees, values
 * overwritten in loops. Each gradient is checked against central differences of the original
 * method (and the pullback against the plain form) at seeded random points.
 */
class MatrixGradientsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Matrices {
        /** A tanh layer over a batch, activations kept per example, then a second layer. */
        @Differentiable(wrt = {"w1", "w2"})
        static double twoLayers(double[][] x, double[] w1, double[] w2, int hidden) {
          int inputs = x[0].length;
          double[][] h = new double[x.length][hidden];
          for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < hidden; j++) {
              for (int i = 0; i < inputs; i++) {
                h[n][j] += w1[j * inputs + i] * x[n][i];
              }
              h[n][j] = Math.tanh(h[n][j]);
            }
          }
          double loss = 0;
          for (int n = 0; n < x.length; n++) {
            double score = 0;
            for (int j = 0; j < h[n].length; j++) {
              score += w2[j] * h[n][j];
            }
            loss += Math.log1p(Math.exp(-score));
          }
          return loss / x.length;
        }

        /** Elements overwritten again and again: the logistic map per cell. */
        @Differentiable
        static double logisticGrid(double r, double x0, int rows, int columns, int steps) {
          double[][] g = new double[rows][columns];
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
              g[i][j] = x0 + 0.01 * (i + j);
            }
          }
          for (int t = 0; t < steps; t++) {
            for (int i = 0; i < rows; i++) {
              for (int j = 0; j < columns; j++) {
                g[i][j] = r * g[i][j] * (1 - g[i][j]);
              }
            }
          }
          double s = 0;
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
              s += g[i][j] * (i + 1);
            }
          }
          return s;
        }

        @Differentiable
        static double sumsq(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += v[i] * v[i];
          }
          return s;
        }

        /** Rows of a local matrix passed to a differentiable callee: it adds into dm's rows. */
        @Differentiable(wrt = "w")
        static double rowsToACallee(double[] w, int rows) {
          double[][] m = new double[rows][w.length];
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < w.length; j++) {
              m[i][j] = Math.sin(w[j] * (i + 1));
            }
          }
          double s = 0;
          for (int i = 0; i < rows; i++) {
            s += Math.sqrt(1 + sumsq(m[i]));
          }
          return s;
        }

        /** Cells read across rows and columns, a while loop, and an element that feeds itself. */
        @Differentiable
        static double crossReads(double a, double b, int n) {
          double[][] c = new double[n][n];
          for (int i = 0; i < n; i++) {
            c[i][i] = a * (i + 1);
            if (i > 0) {
              c[i][i - 1] = c[i - 1][i - 1] * b;
              c[i - 1][i] += c[i][i - 1] * c[i][i];
            }
          }
          int k = 0;
          while (k < n) {
            c[k][n - 1 - k] = c[k][n - 1 - k] * c[k][n - 1 - k] + c[n - 1 - k][k] * a;
            k += 1;
          }
          double s = c.length;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              s += Math.cos(c[i][j]);
            }
          }
          return s;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Matrices", SOURCE);
  }

  private static double[] random(Random random, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  private static void check(String method, Object[] args, int[] scalars, int[] arrays) {
    new ArrayGradients(compiled, "t.Matrices", "t.MatricesGrad", method, args, scalars, arrays)
        .check();
  }

  @Test
  void activationsInALocalMatrix() {
    Random random = new Random(400);
    for (int p = 0; p < 5; p++) {
      int batch = 1 + p;
      int hidden = 3;
      double[][] x = new double[batch][];
      for (int n = 0; n < batch; n++) {
        x[n] = random(random, 2, 1);
      }
      check("twoLayers", new Object[] {x, random(random, hidden * 2, 1),
          random(random, hidden, 1), hidden}, new int[0], new int[] {1, 2});
    }
  }

  @Test
  void elementsOverwrittenInLoops() {
    Random random = new Random(410);
    for (int steps : new int[] {0, 1, 4}) {
      double r = 2.5 + random.nextDouble();
      double x0 = 0.2 + 0.5 * random.nextDouble();
      check("logisticGrid", new Object[] {r, x0, 2, 3, steps}, new int[] {0, 1}, new int[0]);
    }
  }

  @Test
  void emptyMatrices() {
    check("logisticGrid", new Object[] {3.1, 0.4, 0, 3, 2}, new int[] {0, 1}, new int[0]);
    check("logisticGrid", new Object[] {3.1, 0.4, 2, 0, 2}, new int[] {0, 1}, new int[0]);
    check("rowsToACallee", new Object[] {new double[] {0.3, -0.7}, 0}, new int[0],
        new int[] {0});
  }

  @Test
  void rowsPassedToADifferentiableMethod() {
    Random random = new Random(420);
    for (int rows = 1; rows <= 3; rows++) {
      check("rowsToACallee", new Object[] {random(random, 3, 1.5), rows}, new int[0],
          new int[] {0});
    }
  }

  @Test
  void crossReadsAndSelfFeedingElements() {
    Random random = new Random(430);
    for (int n = 1; n <= 4; n++) {
      check("crossReads", new Object[] {0.5 + random.nextDouble(), random.nextDouble() - 0.5, n},
          new int[] {0, 1}, new int[0]);
    }
  }

  @Test
  void adjointMatricesComeFromTheTape() {
    String generated = compiled.generatedSource("t.MatricesGrad");
    assertTrue(generated.contains("double[][] h = tape.zeros(x.length, hidden);"), generated);
    assertTrue(generated.contains("double[][] dh = tape.zerosLike(h);"), generated);
    // the second loop counts with i too, as the user wrote it
    assertTrue(generated.contains("MatricesGrad.sumsqPullback(m[i], "), generated);
  }
}
