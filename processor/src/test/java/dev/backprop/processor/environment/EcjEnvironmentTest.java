package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.diagnostics;
import static dev.backprop.processor.environment.Fixtures.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Eclipse and VS Code compile with ECJ, which has no compiler tree API. The stand-in is an
 * environment that is neither javac's nor a wrapper the processor can open: the user gets one
 * clear error, on the first annotated method, and nothing is generated.
 */
class EcjEnvironmentTest {

  private static final JavaFileObject FIRST = source("p.First", """
      package p;

      import dev.backprop.Differentiable;

      final class First {
        private First() {}

        @Differentiable static double square(double x) { return x * x; }

        @Differentiable static double cube(double x) { return x * x * x; }
      }
      """);

  private static final JavaFileObject SECOND = source("p.Second", """
      package p;

      import dev.backprop.Differentiable;

      final class Second {
        private Second() {}

        @Differentiable static double twice(double x) { return 2 * x; }
      }
      """);

  private static Compilation compileWithoutTreeApi(JavaFileObject... sources) {
    return compile(
        new WrappingProcessor(new DifferentiableProcessor(), EcjStyleEnvironment::new), sources);
  }

  @Test
  void reportsOneClearErrorOnTheFirstAnnotatedMethod() {
    // compile() would rethrow anything the processor threw: getting here means it threw nothing.
    Compilation compilation = compileWithoutTreeApi(FIRST, SECOND);

    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertWithMessage(diagnostics(compilation)).that(compilation.errors()).hasSize(1);
    Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    String message = error.getMessage(Locale.ROOT);
    assertThat(message).startsWith("[backprop:no-tree-api]");
    assertThat(message).contains("ECJ");
    assertThat(message).contains("Maven");
    assertThat(message).contains("Gradle");
    assertThat(error.getSource()).isSameInstanceAs(FIRST);
    assertThat(error.getLineNumber()).isEqualTo(8);
  }

  @Test
  void reportsNothingElseAndGeneratesNothing() {
    List<RecordingFiler> filers = new ArrayList<>();
    Compilation compilation = compile(
        new WrappingProcessor(new DifferentiableProcessor(), env -> {
          RecordingFiler filer = new RecordingFiler(env.getFiler());
          filers.add(filer);
          return new EcjStyleEnvironment(env, filer);
        }),
        FIRST, SECOND);

    assertWithMessage(diagnostics(compilation)).that(compilation.diagnostics()).hasSize(1);
    assertThat(filers).hasSize(1);
    assertThat(filers.get(0).sourceFiles()).isEmpty();
    assertThat(filers.get(0).otherFiles()).isEmpty();
  }

  @Test
  void noAnnotatedMethodNoError() {
    Compilation compilation = compileWithoutTreeApi(source("p.Plain", """
        package p;

        final class Plain {
          private Plain() {}

          static double square(double x) { return x * x; }
        }
        """));

    assertWithMessage(diagnostics(compilation)).that(compilation.diagnostics()).isEmpty();
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
  }
}
