package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.backprop.processor.environment.Fixtures.assertCleanSuccess;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.generatedSource;
import static dev.backprop.processor.environment.Fixtures.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Builds with {@code -Xlint:all -Werror} must stay green: no warning or note from the processor
 * or from the code it generates, whatever source level and whatever other processors run.
 */
class LintAndWerrorTest {

  /** Locals, if / else, ?:, an int constant, wrt, a constant field and a differentiable call. */
  static final JavaFileObject MODEL = source("p.Model", """
      package p;

      import dev.backprop.Differentiable;

      public final class Model {
        static final double SCALE = 0.5;

        private Model() {}

        @Differentiable
        public static double sigmoid(double z) {
          return 1 / (1 + Math.exp(-z));
        }

        @Differentiable(wrt = {"w", "b"})
        public static double loss(double w, double b, double x, double target, int power) {
          double z = w * x + b;
          double y = sigmoid(z);
          double err = y - target;
          if (err > 0) {
            err *= SCALE;
          } else {
            err = -err;
          }
          double penalty = power > 1 ? Math.pow(w, 2) : Math.abs(w);
          return err * err + 0.01 * penalty + Math.max(0, b) / power;
        }
      }
      """);

  @Test
  void cleanRunHasNoDiagnosticAtAll() {
    Compilation compilation = compile(new DifferentiableProcessor(), MODEL);

    assertCleanSuccess(compilation);
    assertThat(compilation.diagnostics()).isEmpty();
    assertThat(generatedSource(compilation, "p.ModelGrad")).contains("lossPullback(");
  }

  @Test
  void cleanRunWithRelease17HasNoDiagnosticAtAll() {
    Compilation compilation = javac()
        .withProcessors(new DifferentiableProcessor())
        .withOptions("--release", "17", "-Xlint:all", "-Werror")
        .compile(MODEL);

    assertCleanSuccess(compilation);
    assertThat(compilation.diagnostics()).isEmpty();
  }

  @Test
  void supportsTheLatestSourceVersion() {
    assertThat(new DifferentiableProcessor().getSupportedSourceVersion())
        .isEqualTo(SourceVersion.latestSupported());
  }

  @Test
  void declaresNoOptions() {
    assertThat(new DifferentiableProcessor().getSupportedOptions()).isEmpty();
  }

  @Test
  void worksAfterAnotherProcessorThatSupportsEverything() {
    EverythingProcessor other = new EverythingProcessor();
    Compilation compilation = compile(List.of(other, new DifferentiableProcessor()), MODEL);

    assertCleanSuccess(compilation);
    assertThat(generatedSource(compilation, "p.ModelGrad")).contains("lossPullback(");
    assertThat(other.rounds).isAtLeast(1);
  }

  @Test
  void worksBeforeAnotherProcessorThatSupportsEverything() {
    EverythingProcessor other = new EverythingProcessor();
    Compilation compilation = compile(List.of(new DifferentiableProcessor(), other), MODEL);

    assertCleanSuccess(compilation);
    assertThat(generatedSource(compilation, "p.ModelGrad")).contains("lossPullback(");
    // Whether the other processor gets to run at all: see EnvironmentRegressionsTest.
  }

  @Test
  void worksNextToAnotherProcessorWhenOtherAnnotationsArePresent() {
    EverythingProcessor other = new EverythingProcessor();
    Compilation compilation = compile(List.of(new DifferentiableProcessor(), other),
        source("p.Annotated", """
            package p;

            import dev.backprop.Differentiable;

            @Deprecated
            final class Annotated {
              private Annotated() {}

              @Differentiable static double square(double x) { return x * x; }
            }
            """));

    assertCleanSuccess(compilation);
    assertThat(generatedSource(compilation, "p.AnnotatedGrad")).contains("squarePullback(");
    assertThat(other.rounds).isAtLeast(1);
    assertThat(other.rootElements).contains("p.Annotated");
  }

  /**
   * Why the processor claims its annotations although DESIGN.md says it claims nothing: an
   * annotation no processor claims is an {@code -Xlint:processing} warning, which {@code
   * -Werror} turns into a failed build. (See EnvironmentRegressionsTest for the other side.)
   */
  @Test
  void notClaimingWouldBreakXlintAllWerrorBuilds() {
    Compilation compilation = compile(new WrappingProcessor(
            new DifferentiableProcessor(), UnaryOperator.identity()) {
          @Override
          public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            super.process(annotations, round);
            return false;
          }
        },
        MODEL);

    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(Fixtures.diagnostics(compilation))
        .contains("No processor claimed any of these annotations");
  }

  /** Supports "*", claims nothing, records what it saw. */
  static final class EverythingProcessor extends AbstractProcessor {
    int rounds;
    final List<String> rootElements = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      rounds++;
      round.getRootElements().forEach(e -> rootElements.add(
          e instanceof TypeElement ? ((TypeElement) e).getQualifiedName().toString()
              : e.toString()));
      return false;
    }
  }
}
