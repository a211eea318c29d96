package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gradient class's name: taken by the user's own type, or by two source classes. */
class GradientClassDiagnosticsTest {

  private static final JavaFileObject LOSS = source("p.Loss", """
      package p;

      import dev.backprop.Differentiable;

      final class Loss {
        @Differentiable
        static double squared(double e) {
          return e * e;
        }
      }
      """);

  /** What a user wrote by hand before trying the processor. */
  private static final JavaFileObject HANDWRITTEN_GRADIENT = source("p.LossGrad", """
      package p;

      final class LossGrad {
        private LossGrad() {}

        static double squared(double e, double[] grad) {
          grad[0] = 2 * e;
          return e * e;
        }
      }
      """);

  /** p.Outer.Inner and p.Outer_Inner both map to p.Outer_InnerGrad. */
  private static final JavaFileObject FLATTENED = source("p.Outer", """
      package p;

      import dev.backprop.Differentiable;

      final class Outer {
        static final class Inner {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        }
      }

      final class Outer_Inner {
        @Differentiable
        static double g(double x) {
          return x + x;
        }
      }
      """);

  @Test
  void aTypeOfTheUsersNamedLikeTheGradientClass() {
    Diagnostics.Compiled compiled = compile(LOSS, HANDWRITTEN_GRADIENT);
    Compilation c = compiled.compilation();
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[backprop:name-clash] a type named p.LossGrad already "
            + "exists, so the gradient class of Loss cannot be generated; rename that type")
        .inFile(LOSS).onLineContaining("final class Loss {");
    assertThat(c).hadErrorCount(1);
    assertThat(compiled.generated()).isEmpty();
  }

  @Test
  void twoClassesThatWouldShareAGradientClass() {
    Diagnostics.Compiled compiled = compile(FLATTENED);
    Compilation c = compiled.compilation();
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[backprop:name-clash] p.Outer.Inner and p.Outer_Inner would "
            + "both get the gradient class p.Outer_InnerGrad; rename one of them")
        .inFile(FLATTENED).onLineContaining("final class Outer_Inner {");
    assertThat(c).hadErrorCount(1);
    assertThat(compiled.generatedSource("p.Outer_InnerGrad")).contains("static double f(");
  }

  /**
   * A build that compiles into the directory it also has on its class path (plain {@code javac
   * -d out -cp out}, an IDE) finds the previous build's LossGrad.class there: that is our own
   * output, regenerated, not a clash.
   */
  @Test
  void rebuildWithThePreviousOutputOnTheClassPath(@TempDir Path previousOutput) {
    Compilation first = javac().withProcessors(new DifferentiableProcessor()).compile(LOSS);
    assertThat(first).succeeded();
    Diagnostics.writeClassFiles(first, previousOutput);
    assertThat(Files.exists(previousOutput.resolve("p/LossGrad.class"))).isTrue();

    Compilation second = javac()
        .withProcessors(new DifferentiableProcessor())
        .withClasspath(List.of(previousOutput.toFile(), Diagnostics.runtimeJar()))
        .compile(LOSS);
    assertWithMessage(Diagnostics.listing(second)).that(second.diagnostics()).isEmpty();
    assertThat(second).generatedSourceFile("p.LossGrad").contentsAsUtf8String()
        .contains("static double squared(double e, double[] grad)");
  }
}
