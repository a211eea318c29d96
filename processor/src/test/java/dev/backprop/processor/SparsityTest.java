package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adjoint sparsity (README, "How fast"): where a selection leaves an adjoint zero, the backward
 * loop that would pass it on does not run (the k-means centroids that were not the closest are
 * in {@code SelectionsTest}). Every case is checked against central differences.
 */
class SparsityTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Sparse {
        @Differentiable
        static double relu(double[] w, double t) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            double q = 0;
            for (int j = 0; j < 3; j++) {
              q += Math.sin(j * t + w[i]);
            }
            s += Math.max(0, q);
          }
          return s;
        }

        @Differentiable
        static double chained(double[] w) {
          double h = 1;
          for (int i = 0; i < w.length; i++) {
            for (int j = 0; j <= i % 3; j++) {
              h = Math.tanh(h * w[i]);
            }
          }
          return h;
        }
      }
      """;

  private static CompiledGradients compiled;
  private static String generated;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Sparse", SOURCE);
    generated = compiled.generatedSource("t.SparseGrad");
  }

  @Test
  void gradientsAreRight() {
    Random random = new Random(23);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(6);
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = random.nextGaussian();
      }
      new ArrayGradients(compiled, "t.Sparse", "t.SparseGrad", "relu",
          new Object[] {w, 0.1}, new int[] {1}, new int[] {0}).check();
      new ArrayGradients(compiled, "t.Sparse", "t.SparseGrad", "chained",
          new Object[] {w}, new int[0], new int[] {0}).check();
    }
  }

  @Test
  void anInactiveReluSkipsTheLoopBeforeIt() {
    assertThat(generated).containsMatch(
        "if \\(dq != 0\\) \\{\\s+(double \\w+ = \\w+\\[i\\];\\s+)?for \\(int j = ");
  }

  @Test
  void aLoopThatRestoresFromTheTapeAlwaysRuns() {
    // the inner loop pops h's earlier values: skipping it would leave the tape out of step
    int start = generated.indexOf("static double chained(");
    String chained = generated.substring(start, generated.indexOf("\n    }\n", start));
    assertThat(chained).contains("popDouble()");
    assertThat(chained).doesNotContain("!= 0)");
  }
}
