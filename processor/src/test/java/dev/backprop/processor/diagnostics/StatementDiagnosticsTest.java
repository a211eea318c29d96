package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Statements outside the supported subset (declarations, assignments and increments, if, for and
 * while loops with unlabelled break and continue, return, assert, calls made for their effect):
 * each is an error at the statement,
 * reported once, with nothing inside it reported on top. Loops in detail: LoopDiagnosticsTest.
 */
class StatementDiagnosticsTest {

  private static final JavaFileObject STATEMENTS = source("p.Steps", """
      package p;

      import dev.backprop.Differentiable;
      import java.util.function.DoubleUnaryOperator;

      final class Steps {
        static final double[] WEIGHTS = {0.5, -1.5, 2};

        @Differentiable
        static double power(double x, int n) {
          double y = 1;
          for (int i = 0; i < n; i += 2) {
            if (i == 7) {
              continue;
            }
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double grow(double x) {
          double y = x;
          while (y < 100) {
            y = y * 2;
          }
          return y;
        }

        @Differentiable
        static double growAtLeastOnce(double x) {
          double y = x;
          do {
            y = y * 2;
          } while (y < 100);
          return y;
        }

        @Differentiable
        static double overAList(double x) {
          double sum = 0;
          for (double w : java.util.List.of(0.5, 2.0)) {
            sum += x * w;
          }
          return sum;
        }

        @Differentiable
        static double weighted(double x) {
          double sum = 0;
          for (double w : WEIGHTS) {
            sum += w * x;
          }
          return sum;
        }

        @Differentiable
        static double activation(double x, int kind) {
          switch (kind) {
            case 0:
              return Math.tanh(x);
            case 1:
              return Math.max(0, x);
            default:
              return x;
          }
        }

        @Differentiable
        static double safeLog(double x) {
          try {
            return Math.log(x);
          } catch (ArithmeticException e) {
            return 0;
          }
        }

        @Differentiable
        static double checkedSqrt(double x) throws Exception {
          if (x < 0) {
            throw new Exception("x must not be negative");
          }
          return Math.sqrt(x);
        }

        private static final class Refused extends RuntimeException {
          private static final long serialVersionUID = 1L;
        }

        @Differentiable
        static double privatelyRefused(double x) {
          if (x < 0) {
            throw new Refused();
          }
          return x;
        }

        @Differentiable
        static double thrownAfterWork(double x) {
          if (x < 0) {
            x = -x;
            throw new IllegalStateException("was negative: " + x);
          }
          return x;
        }

        @Differentiable
        static double checkedArgument(double x, int n) {
          if (n < 0) throw new IllegalArgumentException("n = " + n + " < 0, x = " + x);
          return x * n;
        }

        @Differentiable
        static double viaLambda(double x) {
          DoubleUnaryOperator square = v -> v * v;
          return square.applyAsDouble(x);
        }

        @Differentiable
        static double viaMethodReference(double x) {
          DoubleUnaryOperator f = Math::exp;
          return f.applyAsDouble(x);
        }

        @Differentiable
        static double viaAnonymousClass(double x) {
          DoubleUnaryOperator f = new DoubleUnaryOperator() {
            @Override
            public double applyAsDouble(double v) {
              return v * v;
            }
          };
          return f.applyAsDouble(x);
        }

        @Differentiable
        static double viaLocalClass(double x) {
          final class Square {
            double of(double v) {
              return v * v;
            }
          }
          return new Square().of(x);
        }

        @Differentiable
        static double logged(double x) {
          double y = x * x;
          System.out.println("y = " + y);
          return y;
        }

        private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger("p");
        static java.io.PrintStream out = System.out;

        @Differentiable
        static double loggedPrivately(double x) {
          LOG.fine("x = " + x);
          return x * x;
        }

        @Differentiable
        static double printedToAMutableField(double x) {
          out.println(x);
          return x * x;
        }

        @Differentiable
        static double printedArray(double[] w) {
          System.out.println(w);
          return w[0] * w[0];
        }

        @Differentiable
        static double appendedTwice(double x) {
          System.out.append("x = ").append(String.valueOf(x));
          return x * x;
        }

        @Differentiable
        static double cube(double x) {
          return x * x * x;
        }

        @Differentiable
        static double discarded(double x) {
          cube(x);
          return x;
        }

        @Differentiable
        static double asserted(double x) {
          assert x > 0 : "x must be positive";
          return Math.log(x);
        }

        @Differentiable
        static double locked(double x) {
          double y;
          synchronized (Steps.class) {
            y = x * 2;
          }
          return y;
        }

        @Differentiable
        static double incremented(double x) {
          double y = x;
          y++;
          ++y;
          y--;
          return y * x;
        }

        @Differentiable
        static double decrementedInline(double x) {
          double y = x;
          double z = --y * x;
          return z;
        }

        @Differentiable
        static double chained(double x) {
          double a;
          double b;
          a = b = x * 2;
          return a * b;
        }

        @Differentiable
        static double compoundInline(double x) {
          double a = x;
          double b = (a += x) * 2;
          return b;
        }
      }
      """);

  /** A lambda keeps the body from being typed; what is wrong whatever the types still shows. */
  private static final JavaFileObject WITH_LAMBDA = source("p.Mixed", """
      package p;

      import dev.backprop.Differentiable;
      import java.util.function.DoubleUnaryOperator;

      final class Mixed {
        @Differentiable
        static double everything(double x, int n) {
          DoubleUnaryOperator f = v -> v * v;
          double y = f.applyAsDouble(x);
          for (int i = 0; i < n; i++) {
            y = y * x;
          }
          while (y > 100) {
            y = y / 2;
          }
          do {
            y = y + 1;
          } while (y < 0);
          for (double w : new double[] {1, 2}) {
            y = y * w;
          }
          switch (n) {
            case 0:
              y = -y;
              break;
            default:
              y = y * 3;
          }
          try {
            y = y * 4;
          } finally {
            y = y * 5;
          }
          if (y < 0) {
            y = -y;
            throw new IllegalStateException("negative");
          }
          return y;
        }
      }
      """);

  private static Compilation statements() {
    return compile(STATEMENTS).compilation();
  }

  private static void assertOnlyError(String firstLine, String lastLine) {
    Diagnostics.Compiled compiled = compile(STATEMENTS);
    assertWithMessage("errors between '%s' and '%s'; all diagnostics:\n%s",
        firstLine, lastLine, compiled.listing())
        .that(compiled.errorsBetween(STATEMENTS, firstLine, lastLine)).hasSize(1);
  }

  private static void assertNoErrorIn(String declaration) {
    Diagnostics.Compiled compiled = compile(STATEMENTS);
    assertWithMessage("errors in '%s'; all diagnostics:\n%s", declaration, compiled.listing())
        .that(compiled.errorsInMethod(STATEMENTS, declaration)).isEmpty();
  }

  @Test
  void forLoopThatIsNotCountedWithAContinueIsFine() {
    assertThat(statements()).failed();
    assertNoErrorIn("static double power(");
    assertThat(compile(STATEMENTS).generatedSource("p.StepsGrad"))
        .contains("static double power(double x, int n, double[] grad)");
  }

  @Test
  void whileLoopIsFine() {
    assertNoErrorIn("static double grow(");
    assertThat(compile(STATEMENTS).generatedSource("p.StepsGrad"))
        .contains("static double grow(double x, double[] grad)");
  }

  @Test
  void doWhileLoopIsFine() {
    assertNoErrorIn("static double growAtLeastOnce(");
    assertThat(compile(STATEMENTS).generatedSource("p.StepsGrad"))
        .contains("static double growAtLeastOnce(double x, double[] grad)");
  }

  @Test
  void enhancedForLoopOverAnArrayIsFine() {
    assertNoErrorIn("static double weighted(");
    assertThat(compile(STATEMENTS).generatedSource("p.StepsGrad"))
        .contains("for (int i = 0; i < Steps.WEIGHTS.length; i++) {");
  }

  @Test
  void enhancedForLoopOverACollection() {
    assertThat(statements())
        .hadErrorContaining("[backprop:loop] for-each loops run over double[], int[] and "
            + "double[][] only; index other values in a for loop")
        .inFile(STATEMENTS).onLineContaining("java.util.List.of(0.5, 2.0)");
    assertOnlyError("static double overAList(", "sum += x * w;");
  }

  @Test
  void switchStatement() {
    assertThat(statements())
        .hadErrorContaining("[backprop:switch] switch is not supported; use if / else if / else")
        .inFile(STATEMENTS).onLineContaining("switch (kind) {");
    assertOnlyError("static double activation(", "return Math.max(0, x);");
  }

  @Test
  void tryStatement() {
    assertThat(statements())
        .hadErrorContaining("[backprop:try] try is not supported")
        .inFile(STATEMENTS).onLineContaining("try {");
    assertOnlyError("static double safeLog(", "} catch (ArithmeticException e) {");
  }

  @Test
  void throwOfACheckedException() {
    assertThat(statements())
        .hadErrorContaining("[backprop:throw] only an argument check may throw: if (...) throw new "
            + "SomeException(message); with an unchecked exception the generated class can "
            + "create, and a message joined from string literals and values with +; validate "
            + "other inputs before calling the differentiable method")
        .inFile(STATEMENTS).onLineContaining("throw new Exception(");
    assertOnlyError("static double checkedSqrt(", "return Math.sqrt(x);");
  }

  @Test
  void throwOfAPrivateException() {
    assertThat(statements())
        .hadErrorContaining("[backprop:throw] only an argument check may throw")
        .inFile(STATEMENTS).onLineContaining("throw new Refused();");
    assertOnlyError("static double privatelyRefused(", "throw new Refused();");
  }

  @Test
  void throwAfterOtherWorkInItsBranch() {
    assertThat(statements())
        .hadErrorContaining("[backprop:throw] only an argument check may throw")
        .inFile(STATEMENTS).onLineContaining("throw new IllegalStateException(\"was negative");
    assertOnlyError("static double thrownAfterWork(", "throw new IllegalStateException(");
  }

  @Test
  void anArgumentCheckIsAccepted() {
    assertNoErrorIn("static double checkedArgument(");
  }

  @Test
  void lambda() {
    assertThat(statements())
        .hadErrorContaining("[backprop:lambda] lambdas and method references are not supported")
        .inFile(STATEMENTS).onLineContaining("v -> v * v");
    assertOnlyError("static double viaLambda(", "return square.applyAsDouble(x);");
  }

  @Test
  void methodReference() {
    assertThat(statements())
        .hadErrorContaining("[backprop:lambda] lambdas and method references are not supported")
        .inFile(STATEMENTS).onLineContaining("Math::exp");
    assertOnlyError("static double viaMethodReference(", "Math::exp");
  }

  @Test
  void anonymousClass() {
    assertThat(statements())
        .hadErrorContaining("[backprop:local-class] classes declared inside a @Differentiable "
            + "method are not supported; move the class out")
        .inFile(STATEMENTS).onLineContaining("new DoubleUnaryOperator() {");
    assertOnlyError("static double viaAnonymousClass(", "public double applyAsDouble(double v) {");
  }

  @Test
  void localClass() {
    assertThat(statements())
        .hadErrorContaining("[backprop:local-class] classes declared inside a @Differentiable "
            + "method are not supported")
        .inFile(STATEMENTS).onLineContaining("final class Square {");
    assertOnlyError("static double viaLocalClass(", "return new Square().of(x);");
  }

  @Test
  void printingAndAssertsAreAccepted() {
    // kept for their effect: EffectsTest checks what they do
    Diagnostics.Compiled compiled = compile(STATEMENTS);
    assertThat(compiled.errorsInMethod(STATEMENTS, "static double logged(")).isEmpty();
    assertThat(compiled.errorsInMethod(STATEMENTS, "static double asserted(")).isEmpty();
    String generated = compiled.generatedSource("p.StepsGrad");
    assertThat(generated).contains("System.out.println(\"y = \" + y);");
    assertThat(generated).contains("assert x > 0 : \"x must be positive\";");
  }

  @Test
  void aCallTheGeneratedClassCannotMakeTheSameWayIsAnError() {
    String rest = "' is not supported as a statement; only declarations, assignments, if, loops, "
        + "return, assert, and calls made for their effect are: a static void method, or a "
        + "method of a static final field (System.err.println(...), LOG.warning(...)) the "
        + "generated class can see";
    assertThat(statements())
        .hadErrorContaining("[backprop:private-callee] Steps.LOG.fine is not visible to the "
            + "generated gradient class, which makes the call from this package (it, its field "
            + "or the field's type is private, or protected, or in a class not visible here); "
            + "make it package-private, or public in a public class")
        .inFile(STATEMENTS).onLineContaining("LOG.fine(");
    assertOnlyError("static double loggedPrivately(", "LOG.fine(");
    assertThat(statements())
        .hadErrorContaining("[backprop:statement] 'out.println(x)" + rest)
        .inFile(STATEMENTS).onLineContaining("out.println(x);");
    assertOnlyError("static double printedToAMutableField(", "out.println(x);");
    assertThat(statements())
        .hadErrorContaining("[backprop:statement] 'System.out.append(\"x = \").append("
            + "String.valueOf(x))" + rest)
        .inFile(STATEMENTS).onLineContaining("System.out.append(");
    assertOnlyError("static double appendedTwice(", "System.out.append(");
  }

  @Test
  void anArrayIsNotPassedToAnEffect() {
    assertThat(statements())
        .hadErrorContaining("[backprop:statement] 'w' is an array, which the call could change; "
            + "pass Arrays.toString(w), or the elements it prints")
        .inFile(STATEMENTS).onLineContaining("System.out.println(w);");
    assertOnlyError("static double printedArray(", "System.out.println(w);");
  }

  @Test
  void differentiableCallAsStatement() {
    assertThat(statements())
        .hadErrorContaining("[backprop:statement] 'cube(x)' is not supported as a statement; "
            + "only declarations, assignments, if, loops, return, assert, and calls made for "
            + "their effect are")
        .inFile(STATEMENTS).onLineContaining("cube(x);");
  }

  @Test
  void synchronizedStatement() {
    assertThat(statements())
        .hadErrorContaining("[backprop:statement] 'synchronized (Steps.class)")
        .inFile(STATEMENTS).onLineContaining("synchronized (Steps.class) {");
    assertOnlyError("static double locked(", "y = x * 2;");
  }

  @Test
  void incrementStatementIsAnAssignment() {
    Diagnostics.Compiled compiled = compile(STATEMENTS);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(STATEMENTS, "static double incremented(", "return y * x;"))
        .isEmpty();
    String generated = compiled.generatedSource("p.StepsGrad");
    assertThat(generated).contains("static double incremented(double x, double[] grad)");
    assertThat(generated).contains("y += 1;");
    assertThat(generated).contains("y -= 1;");
  }

  @Test
  void decrementInsideAnExpression() {
    assertThat(statements())
        .hadErrorContaining("[backprop:increment] ++ and -- are not supported")
        .inFile(STATEMENTS).onLineContaining("--y * x");
  }

  @Test
  void chainedAssignment() {
    assertThat(statements())
        .hadErrorContaining("[backprop:nested-assignment] an assignment inside an expression is "
            + "not supported; write it as its own statement")
        .inFile(STATEMENTS).onLineContaining("a = b = x * 2;");
    assertOnlyError("static double chained(", "return a * b;");
  }

  @Test
  void compoundAssignmentInsideAnExpression() {
    assertThat(statements())
        .hadErrorContaining("[backprop:nested-assignment] an assignment inside an expression")
        .inFile(STATEMENTS).onLineContaining("(a += x) * 2");
  }

  @Test
  void syntacticProblemsAreReportedAlongsideALambda() {
    Compilation c = compile(WITH_LAMBDA).compilation();
    assertThat(c).hadErrorContaining("[backprop:lambda] lambdas and method references are not "
        + "supported").inFile(WITH_LAMBDA).onLineContaining("v -> v * v");
    assertThat(c).hadErrorContaining("[backprop:switch] switch is not supported")
        .inFile(WITH_LAMBDA).onLineContaining("switch (n) {");
    assertThat(c).hadErrorContaining("[backprop:try] try is not supported")
        .inFile(WITH_LAMBDA).onLineContaining("try {");
    assertThat(c).hadErrorContaining("[backprop:throw] only an argument check may throw")
        .inFile(WITH_LAMBDA).onLineContaining("throw new IllegalStateException(");
    // every loop form is fine, and the break of the switch is not reported on top
    for (String loop : new String[] {"while (y > 100) {", "do {", "} while (y < 0);",
        "for (double w : new double[] {1, 2}) {"}) {
      long line = Diagnostics.lineContaining(WITH_LAMBDA, loop);
      assertWithMessage(Diagnostics.listing(c))
          .that(c.errors().stream().noneMatch(d -> d.getLineNumber() == line)).isTrue();
    }
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void everyStatementProblemIsReportedAndNothingElse() {
    // one error per method above, except power, grow, growAtLeastOnce, weighted, cube,
    // incremented, checkedArgument, logged and asserted, which are fine
    assertThat(statements()).hadErrorCount(19);
  }

  @Test
  void theGoodMethodIsStillGenerated() {
    String generated = compile(STATEMENTS).generatedSource("p.StepsGrad");
    assertThat(generated).contains("static double cube(double x, double[] grad)");
    assertThat(generated).contains("static double incremented(double x, double[] grad)");
    assertThat(generated).contains("static double power(double x, int n, double[] grad)");
    assertThat(generated).contains("static double grow(double x, double[] grad)");
    assertThat(generated).contains("static double growAtLeastOnce(double x, double[] grad)");
    assertThat(generated).contains("static double weighted(double x, double[] grad)");
    assertThat(generated).doesNotContain("overAList");
    assertThat(generated).doesNotContain("discarded");
    assertThat(generated).doesNotContain("viaLambda");
  }
}
