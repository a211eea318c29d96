package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.backprop.processor.testing.AdjointNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources of the article's circuits, the loop examples and the benchmarks keep
 * the promise of their names: no invented {@code _} suffix, and {@code dq} is the adjoint of
 * {@code q}. The examples and benchmarks are compiled from their own source folders.
 */
class GeneratedNamesTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"../examples/src/main/java", "../benchmarks/src/main/java"})
  void namesOfTheExamplesAndBenchmarks(String folder) throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Paths.get(folder))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (Files.readAllLines(file).stream().anyMatch(l -> l.trim().startsWith("@Differentiable"))) {
          sources.add(JavaFileObjects.forResource(file.toUri().toURL()));
        }
      }
    }
    assertThat(sources).isNotEmpty();
    // the examples refer to their other classes (the Iris data, the training loop)
    List<String> options = folder.contains("examples")
        ? List.of("--release", "17", "-proc:only", "-sourcepath", folder)
        : List.of("--release", "17", "-proc:only");
    Compilation compilation = javac()
        .withProcessors(new DifferentiableProcessor())
        .withOptions(options)
        .compile(sources);
    assertThat(compilation).succeeded();
    assertNamesKeepTheirPromise(compilation);
  }

  @Test
  void namesOfTheGoldenSources() {
    for (String name : List.of("Circuits", "Ninja", "Chains", "Loops")) {
      Compilation compilation = javac()
          .withProcessors(new DifferentiableProcessor())
          .compile(JavaFileObjects.forResource("golden/" + name + ".java"));
      assertThat(compilation).succeeded();
      assertNamesKeepTheirPromise(compilation);
    }
  }

  /** The checker itself finds what it looks for. */
  @Test
  void theCheckerCatchesBrokenPromises() {
    String broken = """
        final class FGrad {
            public static double f(double x, double[] grad) {
                double sum = x * x;
                double out = 2 * (x + x * x) + sum;

                double dout = 1;
                // out = 2 * (x + x * x) + 1
                double dsum = 2 * dout;
                double dsum_ = dsum;
                double dq = dsum;
                return out;
            }
        }
        """;
    assertThat(AdjointNames.problems(broken)).containsExactly(
        "f: invented name dsum_",
        "f: dq but no q",
        "f: dsum written under '// out = 2 * (x + x * x) + 1'");
  }

  private static void assertNamesKeepTheirPromise(Compilation compilation) {
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String source;
      try {
        source = file.getCharContent(true).toString();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      assertWithMessage("%s:\n%s", file.getName(), source)
          .that(AdjointNames.problems(source)).isEmpty();
    }
  }
}
