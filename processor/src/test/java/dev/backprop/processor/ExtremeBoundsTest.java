package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Counted loops at the ends of {@code int}: a loop that starts at {@code Integer.MIN_VALUE} is
 * reversed down to it and no further (its reversed loop's {@code i--} would wrap to
 * {@code Integer.MAX_VALUE}, which is still {@code >= Integer.MIN_VALUE}: it never ended);
 * one that ends at {@code b = Integer.MIN_VALUE} runs no iteration backward ({@code b - 1} is
 * {@code Integer.MAX_VALUE}).
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

        @Differentiable
        static double to(double x, int b) {
          double s = x;
          for (int i = 0; i < b; i++) {
            s = Math.sin(s) + x * (i % 3);
          }
          return s;
        }

        @Differentiable
        static double toTwice(double x, int b) {
          double s = x;
          for (int k = 0; k < 2; k++) {
            for (int i = 0; i < b; i++) {
              s = Math.sin(s) + x * (i % 3);
            }
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

  @Test
  void aLoopToIntegerMinValueRunsNoIterationBackward() {
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int b : new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1, 0, 1, 2, 7}) {
        // checkpointed (top level) and saved on every iteration (in another loop)
        compiled.checkAt("t.Ends", "t.EndsGrad", "to", 0.7, b);
        compiled.checkAt("t.Ends", "t.EndsGrad", "toTwice", 0.7, b);
      }
    });
    // b - 1 wraps to Integer.MAX_VALUE when b is Integer.MIN_VALUE: the forward test stops it
    assertThat(compiled.generatedMethod("t.EndsGrad", "toTwice")).contains("i >= 0 && i < b;");
  }

  @Test
  void aLoopToALengthNeedsNoSecondTest() {
    CompiledGradients lengths = CompiledGradients.compile("t.Lengths", """
        package t;

        import dev.backprop.Differentiable;

        final class Lengths {
          @Differentiable
          static double sum(double[] x) {
            int n = x.length;
            double s = 0;
            for (int k = 0; k < 2; k++) {
              for (int i = 0; i < n; i++) {
                s = s * x[i] + x[i];
              }
              for (int i = 0; i < x.length; i++) {
                s = s * x[i] - 1;
              }
            }
            return s;
          }
        }
        """);
    new ArrayGradients(lengths, "t.Lengths", "t.LengthsGrad", "sum",
        new Object[] {new double[] {0.3, -0.8, 1.1}}, new int[0], new int[] {0}).check();
    assertThat(lengths.generatedMethod("t.LengthsGrad", "sum")).contains("i >= 0; i--");
    assertThat(lengths.generatedMethod("t.LengthsGrad", "sum")).doesNotContain("&& i < n");
  }
}
