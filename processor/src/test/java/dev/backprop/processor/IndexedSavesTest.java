package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values a top-level counted loop saves on every iteration, kept in an array indexed by its
 * counter (README, "How it works"): the array is as long as the loop runs, for any bound.
 */
class IndexedSavesTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Idx {
        @Differentiable
        static double fromThree(double a, int n) {
          double s = a;
          for (int i = 3; i < n; i++) {
            s = Math.sin(s) * a;
          }
          return s;
        }

        @Differentiable
        static double grid(double a, int n, int m) {
          double s = a;
          for (int i = 0; i < n; i++) {
            for (int j = 1; j < m; j++) {
              s = Math.sin(s) * a;
            }
          }
          return s;
        }

        @Differentiable
        static double triangle(double a, int n) {
          double s = a;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
              s = Math.sin(s) * a;
            }
          }
          return s;
        }

        /** Each point's per-centre values, saved anew by every iteration of the fused loop. */
        @Differentiable(wrt = "w")
        static double perPoint(double[][] x, double[] w) {
          int k = w.length;
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            double best = 0;
            for (int c = 0; c < k; c++) {
              double z = 0;
              for (int row = 0; row < 3; row++) {
                z = Math.tanh(z + w[c] * x[i][row]);
              }
              best += z * z;
            }
            total += Math.log1p(best);
          }
          return total;
        }

        @Differentiable
        static double fromOctalTen(double a, int n) {
          double s = a;
          for (int i = 010; i < n; i++) {
            s = Math.sin(s) * a + i * 0.01;
          }
          return s;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Idx", SOURCE);
  }

  @Test
  void anyBoundGivesTheArrayTheLoopsLength() {
    // found by adversarial testing: n - 3 wrapped around near Integer.MIN_VALUE
    // (at Integer.MIN_VALUE itself the reversed loop's first index, n - 1, wraps: issue of its own)
    for (int n : new int[] {Integer.MIN_VALUE + 1, Integer.MIN_VALUE + 2, -1, 0, 3, 4, 9}) {
      new ArrayGradients(compiled, "t.Idx", "t.IdxGrad", "fromThree",
          new Object[] {0.6, n}, new int[] {0}, new int[0]).check();
    }
    assertThat(compiled.generatedSource("t.IdxGrad"))
        .contains("tape.zeros(Math.max(checkpointsFrom, 3) - 3)");
  }

  @Test
  void anInnerLoopSavesIntoAMatrix() {
    // (Integer.MIN_VALUE itself wraps the reversed loop's first index, as above)
    for (int n : new int[] {Integer.MIN_VALUE + 1, -1, 0, 1, 3}) {
      for (int m : new int[] {Integer.MIN_VALUE + 1, -2, 0, 1, 2, 4}) {
        new ArrayGradients(compiled, "t.Idx", "t.IdxGrad", "grid",
            new Object[] {0.6, n, m}, new int[] {0}, new int[0]).check();
      }
    }
    String source = compiled.generatedSource("t.IdxGrad");
    assertThat(source).contains(
        "tape.zeros(Math.max(checkpointsFrom, 0), Math.max(m, 1) - 1)");
    assertThat(source).contains("sPrev[i][j - 1] = s;");
    assertThat(source).contains("s = sPrev[i][j - 1];");
  }

  @Test
  void anInnerLoopWhoseBoundChangesStaysOnTheTape() {
    for (int n : new int[] {0, 1, 4}) {
      new ArrayGradients(compiled, "t.Idx", "t.IdxGrad", "triangle",
          new Object[] {0.6, n}, new int[] {0}, new int[0]).check();
    }
    String triangle = compiled.generatedMethod("t.IdxGrad", "triangle");
    assertThat(triangle).contains("tape.push(s)");
  }

  @Test
  void aFusedLoopFillsItsMatrixOnEveryIteration() {
    Random random = new Random(37);
    for (int n = 1; n <= 3; n++) {
      double[][] x = new double[n][3];
      for (double[] row : x) {
        for (int j = 0; j < 3; j++) {
          row[j] = random.nextGaussian();
        }
      }
      double[] w = {random.nextGaussian(), random.nextGaussian()};
      new ArrayGradients(compiled, "t.Idx", "t.IdxGrad", "perPoint",
          new Object[] {x, w}, new int[0], new int[] {1}).check();
    }
    String perPoint = compiled.generatedMethod("t.IdxGrad", "perPoint");
    // made once, before the loop over the points
    assertThat(perPoint).containsMatch(
        "double\\[\\]\\[\\] tanhPrev = tape.zeros\\(Math.max\\(k, 0\\), 3\\);\\s+"
        + "for \\(int i = 0;");
    assertThat(perPoint).contains("tanhPrev[c][row] = tanh;");
    assertThat(perPoint).contains("zPrev[c] = z;");
    assertThat(perPoint).doesNotContain("tape.push");
  }

  @Test
  void anOctalStartIsLeftToTheTape() {
    // 010 is 8, not 10: read as decimal, the array was indexed at -2
    for (int n : new int[] {0, 9, 10, 12}) {
      new ArrayGradients(compiled, "t.Idx", "t.IdxGrad", "fromOctalTen",
          new Object[] {0.6, n}, new int[] {0}, new int[0]).check();
    }
  }
}
