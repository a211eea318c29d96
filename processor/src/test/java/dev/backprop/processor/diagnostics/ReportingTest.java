package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.compileInvalidJava;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * How errors add up: all of a method's problems at once, good methods generated next to bad
 * ones, javac's own errors left to javac, and what the user reads first when other code calls
 * the gradient of a method that failed.
 */
class ReportingTest {

  private static final JavaFileObject MESSY = source("p.Trainer", """
      package p;

      import dev.backprop.Differentiable;

      final class Trainer {
        static double lastLoss;

        @Differentiable
        static double loss(double x, String label) {
          double y = x;
          double z = y++;
          for (double scale : java.util.List.of(2.0)) {
            y = y * scale;
          }
          y = y * Math.random();
          lastLoss = y;
          return y + z;
        }
      }
      """);

  private static final JavaFileObject CIRCUITS = source("p.Circuits", """
      package p;

      import dev.backprop.Differentiable;

      public final class Circuits {
        private Circuits() {}

        @Differentiable
        public static double neuron(double a, double b, double c, double x, double y) {
          double q = a * x + b * y + c;
          return 1 / (1 + Math.exp(-q));
        }

        @Differentiable
        public static double power(double x, int n) {
          double y = 1;
          for (int i = 0, j = n; i < j; i += 2) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        public static double square(double x) {
          return x * x;
        }
      }
      """);

  private static final JavaFileObject TYPO = source("p.Typo", """
      package p;

      import dev.backprop.Differentiable;

      final class Typo {
        static final double LEARNING_RATE = 0.1;

        @Differentiable
        static double step(double x) {
          return x - LEARNING_RAT * x;
        }

        @Differentiable
        static double square(double x) {
          return x * x;
        }
      }
      """);

  /** javac's error and ours in one class. */
  private static final JavaFileObject TYPO_AND_LOOP = source("p.Typos", """
      package p;

      import dev.backprop.Differentiable;

      final class Typos {
        static final double LEARNING_RATE = 0.1;

        @Differentiable
        static double step(double x) {
          return x - LEARNING_RAT * x;
        }

        @Differentiable
        static double unrolled(double x, int n) {
          double y = x;
          for (int i = 0, j = n; i < j; i += 2) {
            y = y * x;
          }
          return y;
        }
      }
      """);

  /** A failing method, and a plain method of the same class that calls its gradient. */
  private static final JavaFileObject SELF_REFERENCE = source("p.Circuit", """
      package p;

      import dev.backprop.Differentiable;

      final class Circuit {
        @Differentiable
        static double good(double x, double y) {
          return x * y;
        }

        @Differentiable
        static double bad(double x, int n) {
          double y = x;
          for (int i = 0, j = n; i < j; i += 2) {
            y = y * x;
          }
          return y;
        }

        static double train(double x) {
          double[] grad = new double[2];
          double loss = CircuitGrad.good(x, 2, grad);
          return loss + CircuitGrad.bad(x, 3, new double[1]);
        }
      }
      """);

  /** A class whose only differentiable method fails: no gradient class at all. */
  private static final JavaFileObject ONLY_BAD = source("p.Powers", """
      package p;

      import dev.backprop.Differentiable;

      final class Powers {
        @Differentiable
        static double power(double x, int n) {
          double y = x;
          for (int i = 1, j = n; i < j; i += 2) {
            y = y * x;
          }
          return y;
        }
      }
      """);

  private static final JavaFileObject QUALIFIED_CALLER = source("p.Optimizer", """
      package p;

      final class Optimizer {
        static double step(double x) {
          double[] grad = new double[1];
          double loss = PowersGrad.power(x, 3, grad);
          return x - 0.1 * grad[0] + 0 * loss;
        }
      }
      """);

  private static final JavaFileObject STATIC_IMPORT_CALLER = source("p.Descent", """
      package p;

      import static p.PowersGrad.power;

      final class Descent {
        static double step(double x) {
          double[] grad = new double[1];
          double loss = power(x, 3, grad);
          return x - 0.1 * grad[0] + 0 * loss;
        }
      }
      """);

  /** The gradient class exists (for good), but not the method imported from it. */
  private static final JavaFileObject STATIC_IMPORT_OF_BAD = source("p.Fit", """
      package p;

      import static p.CircuitGrad.bad;

      final class Fit {
        static double step(double x) {
          return x - 0.1 * bad(x, 3, new double[1]);
        }
      }
      """);

  @Test
  void everyProblemOfAMethodIsReportedNotJustTheFirst() {
    Compilation c = compile(MESSY).compilation();
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[backprop:parameter-type] parameter 'label'")
        .inFile(MESSY).onLineContaining("String label");
    assertThat(c).hadErrorContaining("[backprop:increment]")
        .inFile(MESSY).onLineContaining("double z = y++;");
    assertThat(c).hadErrorContaining("[backprop:loop] for-each loops run over double[], int[] and "
        + "double[][] only").inFile(MESSY).onLineContaining("java.util.List.of(2.0)");
    assertThat(c).hadErrorContaining("[backprop:no-rule] Math.random")
        .inFile(MESSY).onLineContaining("y = y * Math.random();");
    assertThat(c).hadErrorContaining("[backprop:field-write] assigning 'lastLoss'")
        .inFile(MESSY).onLineContaining("lastLoss = y;");
    assertThat(c).hadErrorCount(5);
  }

  @Test
  void errorsComeInSourceOrder() {
    Compilation c = compile(MESSY).compilation();
    List<Long> lines = c.errors().stream().map(Diagnostic::getLineNumber)
        .collect(Collectors.toList());
    assertWithMessage(Diagnostics.listing(c)).that(lines).isInOrder();
  }

  @Test
  void aBadMethodDoesNotStopTheGoodOnesOfItsClass() {
    Diagnostics.Compiled compiled = compile(CIRCUITS);
    assertThat(compiled.compilation()).hadErrorContaining("[backprop:loop]")
        .inFile(CIRCUITS).onLineContaining("for (int i = 0, j = n; i < j; i += 2) {");
    assertThat(compiled.compilation()).hadErrorCount(1);
    String generated = compiled.generatedSource("p.CircuitsGrad");
    assertThat(generated).contains("public static double neuron(double a, double b, double c, "
        + "double x, double y, double[] grad)");
    assertThat(generated).contains("public static void neuronPullback(");
    assertThat(generated).contains("public static double square(double x, double[] grad)");
    assertThat(generated).doesNotContain("power");
  }

  @Test
  void javacErrorsInAMethodAreLeftToJavac() {
    Diagnostics.Compiled compiled = compileInvalidJava(TYPO);
    Compilation c = compiled.compilation();
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("cannot find symbol")
        .inFile(TYPO).onLineContaining("LEARNING_RAT * x");
    assertWithMessage(compiled.listing()).that(c.errors()).hasSize(1);
  }

  @Test
  void aMethodJavacRejectsDoesNotStopTheGoodOnes() {
    Diagnostics.Compiled compiled = compileInvalidJava(TYPO);
    String generated = compiled.generatedSource("p.TypoGrad");
    assertThat(generated).contains("static double square(double x, double[] grad)");
    assertThat(generated).doesNotContain(" step(");
  }

  /**
   * Once a processor reports an error javac stops after annotation processing and drops its own
   * recoverable errors ("cannot find symbol"): the typo shows up in the next build, once the
   * loop is gone. The processor adds nothing of its own about the typo.
   */
  @Test
  void javacErrorsNextToOursShowUpOnceOursAreFixed() {
    Diagnostics.Compiled compiled = compileInvalidJava(TYPO_AND_LOOP);
    Compilation c = compiled.compilation();
    assertThat(c).hadErrorContaining("[backprop:loop]")
        .inFile(TYPO_AND_LOOP).onLineContaining("for (int i = 0, j = n; i < j; i += 2) {");
    assertWithMessage(compiled.listing()).that(c.errors()).hasSize(1);
  }

  /*
   * What the user reads when other code calls the gradient of a method that failed. javac
   * stops after annotation processing once a processor reported an error, so method bodies
   * that call a missing gradient are never attributed and "cannot find symbol" never shows; only
   * a reference javac resolves while entering classes (a static import) adds its own errors, and
   * those come after ours.
   */

  @Test
  void callerOfAFailedGradientInTheSameClassSeesOnlyOurError() {
    Compilation c = compileInvalidJava(SELF_REFERENCE).compilation();
    assertThat(c).hadErrorContaining("[backprop:loop]")
        .inFile(SELF_REFERENCE).onLineContaining("for (int i = 0, j = n; i < j; i += 2) {");
    assertWithMessage(Diagnostics.listing(c)).that(messages(c)).containsExactly(
        "[backprop:loop] a for loop needs one declared counter, a condition and one update: "
            + "for (int i = a; i < b; i++)");
  }

  @Test
  void callerOfAFailedGradientInAnotherClassSeesOnlyOurError() {
    Compilation c = compileInvalidJava(QUALIFIED_CALLER, ONLY_BAD).compilation();
    assertThat(c).hadErrorContaining("[backprop:loop]")
        .inFile(ONLY_BAD).onLineContaining("for (int i = 1, j = n; i < j; i += 2) {");
    assertWithMessage(Diagnostics.listing(c)).that(c.diagnostics()).hasSize(1);
  }

  @Test
  void staticImportOfAFailedGradientShowsOurErrorFirst() {
    Compilation c = compileInvalidJava(STATIC_IMPORT_CALLER, ONLY_BAD).compilation();
    assertThat(c).hadErrorContaining("[backprop:loop]")
        .inFile(ONLY_BAD).onLineContaining("for (int i = 1, j = n; i < j; i += 2) {");
    assertThat(c).hadErrorContaining("cannot find symbol")
        .inFile(STATIC_IMPORT_CALLER).onLineContaining("import static p.PowersGrad.power;");
    List<String> messages = messages(c);
    assertWithMessage(Diagnostics.listing(c)).that(messages.get(0)).startsWith("[backprop:loop]");
    for (String javacs : messages.subList(1, messages.size())) {
      assertWithMessage(Diagnostics.listing(c)).that(javacs).doesNotContain("[backprop:");
    }
  }

  @Test
  void staticImportOfAMissingMethodOfAGeneratedClassShowsOurErrorFirst() {
    Compilation c = compileInvalidJava(STATIC_IMPORT_OF_BAD, SELF_REFERENCE).compilation();
    assertThat(c).hadErrorContaining("cannot find symbol")
        .inFile(STATIC_IMPORT_OF_BAD).onLineContaining("import static p.CircuitGrad.bad;");
    List<String> messages = messages(c);
    assertWithMessage(Diagnostics.listing(c)).that(messages.get(0)).startsWith("[backprop:loop]");
    assertWithMessage(Diagnostics.listing(c)).that(messages).hasSize(2);
  }

  private static List<String> messages(Compilation c) {
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
  }
}
