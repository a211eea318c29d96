package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compileWith;
import static dev.backprop.processor.diagnostics.Diagnostics.source;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The checks {@link Diagnostics} runs on every input do catch what they are meant to. */
class DiagnosticsSelfTest {

  private static final JavaFileObject SQUARE = source("p.Square", """
      package p;

      import dev.backprop.Differentiable;

      final class Square {
        @Differentiable
        static double of(double x) {
          return x * x;
        }
      }
      """);

  /** Stands in for a processor with a bug. */
  abstract static class FaultyProcessor extends AbstractProcessor {
    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("dev.backprop.Differentiable");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }
  }

  static final class ThrowingProcessor extends FaultyProcessor {
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!annotations.isEmpty()) {
        throw new IllegalStateException("bug");
      }
      return false;
    }
  }

  static final class BrokenOutputProcessor extends FaultyProcessor {
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!annotations.isEmpty()) {
        try (Writer out = processingEnv.getFiler().createSourceFile("p.SquareGrad").openWriter()) {
          out.write("package p;\nfinal class SquareGrad { double of() { return undefined; } }\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void aProcessorThatThrowsFailsTheTest() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> compileWith(ThrowingProcessor::new, SQUARE));
    assertThat(e).hasMessageThat().contains("threw");
  }

  @Test
  void generatedCodeThatDoesNotCompileFailsTheTest() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> compileWith(BrokenOutputProcessor::new, SQUARE));
    assertThat(e).hasMessageThat().contains("cannot find symbol");
  }
}
