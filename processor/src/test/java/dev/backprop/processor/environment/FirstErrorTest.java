package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.diagnostics;
import static dev.backprop.processor.environment.Fixtures.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * When a method cannot be differentiated, the positioned backprop error is the first thing the
 * user reads, not a cascade of "cannot find symbol ...Grad".
 */
class FirstErrorTest {

  private static final JavaFileObject NOT_STATIC = source("p.A", """
      package p;

      import dev.backprop.Differentiable;

      public final class A {
        private A() {}

        @Differentiable public double f(double x) { return x * x; }
      }
      """);

  private static void assertFirstErrorIsOurs(Compilation compilation) {
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    Diagnostic<? extends JavaFileObject> first = compilation.errors().get(0);
    assertWithMessage(diagnostics(compilation))
        .that(first.getMessage(Locale.ROOT)).startsWith("[backprop:not-static]");
    assertThat(first.getSource()).isSameInstanceAs(NOT_STATIC);
    assertThat(first.getLineNumber()).isEqualTo(8);
  }

  @Test
  void callOfTheMissingGradientInAMethodBodyAddsNoError() {
    Compilation compilation = compile(new DifferentiableProcessor(), NOT_STATIC,
        source("p.B", """
            package p;

            final class B {
              private B() {}

              static double use() { return AGrad.f(1.0, new double[1]); }
            }
            """));

    assertFirstErrorIsOurs(compilation);
    assertWithMessage(diagnostics(compilation)).that(compilation.errors()).hasSize(1);
  }

  @Test
  void missingMethodOfAGeneratedGradientClassAddsNoError() {
    JavaFileObject mixed = source("p.A", """
        package p;

        import dev.backprop.Differentiable;

        public final class A {
          private A() {}

          @Differentiable public double f(double x) { return x * x; }

          @Differentiable public static double g(double x) { return x * x; }
        }
        """);
    Compilation compilation = compile(new DifferentiableProcessor(), mixed,
        source("p.B", """
            package p;

            final class B {
              private B() {}

              static double use() {
                return AGrad.f(1.0, new double[1]) + AGrad.g(1.0, new double[1]);
              }
            }
            """));

    assertWithMessage(diagnostics(compilation)).that(compilation.errors()).hasSize(1);
    assertThat(compilation.errors().get(0).getMessage(Locale.ROOT))
        .startsWith("[backprop:not-static]");
  }

  @Test
  void importOfTheMissingGradientClassComesAfterOurError() {
    Compilation compilation = compile(new DifferentiableProcessor(), NOT_STATIC,
        source("q.B", """
            package q;

            import p.AGrad;

            final class B {
              private B() {}

              static double use() { return AGrad.f(1.0, new double[1]); }
            }
            """));

    assertFirstErrorIsOurs(compilation);
  }
}
