package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static dev.backprop.processor.environment.Fixtures.assertCleanSuccess;
import static dev.backprop.processor.environment.Fixtures.assertNeuronGradient;
import static dev.backprop.processor.environment.Fixtures.circuits;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.generatedSource;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @javax.annotation.processing.Generated} lives in module java.compiler: the generated
 * class carries it (processor name, no date) wherever the user's code can read that module, and
 * leaves it out otherwise so that a named module still compiles.
 */
class GeneratedAnnotationTest {

  static final String GENERATED =
      "@Generated(\"dev.backprop.processor.DifferentiableProcessor\")";

  @TempDir
  Path dir;

  @Test
  void unnamedModuleGetsGeneratedWithProcessorNameAndNoDate() {
    Compilation compilation = compile(new DifferentiableProcessor(), circuits());

    assertCleanSuccess(compilation);
    String generated = generatedSource(compilation, "p.CircuitsGrad");
    assertThat(generated).contains("import javax.annotation.processing.Generated;");
    assertThat(generated).contains(GENERATED + "\npublic final class CircuitsGrad");
    assertThat(generated).doesNotContain("date");
  }

  @Test
  void namedModuleWithoutJavaCompilerCompilesWithoutGenerated() throws IOException {
    DiskCompilation compilation = DiskCompilation.module(dir, """
        module demo {
          requires static backprop.runtime;
        }
        """);

    compilation.assertCleanSuccess();
    String generated = compilation.generatedSource("p.CircuitsGrad");
    assertThat(generated).doesNotContain("@Generated");
    assertThat(generated).doesNotContain("javax.annotation.processing");
    assertThat(generated).contains("public final class CircuitsGrad");
    assertNeuronGradient(compilation.load("p.CircuitsGrad"));
  }

  @Test
  void namedModuleRequiringJavaCompilerGetsGenerated() throws IOException {
    DiskCompilation compilation = DiskCompilation.module(dir, """
        module demo {
          requires static backprop.runtime;
          requires java.compiler;
        }
        """);

    compilation.assertCleanSuccess();
    assertThat(compilation.generatedSource("p.CircuitsGrad"))
        .contains(GENERATED + "\npublic final class CircuitsGrad");
  }

  @Test
  void namedModuleRequiringJavaCompilerStaticallyGetsGenerated() throws IOException {
    DiskCompilation compilation = DiskCompilation.module(dir, """
        module demo {
          requires static backprop.runtime;
          requires static java.compiler;
        }
        """);

    compilation.assertCleanSuccess();
    assertThat(compilation.generatedSource("p.CircuitsGrad"))
        .contains(GENERATED + "\npublic final class CircuitsGrad");
  }
}
