package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static dev.backprop.processor.environment.Fixtures.assertCleanSuccess;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.generatedSource;
import static dev.backprop.processor.environment.Fixtures.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import org.junit.jupiter.api.Test;

/**
 * A gradient exists exactly as long as its annotated method: recompiling after deleting the
 * method (or its annotation) leaves no trace of it in the generated class.
 */
class RemovedMethodTest {

  private static final String BEFORE = """
      package p;

      import dev.backprop.Differentiable;

      final class Shapes {
        private Shapes() {}

        @Differentiable static double area(double w, double h) { return w * h; }

        @Differentiable static double perimeter(double w, double h) { return 2 * (w + h); }
      }
      """;

  private static Compilation compileShapes(String text) {
    Compilation compilation = compile(new DifferentiableProcessor(), source("p.Shapes", text));
    assertCleanSuccess(compilation);
    return compilation;
  }

  @Test
  void deletedMethodLosesItsGradient() {
    String before = generatedSource(compileShapes(BEFORE), "p.ShapesGrad");
    assertThat(before).contains("static double perimeter(");
    assertThat(before).contains("perimeterPullback(");

    String without = BEFORE.replace(
        "  @Differentiable static double perimeter(double w, double h) { return 2 * (w + h); }\n",
        "");
    assertThat(without).doesNotContain("perimeter");

    String after = generatedSource(compileShapes(without), "p.ShapesGrad");
    assertThat(after).doesNotContain("perimeter");
    assertThat(after).contains("static double area(");
  }

  @Test
  void methodThatLosesItsAnnotationLosesItsGradient() {
    String without = BEFORE.replace(
        "@Differentiable static double perimeter", "static double perimeter");
    assertThat(without).isNotEqualTo(BEFORE);

    String after = generatedSource(compileShapes(without), "p.ShapesGrad");
    assertThat(after).doesNotContain("perimeter");
    assertThat(after).contains("static double area(");
  }

  @Test
  void classWithNoAnnotatedMethodLeftHasNoGradientClass() {
    String without = BEFORE.replace("@Differentiable ", "");
    assertThat(without).doesNotContain("@Differentiable");

    Compilation compilation = compileShapes(without);
    assertThat(compilation.generatedSourceFile("p.ShapesGrad").isPresent()).isFalse();
    assertThat(compilation.generatedSourceFiles()).isEmpty();
  }
}
