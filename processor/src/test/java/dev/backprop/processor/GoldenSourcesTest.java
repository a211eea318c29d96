package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated source of a few readable cases, byte for byte: the generated code is part of
 * the product, so a change to it must be a change someone looked at. After an intended change,
 * regenerate with {@code ./mvnw -pl processor test -Dtest=GoldenSourcesTest -Dgolden.update=true}
 * and review the diff.
 */
class GoldenSourcesTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Circuits", "Ninja", "Chains", "Loops", "Custom"})
  void generatedSourceIsExactly(String name) throws IOException {
    JavaFileObject source = JavaFileObjects.forResource("golden/" + name + ".java");
    Compilation compilation = javac()
        .withProcessors(new DifferentiableProcessor())
        .withOptions("--release", "17", "-Xlint:all", "-Werror")
        .compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    String actual = compilation.generatedSourceFile("golden." + name + "Grad").orElseThrow()
        .getCharContent(false).toString();
    String expectedPath = "golden/expected/" + name + "Grad.java";
    if (Boolean.getBoolean("golden.update")) {
      Path file = Paths.get("src/test/resources", expectedPath);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(read(expectedPath));
  }

  private static String read(String resource) {
    URL url = GoldenSourcesTest.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new AssertionError("missing " + resource + "; run with -Dgolden.update=true");
    }
    try (var in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** README's first example quotes the generated neuron as it is (dedented by one level). */
  @Test
  void theReadmeQuotesTheGeneratedNeuron() throws IOException {
    String readme = Files.readString(Paths.get("../README.md"), StandardCharsets.UTF_8);
    int at = readme.indexOf("```java\nstatic double neuron(");
    assertThat(at).isAtLeast(0);
    String quoted = readme.substring(at + "```java\n".length(), readme.indexOf("```", at + 7));
    String generated = read("golden/expected/CircuitsGrad.java");
    int start = generated.indexOf("    static double neuron(");
    String method = generated.substring(start, generated.indexOf("\n    }\n", start) + 7);
    assertThat(quoted).isEqualTo(method.replaceAll("(?m)^    ", ""));
  }
}
