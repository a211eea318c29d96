package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import dev.backprop.runtime.Tape;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Long loops keep a checkpoint per segment instead of saving on every iteration, and the backward
 * sweep runs each segment again from its checkpoint (README, "How it works"). This module's tests
 * run with {@code backprop.tape.checkpointBytes=24}, so every loop here, and every loop of more
 * than a few iterations in the other tests and the fuzzer, runs its checkpointed segments; the
 * counts below cross several segment boundaries (a loop that saves three doubles checkpoints
 * after iterations 1, 2, 5, 10, 17, ...). Every case is checked against central differences.
 */
class CheckpointsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Ckpt {
        /** The logistic map: each iteration reads the last. */
        @Differentiable
        static double orbit(double r, double x0, int n) {
          double x = x0;
          for (int i = 0; i < n; i++) {
            x = r * x * (1 - x);
          }
          return x;
        }

        /** From any start, up to and including the bound, reading the counter. */
        @Differentiable
        static double inclusive(double r, double x0, int a, int b) {
          double x = x0;
          for (int i = a; i <= b; i++) {
            x = x + r * Math.sin(x + i);
          }
          return x;
        }

        /** A while loop with a break, its count unknown before it runs. */
        @Differentiable
        static double untilSmall(double x, double r, int most) {
          int k = 0;
          while (Math.abs(x) > 1e-3) {
            x = x * r - 0.01 * Math.sin(x);
            k++;
            if (k >= most) {
              break;
            }
          }
          return x + k;
        }

        /** A do-while loop. */
        @Differentiable
        static double settle(double w, double b, int n) {
          double h = 0.3;
          int k = 0;
          do {
            h = Math.tanh(h * w + b);
            k++;
          } while (k < n);
          return h;
        }

        /** An inner loop, an int and a boolean the iterations carry, and a branch on them. */
        @Differentiable
        static double carried(double[] w, int n) {
          double h = 0.1;
          int flips = 0;
          boolean up = true;
          for (int t = 0; t < n; t++) {
            double acc = 0;
            for (int j = 0; j < w.length; j++) {
              acc += w[j] * Math.sin(h + j);
            }
            if (acc > 0 == up) {
              flips++;
              up = !up;
            }
            h = Math.tanh(acc + 0.1 * flips + h);
          }
          return h * h;
        }

        /** A sum the loop keeps is also what it returns. */
        @Differentiable
        static double runningSum(double x, int n) {
          double s = 0;
          double y = x;
          for (int i = 0; i < n; i++) {
            y = Math.sin(y) + x;
            s += y * y;
          }
          return s;
        }

        /** y steers the loop and changes after it; the backward sweep needs no earlier y. */
        @Differentiable
        static double changedAfter(double x, double y, int n) {
          for (int i = 0; i < n; i++) {
            if (y > x) {
              x = x * 0.9 + 0.1 * Math.sin(x);
            } else {
              x = x * 1.1;
            }
          }
          int k = 0;
          while (k < n && x < y) {
            x = x + 0.01 * x * x;
            k++;
          }
          y = y * 3 + 1;
          return x + 0 * y;
        }

        /** A fixed count: its tape is bounded already. */
        @Differentiable
        static double fixed(double r, double x0) {
          double x = x0;
          for (int i = 0; i < 10; i++) {
            x = r * x * (1 - x);
          }
          return x;
        }

        /** A loop that writes an array: checkpoints would have to copy it. */
        @Differentiable
        static double writesAnArray(double r, int n) {
          double[] xs = new double[n + 1];
          xs[0] = 0.5;
          for (int i = 0; i < n; i++) {
            xs[i + 1] = r * xs[i] * (1 - xs[i]);
          }
          return xs[n];
        }
      }
      """;

  private static final int[] COUNTS = {0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 21, 22, 40, 200};

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Ckpt", SOURCE);
  }

  @Test
  void theTestsRunWithShortSegments() {
    assertEquals(24, Tape.CHECKPOINT_BYTES);
  }

  @Test
  void countedLoopsAreRightAcrossSegments() {
    for (int n : COUNTS) {
      compiled.checkAt("t.Ckpt", "t.CkptGrad", "orbit", 3.1, 0.3, n);
      compiled.checkAt("t.Ckpt", "t.CkptGrad", "runningSum", 0.7, n);
      for (int a : new int[] {-7, 0, 5}) {
        compiled.checkAt("t.Ckpt", "t.CkptGrad", "inclusive", 0.4, 0.2, a, a + n - 1);
      }
      new ArrayGradients(compiled, "t.Ckpt", "t.CkptGrad", "carried",
          new Object[] {new double[] {0.3, -0.5, 0.8}, n}, new int[0], new int[] {0}).check();
    }
  }

  @Test
  void whatALoopReadsAndALaterStatementChangesIsCheckpointedToo() {
    // found by the fuzzer: run again with y's final value, the first loop took the other branch
    for (int n : COUNTS) {
      compiled.checkAt("t.Ckpt", "t.CkptGrad", "changedAfter", 1.0, 0.5, n);
      compiled.checkAt("t.Ckpt", "t.CkptGrad", "changedAfter", 0.2, 0.5, n);
    }
  }

  @Test
  void countingLoopsAreRightAcrossSegments() {
    for (int n : COUNTS) {
      compiled.checkAt("t.Ckpt", "t.CkptGrad", "untilSmall", 0.9, 0.8, n);
      compiled.checkAt("t.Ckpt", "t.CkptGrad", "settle", 0.9, 0.1, n);
    }
    // stopped by its condition, not its limit, after about 30 iterations
    compiled.checkAt("t.Ckpt", "t.CkptGrad", "untilSmall", 0.9, 0.8, 1000);
  }

  @Test
  void theGeneratedLoopCheckpointsItsScalars() {
    String orbit = compiled.generatedMethod("t.CkptGrad", "orbit");
    assertThat(orbit).contains("long checkpointAfter = Math.max(1, Tape.CHECKPOINT_BYTES / 24);");
    assertThat(orbit).contains("int checkpointsFrom = (int) Math.min(n, checkpointAfter);");
    assertThat(orbit).contains("for (int i = 0; i < checkpointsFrom; i++) {");
    assertThat(orbit).containsMatch(
        "if \\(i == checkpoint\\) \\{\\s+tape.push\\(prod\\);\\s+tape.push\\(diff\\);\\s+"
            + "tape.push\\(x\\);\\s+tape.push\\(i\\);\\s+checkpoint \\+= segment;\\s+"
            + "segment \\+= 2;");
    assertThat(orbit).contains("while (end > checkpointsFrom) {");
    // n may be Integer.MIN_VALUE, where checkpointsFrom - 1 wraps: i < n stops the loop there
    assertThat(orbit).contains("for (int i = checkpointsFrom - 1; i >= 0 && i < n; i--) {");
    String inclusive = compiled.generatedMethod("t.CkptGrad", "inclusive");
    assertThat(inclusive).contains(
        "(int) Math.min((long) b + 1, a + checkpointAfter)");
    assertThat(compiled.generatedMethod("t.CkptGrad", "settle")).contains(
        "while (iterations >= checkpointAfter && k < n) {");
  }

  @Test
  void aFixedCountOrAnArrayWrittenKeepsTheLoopAsItWas() {
    assertThat(compiled.generatedMethod("t.CkptGrad", "fixed")).doesNotContain("checkpoint");
    assertThat(compiled.generatedMethod("t.CkptGrad", "writesAnArray"))
        .doesNotContain("checkpoint");
    compiled.checkAt("t.Ckpt", "t.CkptGrad", "fixed", 3.1, 0.3);
    compiled.checkAt("t.Ckpt", "t.CkptGrad", "writesAnArray", 3.1, 12);
  }

  @Test
  void theTapeGrowsWithTheSquareRootOfTheIterations() throws Exception {
    // a thread of its own, so that its tape holds what this call needed and nothing before it
    long[] bytes = new long[1];
    double[] dr = new double[1];
    Thread thread = new Thread(() -> {
      double[] result = compiled.gradientAt("t.CkptGrad", "orbit", 2, 3.1, 0.3, 1_000_000);
      dr[0] = result[1];
      bytes[0] = retainedBytes(Tape.get());
    });
    thread.start();
    thread.join();
    assertThat(Double.isFinite(dr[0])).isTrue();
    // saving on every iteration would take 3 doubles each, 24 MB; segments of 1, 3, 5, ...
    // iterations need about 1 000 checkpoints of 4 values and the longest segment's 6 000 saves
    assertThat(bytes[0]).isLessThan(256 * 1024);
  }

  private static long retainedBytes(Tape tape) {
    try {
      Method retained = Tape.class.getDeclaredMethod("retainedBytes");
      retained.setAccessible(true);
      return (long) retained.invoke(tape);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
