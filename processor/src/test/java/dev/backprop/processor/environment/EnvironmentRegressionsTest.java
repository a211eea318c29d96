package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.diagnostics;
import static dev.backprop.processor.environment.Fixtures.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environment bugs found and fixed, kept so they stay fixed. */
class EnvironmentRegressionsTest {

  @TempDir
  Path dir;

  /**
   * DESIGN.md: @Generated goes "only where the user's module can read java.compiler". A module
   * that requires java.se reads java.compiler, because java.se requires it transitively.
   */
  @Test
  void namedModuleReadingJavaCompilerThroughJavaSeGetsGenerated() throws IOException {
    DiskCompilation compilation = DiskCompilation.module(dir, """
        module demo {
          requires static backprop.runtime;
          requires java.se;
        }
        """);

    compilation.assertCleanSuccess();
    assertThat(compilation.generatedSource("p.CircuitsGrad"))
        .contains(GeneratedAnnotationTest.GENERATED + "\npublic final class CircuitsGrad");
  }

  /**
   * {@code p.Outer.Inner} and a top-level {@code p.Outer_Inner} both map to {@code
   * p.Outer_InnerGrad}: one positioned error that says the two classes' gradient names clash
   * (what to rename), no javac warning, no internal error.
   */
  @Test
  void nestedAndTopLevelClassWithTheSameGradientNameGetAClearError() {
    Compilation compilation = compile(new DifferentiableProcessor(),
        source("p.Outer", """
            package p;

            import dev.backprop.Differentiable;

            public final class Outer {
              private Outer() {}

              public static final class Inner {
                private Inner() {}

                @Differentiable public static double f(double x) { return x * x; }
              }
            }
            """),
        source("p.Outer_Inner", """
            package p;

            import dev.backprop.Differentiable;

            public final class Outer_Inner {
              private Outer_Inner() {}

              @Differentiable public static double g(double x) { return x * x; }
            }
            """));

    assertClearNameClashError(compilation, "Outer_InnerGrad");
  }

  /**
   * An incremental compile that recompiles only the changed source and has the previous output
   * on the class path (plain javac / Ant, IDE builders that do not delete generated classes
   * first): the stale {@code p.ShapesGrad.class} is our own output, not a user's class of that
   * name, so the gradient class is regenerated without the deleted method.
   */
  @Test
  void recompilingWithThePreviousOutputOnTheClassPathRegenerates()
      throws IOException, URISyntaxException {
    List<String> options = RemovedMethodTest.classPathWithPreviousOutput(dir);
    DiskCompilation first =
        DiskCompilation.compile(dir, Map.of("p/Shapes.java", RemovedMethodTest.BEFORE), options);
    first.assertCleanSuccess();

    DiskCompilation second = DiskCompilation.compile(
        dir, Map.of("p/Shapes.java", RemovedMethodTest.withoutPerimeter()), options);
    second.assertSuccess();
    assertThat(second.generatedSource("p.ShapesGrad")).doesNotContain("perimeter");
    assertThat(second.generatedSource("p.ShapesGrad")).contains("areaPullback(");
  }

  static void assertClearNameClashError(Compilation compilation, String gradientClass) {
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertWithMessage(diagnostics(compilation)).that(compilation.warnings()).isEmpty();
    assertWithMessage(diagnostics(compilation)).that(compilation.errors()).hasSize(1);
    Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    assertThat(error.getSource()).isNotNull();
    String message = error.getMessage(Locale.ROOT);
    assertThat(message).startsWith("[backprop:");
    assertThat(message).doesNotContain("[backprop:internal]");
    assertThat(message).doesNotContain("FilerException");
    assertThat(message).contains(gradientClass);
  }
}
