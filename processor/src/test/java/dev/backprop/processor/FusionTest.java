package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fused sweeps (README, "How fast"): a loop whose iterations are independent given the adjoint
 * of what they accumulate runs each backward iteration right after its forward one, with no
 * tape; a loop whose iterations depend on each other, or whose adjoints are known only after it,
 * keeps its reversed loop. Every case is also checked against central differences.
 */
class FusionTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Fused {
        @Differentiable static double hinge(double[][] x, double[] y, double[] w) {
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            double score = w[0] * x[i][0] + w[1] * x[i][1] + w[2];
            total += Math.max(0, 1 - y[i] * score);
          }
          return total / x.length + 0.1 * (w[0] * w[0] + w[1] * w[1]);
        }

        @Differentiable static double scratch(double[][] x, double[] w) {
          double[] h = new double[w.length];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w.length; j++) {
              h[j] = Math.tanh(w[j] * x[i][j]);
            }
            for (int j = 0; j < w.length; j++) {
              s += h[j] * h[j];
            }
          }
          return s;
        }

        @Differentiable static double logSumExp(double[] w) {
          double total = 0;
          for (int i = 0; i < w.length; i++) {
            total += Math.exp(w[i]);
          }
          return Math.log(total);
        }

        @Differentiable static double recurrence(double[] w) {
          double h = 1;
          for (int i = 0; i < w.length; i++) {
            h = Math.tanh(w[i] * h);
          }
          return h;
        }

        @Differentiable static double lastScore(double[] w) {
          double score = 0;
          double total = 0;
          for (int i = 0; i < w.length; i++) {
            score = w[i] * w[i];
            total += score;
          }
          return total * score;
        }

        @Differentiable static double lastElement(double[] w, double s) {
          for (double wi : w) {
            s = wi;
          }
          return 1.5 + s;
        }

        @Differentiable static double sharedScratch(double[] w) {
          double[] h = new double[w.length];
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            h[i] = Math.sin(w[i]);
            s += h[i] * h[0];
          }
          return s;
        }
      }
      """;

  private static CompiledGradients compiled;
  private static String generated;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Fused", SOURCE);
    generated = compiled.generatedSource("t.FusedGrad");
  }

  @Test
  void gradientsAreRight() {
    Random random = new Random(5);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(6);
      double[][] x = new double[n][3];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < 3; j++) {
          x[i][j] = random.nextGaussian();
        }
        y[i] = random.nextBoolean() ? 1 : -1;
      }
      double[] w = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      check("hinge", new Object[] {x, y, w}, 1, 2);
      check("scratch", new Object[] {x, w}, 1);
      for (String method : new String[] {
          "logSumExp", "recurrence", "lastScore", "sharedScratch"}) {
        check(method, new Object[] {w}, 0);
      }
      new ArrayGradients(compiled, "t.Fused", "t.FusedGrad", "lastElement",
          new Object[] {w, 0.5}, new int[] {1}, new int[] {0}).check();
    }
  }

  private static void check(String method, Object[] args, int... arrays) {
    new ArrayGradients(compiled, "t.Fused", "t.FusedGrad", method, args, new int[0], arrays)
        .check();
  }

  @Test
  void independentIterationsRunTheirBackwardWorkRightAway() {
    for (String method : new String[] {"hinge(", "scratch(", "hingePullback(",
        "scratchPullback("}) {
      assertThat(method(method)).doesNotContain("i--");
    }
    assertThat(method("hinge(")).doesNotContain("Tape");
    // the example's pull lands in dw in the same iteration that computed its score
    assertThat(method("hinge(")).containsMatch(
        "(?s)for \\(int i = 0; i < x.length; i\\+\\+\\) \\{\\s+double score = [^}]*dw2 \\+=");
    // an iteration's values and adjoints are its own locals, declared where first written
    assertThat(method("hinge(")).doesNotContain("dscore = 0;");
    assertThat(method("hinge(")).doesNotContain("double score = 0;");
  }

  @Test
  void dependentIterationsKeepTheirReversedLoop() {
    // (lastElement: the value s keeps from the last iteration is its adjoint's way in)
    for (String method : new String[] {"logSumExp(", "recurrence(", "lastScore(",
        "sharedScratch(", "lastElementPullback("}) {
      // (of the iterations that save, where later ones keep checkpoints instead)
      assertThat(method(method))
          .containsMatch("for \\(int i = (w.length|checkpointsFrom) - 1; i >= 0; i--\\)");
    }
  }

  /** The text of the generated method whose name and opening parenthesis are {@code head}. */
  private static String method(String head) {
    int start = generated.indexOf("static double " + head);
    if (start < 0) {
      start = generated.indexOf("static void " + head);
    }
    assertThat(start).isAtLeast(0);
    int end = generated.indexOf("\n    }\n", start);
    return generated.substring(start, end);
  }
}
