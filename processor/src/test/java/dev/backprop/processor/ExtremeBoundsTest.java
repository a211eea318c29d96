package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.CompiledGradients;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Counted loops at the ends of {@code int}: a loop that starts at {@code Integer.MIN_VALUE} is
 * reversed down to it and no further (its reversed loop's {@code i--} would wrap to
 * {@code Integer.MAX_VALUE}, which is still {@code >= Integer.MIN_VALUE}: it never ended).
 */
class ExtremeBoundsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Ends {
        @Differentiable
        static double from(double x, int a, int b) {
          double s = x;
          for (int i = a; i < b; i++) {
            s = Math.sin(s) + x * (i % 3);
          }
          return s;
        }

        @Differentiable
        static double through(double x, int a, int b) {
          double s = x;
          for (int i = a; i <= b; i++) {
            s = s * x + (i & 1);
          }
          return s;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Ends", SOURCE);
  }

  @Test
  void aLoopFromIntegerMinValueEnds() {
    int min = Integer.MIN_VALUE;
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int count : new int[] {0, 1, 2, 3, 5, 9}) {
        compiled.checkAt("t.Ends", "t.EndsGrad", "from", 0.7, min, min + count);
        compiled.checkAt("t.Ends", "t.EndsGrad", "through", 0.9, min, min + count);
        compiled.checkAt("t.Ends", "t.EndsGrad", "from", 0.7, -2, -2 + count);
      }
    });
    // the reversed loop also tests the forward loop's bound, which stops it at the wrap
    assertThat(compiled.generatedMethod("t.EndsGrad", "from")).contains("i >= a && i < b;");
  }
}
