package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.processor.testing.CompiledGradients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A loop that runs more than {@code Integer.MAX_VALUE} times: the backward sweep runs as many
 * iterations as the forward one, not that count modulo 2^32.
 */
class LongLoopsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Many {
        @Differentiable
        static double repeated(double x, long n) {
          double s = 0;
          long i = 0;
          while (i < n) {
            s += x;
            i++;
          }
          return s;
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
    assertThat(generated).contains("for (long iteration = iterations; iteration > 0;");
  }

  @Test
  void moreThanIntegerMaxValueIterationsAreAllReversed() {
    long n = (1L << 31) + 5; // an int count would wrap to -2147483643 and reverse none
    double[] valueAndGradient = compiled.gradientAt("t.ManyGrad", "repeated", 1, 1.0, n);
    // each iteration adds 1 * ds to dx, exactly, in a double that holds integers to 2^53
    assertEquals((double) n, valueAndGradient[1], 0.0);
  }
}
