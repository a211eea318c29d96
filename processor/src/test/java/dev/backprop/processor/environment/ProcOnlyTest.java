package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.backprop.processor.environment.Fixtures.assertCleanSuccess;
import static dev.backprop.processor.environment.Fixtures.circuits;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.generatedSource;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code -proc:only}: sources are generated, nothing is compiled to class files. */
class ProcOnlyTest {

  @Test
  void generatesSourceWithoutClassFiles() {
    Compilation compilation = javac()
        .withProcessors(new DifferentiableProcessor())
        .withOptions("-proc:only", "-Xlint:all", "-Werror")
        .compile(circuits(), LintAndWerrorTest.MODEL);

    assertCleanSuccess(compilation);
    assertThat(generatedSource(compilation, "p.CircuitsGrad"))
        .contains("public static double neuron(");
    assertThat(generatedSource(compilation, "p.ModelGrad")).contains("lossPullback(");
    assertThat(compilation.generatedFiles().stream()
            .filter(f -> f.getKind() == JavaFileObject.Kind.CLASS)
            .map(JavaFileObject::getName)
            .collect(Collectors.toList()))
        .isEmpty();
  }

  @Test
  void generatesTheSameSourceAsAFullCompile() {
    Compilation procOnly = javac()
        .withProcessors(new DifferentiableProcessor())
        .withOptions("-proc:only", "-Xlint:all", "-Werror")
        .compile(circuits());
    Compilation full = compile(new DifferentiableProcessor(), circuits());

    assertThat(generatedSource(procOnly, "p.CircuitsGrad"))
        .isEqualTo(generatedSource(full, "p.CircuitsGrad"));
  }
}
