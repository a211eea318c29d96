package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static dev.backprop.processor.environment.Fixtures.assertCleanSuccess;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.generatedSource;
import static dev.backprop.processor.environment.Fixtures.source;

import com.google.testing.compile.Compilation;
import dev.backprop.Differentiable;
import dev.backprop.processor.DifferentiableProcessor;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gradient exists exactly as long as its annotated method: recompiling after deleting the
 * method (or its annotation) leaves no trace of it in the generated class.
 */
class RemovedMethodTest {

  static final String BEFORE = """
      package p;

      import dev.backprop.Differentiable;

      final class Shapes {
        private Shapes() {}

        @Differentiable static double area(double w, double h) { return w * h; }

        @Differentiable static double perimeter(double w, double h) { return 2 * (w + h); }
      }
      """;

  /** {@link #BEFORE} without {@code perimeter}. */
  static String withoutPerimeter() {
    String without = BEFORE.replace(
        "  @Differentiable static double perimeter(double w, double h) { return 2 * (w + h); }\n",
        "");
    assertThat(without).doesNotContain("perimeter");
    return without;
  }

  /** Class path of a build whose earlier output is visible: that output and the runtime. */
  static List<String> classPathWithPreviousOutput(Path dir) throws URISyntaxException {
    Path runtime = Paths.get(
        Differentiable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return List.of("--class-path", dir.resolve("classes") + File.pathSeparator + runtime);
  }

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

    String after = generatedSource(compileShapes(withoutPerimeter()), "p.ShapesGrad");
    assertThat(after).doesNotContain("perimeter");
    assertThat(after).contains("static double area(");
  }

  /**
   * The way Gradle (isolating) and Maven rebuild: the outputs of the recompiled source (its class
   * and the files generated from it) are deleted, the rest of the previous output stays on the
   * class path.
   */
  @Test
  void recompileAfterTheBuildToolDeletedTheStaleOutputs(@TempDir Path dir)
      throws IOException, URISyntaxException {
    List<String> options = classPathWithPreviousOutput(dir);
    DiskCompilation first = DiskCompilation.compile(dir, Map.of("p/Shapes.java", BEFORE), options);
    first.assertCleanSuccess();
    assertThat(first.generatedSource("p.ShapesGrad")).contains("perimeterPullback(");

    Files.delete(dir.resolve("classes/p/Shapes.class"));
    Files.delete(dir.resolve("classes/p/ShapesGrad.class"));
    Files.delete(dir.resolve("generated/p/ShapesGrad.java"));
    DiskCompilation second =
        DiskCompilation.compile(dir, Map.of("p/Shapes.java", withoutPerimeter()), options);
    second.assertCleanSuccess();
    assertThat(second.generatedSource("p.ShapesGrad")).doesNotContain("perimeter");
    assertThat(second.generatedSource("p.ShapesGrad")).contains("areaPullback(");
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
