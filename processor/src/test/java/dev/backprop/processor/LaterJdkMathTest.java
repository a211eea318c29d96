package dev.backprop.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.processor.testing.CompiledGradients;
import org.junit.jupiter.api.Test;

/**
 * The {@code Math} functions of Java 21 and later, where the build's JDK has them (the build also
 * runs on JDK 25): {@code clamp} hands the gradient to whichever of its three arguments it
 * returns, and the integer functions carry none.
 */
class LaterJdkMathTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Later {
        @Differentiable static double clamp(double v, double lo, double hi) {
          return Math.clamp(v * v, lo, hi) * 2;
        }
        @Differentiable static double integers(double x, int k) {
          return (Math.ceilDiv(k, 2) + Math.ceilMod(k, 2) + Math.clamp(k, 0, 9)) * x;
        }
      }
      """;

  @Test
  void clampAndTheIntegerFunctions() {
    assumeTrue(Runtime.version().feature() >= 21, "Math.clamp is in Java 21");
    CompiledGradients compiled = CompiledGradients.compileForRelease("21", "t.Later", SOURCE);
    compiled.check("t.Later", "t.LaterGrad", "integers", 0.1, 0.9, 4, 3);
    // inside: the value's; below: lo's; above: hi's
    assertArrayEquals(new double[] {0.5, 2, 0, 0},
        compiled.gradientAt("t.LaterGrad", "clamp", 3, 0.5, 0.0, 1.0), 0);
    assertArrayEquals(new double[] {0.6, 0, 2, 0},
        compiled.gradientAt("t.LaterGrad", "clamp", 3, 0.5, 0.3, 1.0), 0);
    assertArrayEquals(new double[] {0.2, 0, 0, 2},
        compiled.gradientAt("t.LaterGrad", "clamp", 3, 0.5, 0.0, 0.1), 0);
    for (double v : new double[] {0.3, 0.6, 0.9}) {
      compiled.checkAt("t.Later", "t.LaterGrad", "clamp", v, 0.2, 0.5);
    }
  }
}
