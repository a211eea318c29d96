package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.processor.testing.CompiledGradients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A loop that runs more than {@code Integer.MAX_VALUE} times: the backward sweep runs as many
 * iterations as the forward one, not that count modulo 2^32, and a value saved on each
 * iteration goes into checkpoints, where the tape (a Java array) could not hold 2^31 of them.
 */
class LongLoopsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Many {
        @Differentiable
        static double repeated(double x, double r, long n) {
          double s = 0;
          double p = 1;
          long i = 0;
          while (i < n) {
            s += x;
            p = p * r;
            i++;
          }
          return s + p;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Many", SOURCE);
  }

  @Test
  void theIterationsAreCountedInALong() {
    String generated = compiled.generatedSource("t.ManyGrad");
    assertThat(generated).contains("long iterations = 0;");
    assertThat(generated).contains("for (long iteration = end; iteration > 0;");
    assertThat(generated).contains("start = tape.popLong();");
  }

  @Test
  void moreThanIntegerMaxValueIterationsAreAllReversed() {
    long n = (1L << 31) + 5; // an int count would wrap to -2147483643 and reverse none
    // p = p * r needs the old p on every iteration. With r = 1 every value is exact, in a double
    // that holds integers to 2^53: d/dx = n, and d/dr = n r^(n - 1) = n
    double[] valueAndGradient = compiled.gradientAt("t.ManyGrad", "repeated", 2, 1.0, 1.0, n);
    assertEquals(n + 1.0, valueAndGradient[0], 0.0);
    assertEquals((double) n, valueAndGradient[1], 0.0);
    assertEquals((double) n, valueAndGradient[2], 0.0);
  }
}
