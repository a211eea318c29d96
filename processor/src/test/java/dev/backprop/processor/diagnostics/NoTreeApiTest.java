package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compileWith;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A compiler without javac's tree API (ECJ, say), stood in for by a processing environment the
 * processor can neither use as javac's nor unwrap: a proxy of an unknown tool that forwards every
 * call to javac's environment.
 */
class NoTreeApiTest {

  private static final JavaFileObject FIRST = source("p.Neurons", """
      package p;

      import dev.backprop.Differentiable;

      final class Neurons {
        @Differentiable
        static double relu(double x) {
          return Math.max(0, x);
        }

        @Differentiable
        static double sigmoid(double x) {
          return 1 / (1 + Math.exp(-x));
        }
      }
      """);

  private static final JavaFileObject SECOND = source("p.Losses", """
      package p;

      import dev.backprop.Differentiable;

      final class Losses {
        @Differentiable
        static double squared(double prediction, double target) {
          double e = prediction - target;
          return e * e;
        }
      }
      """);

  /** Runs backprop's processor in an environment hidden behind a proxy of an unknown tool. */
  static final class HiddenEnvironmentProcessor extends AbstractProcessor {
    private final DifferentiableProcessor delegate = new DifferentiableProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      InvocationHandler forward = (proxy, method, args) -> {
        try {
          return method.invoke(env, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      };
      delegate.init((ProcessingEnvironment) Proxy.newProxyInstance(
          NoTreeApiTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
          forward));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  @Test
  void oneClearErrorAtTheFirstDifferentiableMethod() {
    Diagnostics.Compiled compiled = compileWith(HiddenEnvironmentProcessor::new, FIRST, SECOND);
    Compilation c = compiled.compilation();
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[backprop:no-tree-api] backprop needs the javac compiler tree API "
            + "(com.sun.source), which this compiler does not provide (Eclipse's ECJ does not); "
            + "build with javac, e.g. delegate the build to Maven or Gradle")
        .inFile(FIRST).onLineContaining("static double relu(double x)");
    assertThat(c).hadErrorCount(1);
    assertThat(compiled.generated()).isEmpty();
  }
}
