package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.backprop.processor.environment.Fixtures.assertCleanSuccess;
import static dev.backprop.processor.environment.Fixtures.assertNeuronGradient;
import static dev.backprop.processor.environment.Fixtures.circuits;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.diagnostics;
import static dev.backprop.processor.environment.Fixtures.generatedSource;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import org.jetbrains.jps.javac.APIWrappers;
import org.junit.jupiter.api.Test;

/**
 * IntelliJ (2020.3+) hands processors a dynamic proxy of the environment, which its {@code
 * org.jetbrains.jps.javac.APIWrappers.unwrap(Class, Object)} undoes; the processor finds that
 * class through the proxy's class loader. The test double of it is in the test sources.
 */
class IntelliJProxyEnvironmentTest {

  @Test
  void proxyIsADynamicProxyThatTheTestDoubleUnwraps() {
    ProcessingEnvironment real = (ProcessingEnvironment) Proxy.newProxyInstance(
        ClassLoader.getPlatformClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
        (proxy, method, args) -> null);
    ProcessingEnvironment proxy = APIWrappers.wrap(ProcessingEnvironment.class, real);
    assertThat(Proxy.isProxyClass(proxy.getClass())).isTrue();
    assertThat(APIWrappers.unwrap(ProcessingEnvironment.class, proxy)).isSameInstanceAs(real);
  }

  @Test
  void generatesThroughIntelliJProxy() {
    Compilation compilation = compile(
        new WrappingProcessor(new DifferentiableProcessor(),
            env -> APIWrappers.wrap(ProcessingEnvironment.class, env)),
        circuits());

    assertCleanSuccess(compilation);
    assertThat(generatedSource(compilation, "p.CircuitsGrad"))
        .contains("public static double neuron(");
    assertNeuronGradient(compilation);
  }

  @Test
  void generatesThroughIntelliJProxyAroundGradleWrapper() {
    Compilation compilation = compile(
        new WrappingProcessor(new DifferentiableProcessor(),
            env -> APIWrappers.wrap(ProcessingEnvironment.class, new GradleStyleEnvironment(env))),
        circuits());

    assertCleanSuccess(compilation);
    assertNeuronGradient(compilation);
  }

  @Test
  void unknownProxyGetsTheClearErrorNotACrash() {
    // A proxy whose class loader cannot see APIWrappers: nothing known can unwrap it.
    List<RecordingFiler> filers = new ArrayList<>();
    Compilation compilation = compile(
        new WrappingProcessor(new DifferentiableProcessor(), env -> {
          RecordingFiler filer = new RecordingFiler(env.getFiler());
          filers.add(filer);
          ProcessingEnvironment target = new EcjStyleEnvironment(env, filer);
          return (ProcessingEnvironment) Proxy.newProxyInstance(
              ClassLoader.getPlatformClassLoader(),
              new Class<?>[] {ProcessingEnvironment.class},
              (proxy, method, args) -> {
                try {
                  return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
        }),
        circuits());

    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertWithMessage(diagnostics(compilation)).that(compilation.errors()).hasSize(1);
    assertThat(diagnostics(compilation)).contains("[backprop:no-tree-api]");
    assertThat(filers).hasSize(1);
    assertThat(filers.get(0).sourceFiles()).isEmpty();
  }
}
