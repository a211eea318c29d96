package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.backprop.processor.testing.CompiledGradients.gaussian;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A local array that each iteration of a loop fills before it reads it, {@code xc[j] = x[i][j] -
 * mu[c * d + j]}, is filled again by the reversed iteration instead of being taped (README, "How
 * it works"); where the array's earlier contents are still read, the tape keeps them. Every case
 * is checked against central differences.
 */
class RecomputedFillsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Fill {
        /** A GMM-like sum over points and centres of exp(-||L (x_i - mu_c)||^2). */
        @Differentiable(wrt = {"mu", "l"})
        static double spread(double[][] x, double[] mu, double[] l) {
          int d = x[0].length;
          int k = mu.length / d;
          double[] xc = new double[d];
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < k; c++) {
              for (int j = 0; j < d; j++) {
                xc[j] = x[i][j] - mu[c * d + j];
              }
              double sq = 0;
              for (int row = 0; row < d; row++) {
                double z = 0;
                for (int col = 0; col <= row; col++) {
                  z += l[row * d + col] * xc[col];
                }
                sq += z * z;
              }
              total += Math.exp(-sq);
            }
          }
          return total;
        }

        /** The last centred point is read after the loops. */
        @Differentiable(wrt = "mu")
        static double readAfter(double[][] x, double[] mu) {
          int d = x[0].length;
          double[] xc = new double[d];
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
              xc[j] = x[i][j] - mu[j];
            }
            total += Math.sin(xc[0] * xc[d - 1]);
          }
          return total * xc[0];
        }

        /** Each iteration reads the previous one's centred point before it fills its own. */
        @Differentiable(wrt = "mu")
        static double readBefore(double[][] x, double[] mu) {
          int d = x[0].length;
          double[] xc = new double[d];
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            total += xc[0] * mu[0];
            for (int j = 0; j < d; j++) {
              xc[j] = Math.sin(x[i][j] - mu[j]);
            }
            total += xc[d - 1] * xc[d - 1];
          }
          return total;
        }

        /** The fill reads what the iteration changes. */
        @Differentiable(wrt = "mu")
        static double readsWhatChanges(double[][] x, double[] mu) {
          int d = x[0].length;
          double[] xc = new double[d];
          double total = 0;
          double scale = 1;
          for (int i = 0; i < x.length; i++) {
            scale = scale * 0.5 + mu[0];
            for (int j = 0; j < d; j++) {
              xc[j] = (x[i][j] - mu[j]) * scale;
            }
            total += Math.exp(-xc[0] * xc[d - 1]);
          }
          return total;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Fill", SOURCE);
  }

  @Test
  void gradientsAreRight() {
    Random random = new Random(31);
    for (int trial = 0; trial < 8; trial++) {
      int n = 1 + random.nextInt(3);
      int d = 1 + random.nextInt(3);
      int k = 1 + random.nextInt(3);
      double[][] x = new double[n][];
      for (int i = 0; i < n; i++) {
        x[i] = gaussian(d, random, 0.5);
      }
      new ArrayGradients(compiled, "t.Fill", "t.FillGrad", "spread",
          new Object[] {x, gaussian(k * d, random, 0.5), gaussian(d * d, random, 0.5)},
          new int[0], new int[] {1, 2}).check();
      for (String name : new String[] {"readAfter", "readBefore", "readsWhatChanges"}) {
        new ArrayGradients(compiled, "t.Fill", "t.FillGrad", name,
            new Object[] {x, gaussian(d, random, 0.5)}, new int[0], new int[] {1}).check();
      }
    }
  }

  @Test
  void theReversedIterationFillsTheArrayAgain() {
    String spread = compiled.generatedMethod("t.FillGrad", "spread");
    assertThat(spread).doesNotContain("tape.push");
    assertThat(spread).doesNotContain("tape.pop");
    // the forward iteration's fill and the reversed iteration's, before it reads xc
    assertThat(spread).containsMatch("for \\(int c = k - 1; c >= 0; c--\\) \\{\\s+"
        + "for \\(int j = 0; j < d; j\\+\\+\\) \\{\\s+xc\\[j\\] = x\\[i\\]\\[j\\] - "
        + "mu\\[c \\* d \\+ j\\];");
  }

  @Test
  void contentsStillReadAreTaped() {
    for (String name : new String[] {"readAfter", "readBefore", "readsWhatChanges"}) {
      assertThat(compiled.generatedMethod("t.FillGrad", name)).contains("tape.push(xc[j])");
    }
  }


}
