package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static dev.backprop.processor.environment.Fixtures.assertCleanSuccess;
import static dev.backprop.processor.environment.Fixtures.assertNeuronGradient;
import static dev.backprop.processor.environment.Fixtures.circuits;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.generatedSource;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import javax.annotation.processing.ProcessingEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Gradle runs an incremental processor with its {@code IncrementalProcessingEnvironment}, which
 * delegates to javac's environment kept in a private field {@code delegate}; {@code
 * Trees.instance} rejects such a wrapper, so the processor must see through it.
 */
class GradleIncrementalEnvironmentTest {

  @Test
  void wrapperIsShapedLikeGradles() throws NoSuchFieldException {
    Field delegate = GradleStyleEnvironment.class.getDeclaredField("delegate");
    assertThat(delegate.getType()).isEqualTo(ProcessingEnvironment.class);
    assertThat(Modifier.isPrivate(delegate.getModifiers())).isTrue();
  }

  @Test
  void generatesThroughGradleWrapper() {
    Compilation compilation = compile(
        new WrappingProcessor(new DifferentiableProcessor(), GradleStyleEnvironment::new),
        circuits());

    assertCleanSuccess(compilation);
    assertThat(generatedSource(compilation, "p.CircuitsGrad"))
        .contains("public static double neuron(");
    assertNeuronGradient(compilation);
  }

  @Test
  void generatesThroughWrapperAroundWrapper() {
    Compilation compilation = compile(
        new WrappingProcessor(new DifferentiableProcessor(),
            env -> new GradleStyleEnvironment(new GradleStyleEnvironment(env))),
        circuits());

    assertCleanSuccess(compilation);
    assertThat(generatedSource(compilation, "p.CircuitsGrad"))
        .contains("public static double neuron(");
    assertNeuronGradient(compilation);
  }

  @Test
  void wrappedOutputIsTheSameAsUnwrapped() {
    Compilation plain = compile(new DifferentiableProcessor(), circuits());
    Compilation wrapped = compile(
        new WrappingProcessor(new DifferentiableProcessor(), GradleStyleEnvironment::new),
        circuits());

    assertThat(generatedSource(wrapped, "p.CircuitsGrad"))
        .isEqualTo(generatedSource(plain, "p.CircuitsGrad"));
  }
}
