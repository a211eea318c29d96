package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.processor.testing.CompiledGradients;
import java.lang.reflect.Method;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code StopGradient.of(x)} has the value of {@code x} and no gradient: each gradient here is
 * checked against central differences of the function with the stopped value held at what it is
 * at the point (not of the function itself, whose stopped value moves).
 */
class StopGradientTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;
      import dev.backprop.StopGradient;

      final class Stopped {
        /** A target that moves with w, as in a temporal-difference update. */
        @Differentiable
        static double toward(double w, double x) {
          double target = StopGradient.of(2 * w);
          double e = w * x - target;
          return e * e;
        }

        /** A softmax's normaliser held fixed, inside a loop. */
        @Differentiable
        static double fixedNormaliser(double[] z) {
          double sum = 0;
          for (int i = 0; i < z.length; i++) {
            sum += Math.exp(z[i]);
          }
          double held = StopGradient.of(sum);
          double out = 0;
          for (int i = 0; i < z.length; i++) {
            out += Math.exp(z[i]) / held * z[i];
          }
          return out;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Stopped", SOURCE);
  }

  @Test
  void theStoppedValueIsAConstantOfTheBackwardSweep() {
    for (double[] p : new double[][] {{0.5, 1.5}, {-1.2, 0.3}, {2.0, -0.7}}) {
      double w = p[0];
      double x = p[1];
      double[] g = compiled.gradientAt("t.StoppedGrad", "toward", 2, w, x);
      double target = 2 * w;
      assertEquals(Math.pow(w * x - target, 2), g[0], 0); // the value as the method's
      assertEquals(central(v -> Math.pow(v * x - target, 2), w), g[1], 1e-7);
      assertEquals(central(v -> Math.pow(w * v - target, 2), x), g[2], 1e-7);
      assertEquals(2 * (w * x - target) * x, g[1], 1e-12);
    }
  }

  @Test
  void inALoopToo() throws Exception {
    double[] z = {0.3, -1.1, 0.8, 0.05};
    double sum = 0;
    for (double v : z) {
      sum += Math.exp(v);
    }
    double held = sum;
    double[] dz = new double[z.length];
    Method plain = null;
    for (Method m : compiled.load("t.StoppedGrad").getDeclaredMethods()) {
      if (m.getName().equals("fixedNormaliser")) {
        plain = m;
      }
    }
    plain.setAccessible(true);
    plain.invoke(null, z.clone(), dz);
    for (int i = 0; i < z.length; i++) {
      int at = i;
      DoubleUnaryOperator withHeld = v -> {
        double[] moved = z.clone();
        moved[at] = v;
        double out = 0;
        for (double m : moved) {
          out += Math.exp(m) / held * m;
        }
        return out;
      };
      assertEquals(central(withHeld, z[i]), dz[i], 1e-7);
    }
  }

  @Test
  void theGeneratedCodeShowsTheCall() {
    assertThat(compiled.generatedSource("t.StoppedGrad"))
        .contains("double target = StopGradient.of(2 * w);");
  }

  @Test
  void whatFlowsOnlyIntoItGetsNoAdjoint() {
    // sum feeds only the stopped value: its loop has no backward part
    String source = compiled.generatedSource("t.StoppedGrad");
    String first = source.substring(source.indexOf("static double fixedNormaliser("),
        source.indexOf("double held = StopGradient.of(sum);"));
    assertThat(first).doesNotContain("dz[i]");
    assertThat(first).doesNotContain("dsum");
  }

  private static double central(DoubleUnaryOperator f, double at) {
    double h = 1e-6;
    return (f.applyAsDouble(at + h) - f.applyAsDouble(at - h)) / (2 * h);
  }
}
