package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
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
    assertThat(compiled.generatedSource("t.IdxGrad")).contains("tape.zeros(Math.max(n, 3) - 3)");
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
