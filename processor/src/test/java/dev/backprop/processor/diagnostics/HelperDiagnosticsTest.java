package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A helper without {@code @Differentiable} that cannot be differentiated: the error points into
 * the helper, once however many methods call it, and each call says why it fails.
 */
class HelperDiagnosticsTest {

  private static final JavaFileObject HELPERS = source("p.Helpers", """
      package p;

      import dev.backprop.Differentiable;

      final class Helpers {
        private static double clipped(double x, int mode) {
          switch (mode) {
            case 0:
              return Math.max(0, x);
            default:
              return x;
          }
        }

        private static double countdown(double x, int n) {
          return n == 0 ? x : 2 * countdown(x, n - 1);
        }

        @Differentiable
        static double first(double x) {
          return clipped(x, 0) * x;
        }

        @Differentiable
        static double second(double x) {
          return clipped(x * x, 1);
        }

        @Differentiable
        static double recursive(double x) {
          return countdown(x, 3);
        }

        @Differentiable
        static double fine(double x) {
          return x * x;
        }
      }
      """);

  private static Compilation helpers() {
    return compile(HELPERS).compilation();
  }

  @Test
  void theErrorPointsIntoTheHelperOnce() {
    assertThat(helpers()).hadErrorContaining("[backprop:switch] switch is not supported")
        .inFile(HELPERS).onLineContaining("switch (mode) {");
    assertWithMessage(Diagnostics.listing(helpers()))
        .that(compile(HELPERS).errorsBetween(HELPERS, "switch (mode) {", "return x;"))
        .hasSize(1);
  }

  @Test
  void eachCallSaysWhyItFails() {
    assertThat(helpers()).hadErrorContaining("[backprop:callee-error] clipped cannot be "
        + "differentiated (see its error), so neither can this call")
        .inFile(HELPERS).onLineContaining("return clipped(x, 0) * x;");
    assertThat(helpers()).hadErrorContaining("[backprop:callee-error] clipped")
        .inFile(HELPERS).onLineContaining("return clipped(x * x, 1);");
  }

  @Test
  void aRecursiveHelperIsRecursion() {
    assertThat(helpers()).hadErrorContaining("[backprop:recursion] recursive call of countdown "
        + "is not supported")
        .inFile(HELPERS).onLineContaining("2 * countdown(x, n - 1)");
  }

  @Test
  void theOtherMethodsAreGenerated() {
    String generated = compile(HELPERS).generatedSource("p.HelpersGrad");
    assertThat(generated).contains("static double fine(double x, double[] grad)");
    assertThat(generated).doesNotContain("first");
    assertWithMessage(Diagnostics.listing(helpers())).that(helpers().errors()).hasSize(5);
  }
}
