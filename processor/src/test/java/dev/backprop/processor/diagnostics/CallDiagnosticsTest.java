package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls between differentiable methods: access, recursion, failed callees, wrt, other builds. */
class CallDiagnosticsTest {

  private static final JavaFileObject CALLS = source("p.Layers", """
      package p;

      import dev.backprop.Differentiable;

      final class Layers {
        static final class Activations {
          @Differentiable
          private static double leaky(double x) {
            return x > 0 ? x : 0.01 * x;
          }

          @Differentiable
          static double relu(double x) {
            return Math.max(0, x);
          }
        }

        private static final class Losses {
          @Differentiable
          static double squared(double error) {
            return error * error;
          }
        }

        @Differentiable
        private static double hidden(double x) {
          return 3 * x;
        }

        private static boolean positive(double v) {
          return v > 0;
        }

        @Differentiable
        static double gatedPrivately(double x) {
          return positive(x) ? x : 0;
        }

        @Differentiable
        static double viaPrivateMethod(double x) {
          return hidden(x) + 1;
        }

        @Differentiable
        static double viaPrivateMethodOfNestedClass(double x) {
          return Activations.leaky(x) * 2;
        }

        @Differentiable
        static double viaMethodOfPrivateClass(double x, double target) {
          return Losses.squared(x - target);
        }

        @Differentiable
        static double viaPublicMethodOfNestedClass(double x) {
          return Activations.relu(x) * 2;
        }

        @Differentiable
        static double power(double x, int n) {
          if (n == 0) {
            return 1;
          }
          return x * power(x, n - 1);
        }

        @Differentiable
        static double ping(double x) {
          return x > 1 ? pong(x / 2) : x;
        }

        @Differentiable
        static double pong(double x) {
          return ping(x) + 1;
        }

        @Differentiable
        static double unrolled(double x, int n) {
          double y = x;
          switch (n) {
            default:
              y = y * x;
          }
          return y;
        }

        @Differentiable
        static double viaUnrolled(double x) {
          return unrolled(x, 3) + Activations.relu(x);
        }

        @Differentiable
        static double viaViaUnrolled(double x) {
          double y = 2 * x;
          return viaUnrolled(y) * 2;
        }

        @Differentiable(wrt = "x")
        static double scaled(double x, double scale) {
          return x * scale;
        }

        @Differentiable
        static double viaScaled(double x, double y) {
          return scaled(x, y);
        }

        @Differentiable
        static double viaScaledWithConstant(double x, double y) {
          return scaled(x, 2) + y;
        }

        @Differentiable
        static double viaViaScaled(double x) {
          return viaScaled(x, x);
        }
      }
      """);

  /** A callee in another class of the same compilation that fails. */
  private static final JavaFileObject BROKEN_LIBRARY = source("p.Kernels", """
      package p;

      import dev.backprop.Differentiable;

      final class Kernels {
        @Differentiable
        static double gaussian(double x, double width) {
          double sum = 0;
          for (double scale : java.util.List.of(1.0, 2.0)) {
            sum += Math.exp(-x * x / (scale * width));
          }
          return sum;
        }
      }
      """);

  private static final JavaFileObject BROKEN_LIBRARY_USER = source("p.Smoother", """
      package p;

      import dev.backprop.Differentiable;

      final class Smoother {
        @Differentiable
        static double smooth(double x) {
          return Kernels.gaussian(x, 0.5);
        }

        @Differentiable
        static double sharpen(double x) {
          return 2 * x - Math.tanh(x);
        }
      }
      """);

  private static final JavaFileObject ACTIVATIONS = source("lib.Activations", """
      package lib;

      import dev.backprop.Differentiable;

      public final class Activations {
        private Activations() {}

        @Differentiable
        public static double sigmoid(double x) {
          return 1 / (1 + Math.exp(-x));
        }
      }
      """);

  private static final JavaFileObject NEURON = source("p.Neuron", """
      package p;

      import dev.backprop.Differentiable;
      import lib.Activations;

      final class Neuron {
        @Differentiable
        static double fire(double w, double x, double b) {
          return Activations.sigmoid(w * x + b);
        }
      }
      """);

  // found by adversarial testing: the generated class is in p and extends nothing
  private static final JavaFileObject BASE = source("other.Base", """
      package other;

      public class Base {
        protected static boolean isGood(double v) {
          return v > 0;
        }
      }
      """);

  private static final JavaFileObject HIDDEN = source("other.Hidden", """
      package other;

      class Hidden {
        public static int bucket(double v) {
          return (int) v;
        }
      }
      """);

  private static final JavaFileObject OPEN = source("other.Open", """
      package other;

      public class Open extends Hidden {
      }
      """);

  private static final JavaFileObject INHERITING = source("p.Inheriting", """
      package p;

      import dev.backprop.Differentiable;
      import other.Base;
      import other.Open;

      final class Inheriting extends Base {
        @Differentiable
        static double gated(double x) {
          return isGood(x) ? x * x : -x;
        }

        @Differentiable
        static double bucketed(double x) {
          return Open.bucket(x) * x;
        }
      }
      """);

  @Test
  void aCalleeTheGeneratedClassCannotSeeIsAnError() {
    Compilation c = compile(BASE, HIDDEN, OPEN, INHERITING).compilation();
    assertThat(c).hadErrorContaining(
        "[backprop:private-callee] Base.isGood is not visible to the generated gradient class")
        .inFile(INHERITING).onLineContaining("isGood(x) ? x * x");
    assertThat(c).hadErrorContaining(
        "[backprop:private-callee] Hidden.bucket is not visible to the generated gradient class")
        .inFile(INHERITING).onLineContaining("Open.bucket(x) * x");
    assertThat(c).hadErrorCount(2);
  }

  private static Compilation calls() {
    return compile(CALLS).compilation();
  }

  private static void assertErrorCount(int count, String firstLine, String lastLine) {
    Diagnostics.Compiled compiled = compile(CALLS);
    assertWithMessage("errors between '%s' and '%s'; all diagnostics:\n%s",
        firstLine, lastLine, compiled.listing())
        .that(compiled.errorsBetween(CALLS, firstLine, lastLine)).hasSize(count);
  }

  @Test
  void privateMethodsOfTheClassAreCalledThroughCopies() {
    // annotated or not, in the class, a class nested in it or a private one: the gradient class
    // cannot call them, so it calls a copy in their gradient class
    Diagnostics.Compiled compiled = compile(CALLS);
    for (String method : new String[] {"static double viaPrivateMethod(",
        "static double viaPrivateMethodOfNestedClass(", "static double viaMethodOfPrivateClass(",
        "static double gatedPrivately("}) {
      assertWithMessage(method).that(compiled.errorsInMethod(CALLS, method)).isEmpty();
    }
    String generated = compiled.generatedSource("p.LayersGrad");
    assertThat(generated).contains("LayersGrad.hiddenValue(x)");
    assertThat(generated).contains("LayersGrad.positiveValue(x)");
    assertThat(generated).contains("Layers_ActivationsGrad.leakyValue(x)");
    assertThat(generated).contains("Layers_LossesGrad.squaredValue(");
    assertThat(compiled.generatedSource("p.Layers_ActivationsGrad"))
        .contains("static double leakyValue(double x)");
  }

  @Test
  void privateDifferentiableMethodsThemselvesAreGenerated() {
    // Only calling them from another gradient class is a problem.
    Diagnostics.Compiled compiled = compile(CALLS);
    assertThat(compiled.generatedSource("p.LayersGrad")).contains("static double hidden(");
    assertThat(compiled.generatedSource("p.Layers_ActivationsGrad")).contains("static double leaky(");
    assertThat(compiled.generatedSource("p.Layers_LossesGrad")).contains("static double squared(");
  }

  @Test
  void directRecursion() {
    assertThat(calls())
        .hadErrorContaining("[backprop:recursion] recursive call of power is not supported; unroll "
            + "it or move the recursion to the caller")
        .inFile(CALLS).onLineContaining("return x * power(x, n - 1);");
    assertErrorCount(1, "static double power(", "return x * power(x, n - 1);");
  }

  @Test
  void mutualRecursion() {
    assertThat(calls())
        .hadErrorContaining("[backprop:recursion] recursive call of pong is not supported")
        .inFile(CALLS).onLineContaining("pong(x / 2)");
    assertThat(calls())
        .hadErrorContaining("[backprop:recursion] recursive call of ping is not supported")
        .inFile(CALLS).onLineContaining("return ping(x) + 1;");
  }

  @Test
  void calleeThatFails() {
    assertThat(calls())
        .hadErrorContaining("[backprop:switch] switch is not supported")
        .inFile(CALLS).onLineContaining("switch (n) {");
    assertThat(calls())
        .hadErrorContaining("[backprop:callee-error] unrolled cannot be differentiated (see its "
            + "error), so neither can this call")
        .inFile(CALLS).onLineContaining("unrolled(x, 3) + Activations.relu(x)");
    assertErrorCount(1, "static double viaUnrolled(", "unrolled(x, 3) + Activations.relu(x)");
  }

  @Test
  void calleeThatFailsTransitively() {
    assertThat(calls())
        .hadErrorContaining("[backprop:callee-error] viaUnrolled cannot be differentiated")
        .inFile(CALLS).onLineContaining("viaUnrolled(y) * 2");
    assertErrorCount(1, "static double viaViaUnrolled(", "viaUnrolled(y) * 2");
  }

  @Test
  void activeArgumentForParameterOutsideTheCalleesWrt() {
    assertThat(calls())
        .hadErrorContaining("[backprop:callee-wrt] argument 'y' of scaled depends on a "
            + "differentiated value, but scaled leaves parameter 'scale' out of its wrt; add "
            + "'scale' to its wrt")
        .inFile(CALLS).onLineContaining("return scaled(x, y);");
    assertErrorCount(1, "static double viaScaled(", "return scaled(x, y);");
  }

  @Test
  void callerOfAMethodThatFailsToDifferentiateFailsToo() {
    assertThat(calls())
        .hadErrorContaining("[backprop:callee-error] viaScaled cannot be differentiated")
        .inFile(CALLS).onLineContaining("viaScaled(x, x)");
  }

  @Test
  void everyCallProblemIsReportedOnce() {
    // recursion x3, switch, callee-error x2, callee-wrt, callee-error
    assertWithMessage(compile(CALLS).listing()).that(calls().errors()).hasSize(8);
  }

  @Test
  void theGoodCallersAreStillGenerated() {
    String generated = compile(CALLS).generatedSource("p.LayersGrad");
    assertThat(generated).contains("static double viaPublicMethodOfNestedClass(double x, double[] grad)");
    assertThat(generated).contains("static double viaScaledWithConstant(double x, double y, double[] grad)");
    assertThat(generated).contains("static double scaled(double x, double scale, double[] grad)");
    for (String bad : new String[] {" power(", " ping(", " pong(", " unrolled(", " viaUnrolled(",
        " viaViaUnrolled(", " viaScaled(", " viaViaScaled("}) {
      assertThat(generated).doesNotContain(bad);
    }
  }

  @Test
  void calleeInAnotherClassThatFails() {
    Diagnostics.Compiled compiled = compile(BROKEN_LIBRARY, BROKEN_LIBRARY_USER);
    Compilation c = compiled.compilation();
    assertThat(c).hadErrorContaining("[backprop:loop] for-each loops run over double[], int[] and "
        + "double[][] only; index other values in a for loop")
        .inFile(BROKEN_LIBRARY).onLineContaining("java.util.List.of(1.0, 2.0)");
    assertThat(c).hadErrorContaining("[backprop:callee-error] gaussian cannot be differentiated")
        .inFile(BROKEN_LIBRARY_USER).onLineContaining("Kernels.gaussian(x, 0.5)");
    assertThat(c).hadErrorCount(2);
    assertThat(compiled.generated()).doesNotContainKey("p.KernelsGrad");
    String generated = compiled.generatedSource("p.SmootherGrad");
    assertThat(generated).contains("static double sharpen(double x, double[] grad)");
    assertThat(generated).doesNotContain("smooth");
  }

  @Test
  void calleeCompiledWithoutTheProcessor(@TempDir Path dir) {
    compileLibrary(dir, false);
    Compilation c = javac()
        .withProcessors(new DifferentiableProcessor())
        .withClasspath(classpath(dir))
        .compile(NEURON);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[backprop:callee-missing] no generated gradient lib.ActivationsGrad "
            + "found for sigmoid; run the backprop processor on the module that declares it")
        .inFile(NEURON).onLineContaining("Activations.sigmoid(w * x + b)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void calleeCompiledWithTheProcessor(@TempDir Path dir) {
    compileLibrary(dir, true);
    Compilation c = javac()
        .withProcessors(new DifferentiableProcessor())
        .withClasspath(classpath(dir))
        .withOptions("-Xlint:all", "-Werror")
        .compile(NEURON);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.NeuronGrad").contentsAsUtf8String()
        .contains("ActivationsGrad.sigmoidPullback(");
  }

  /** Compiles {@link #ACTIVATIONS} into {@code dir}, with or without the processor. */
  private static void compileLibrary(Path dir, boolean withProcessor) {
    Compilation library = withProcessor
        ? javac().withProcessors(new DifferentiableProcessor()).compile(ACTIVATIONS)
        : javac().withOptions("-proc:none").compile(ACTIVATIONS);
    assertThat(library).succeeded();
    Diagnostics.writeClassFiles(library, dir);
  }

  private static List<File> classpath(Path dir) {
    return List.of(dir.toFile(), Diagnostics.runtimeJar());
  }
}
