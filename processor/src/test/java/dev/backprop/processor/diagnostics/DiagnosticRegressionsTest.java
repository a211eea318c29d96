package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Diagnostics the processor once got wrong, kept so they stay right. */
class DiagnosticRegressionsTest {

  // --- methods the processor never sees ------------------------------------------------------

  /**
   * javac does not hand methods of local classes to processors; the processor finds them in
   * the source of the classes it runs on (a file with no visible {@code @Differentiable} does
   * not run it at all, see the README).
   */
  @Test
  void methodOfALocalClassIsReported() {
    JavaFileObject source = source("p.Experiment", """
        package p;

        import dev.backprop.Differentiable;

        final class Experiment {
          @Differentiable
          static double visible(double x) {
            return x * x;
          }

          static double run(double x) {
            final class Local {
              @Differentiable
              static double square(double v) {
                return v * v;
              }
            }
            return Local.square(x);
          }
        }
        """);
    Compilation c = compile(source).compilation();
    assertThat(c).hadErrorContaining("[backprop:local-class] @Differentiable methods of local and "
        + "anonymous classes are not seen by annotation processors; move the method to a "
        + "top-level or member class")
        .inFile(source).onLineContaining("static double square(double v)");
    assertThat(c).hadErrorCount(1);
  }

  /** Likewise for anonymous classes. */
  @Test
  void methodOfAnAnonymousClassIsReported() {
    JavaFileObject source = source("p.Factory", """
        package p;

        import dev.backprop.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        final class Factory {
          @Differentiable
          static double visible(double x) {
            return x * x;
          }

          static DoubleUnaryOperator square() {
            return new DoubleUnaryOperator() {
              @Differentiable
              static double of(double v) {
                return v * v;
              }

              @Override
              public double applyAsDouble(double v) {
                return of(v);
              }
            };
          }
        }
        """);
    Compilation c = compile(source).compilation();
    assertThat(c).hadErrorContaining("[backprop:local-class]")
        .inFile(source).onLineContaining("static double of(double v)");
    assertThat(c).hadErrorCount(1);
  }

  // --- positions ----------------------------------------------------------------------------

  private static final JavaFileObject WRT = source("p.Scaling", """
      package p;

      import dev.backprop.Differentiable;

      final class Scaling {
        @Differentiable(wrt = "z")
        static double product(double x, double y) {
          return x * y;
        }

        @Differentiable(wrt = {"x", "y", "x"})
        static double twice(double x, double y) {
          return x * y;
        }

        @Differentiable
        static double sum(
            double first,
            double... rest) {
          return first;
        }
      }
      """);

  /** Was: reported at the method name, on the line after the annotation. */
  @Test
  void unknownWrtNameIsReportedAtTheWrtValue() {
    assertThat(compile(WRT).compilation())
        .hadErrorContaining("[backprop:wrt-unknown] wrt names 'z'")
        .inFile(WRT).onLineContaining("@Differentiable(wrt = \"z\")");
  }

  /** Was: reported at the method name, on the line after the annotation. */
  @Test
  void duplicateWrtNameIsReportedAtTheWrtValue() {
    assertThat(compile(WRT).compilation())
        .hadErrorContaining("[backprop:wrt-duplicate] wrt names 'x' twice")
        .inFile(WRT).onLineContaining("@Differentiable(wrt = {\"x\", \"y\", \"x\"})");
  }

  /** Was: reported at the method name, two lines above the varargs parameter. */
  @Test
  void varargsIsReportedAtTheVarargsParameter() {
    assertThat(compile(WRT).compilation())
        .hadErrorContaining("[backprop:varargs]")
        .inFile(WRT).onLineContaining("double... rest");
  }

  // --- messages -----------------------------------------------------------------------------

  /**
   * Was: "argument 'prod' of scaled depends on ...": 'prod' is a temporary of the generated
   * code, which the user never wrote.
   */
  @Test
  void calleeWrtQuotesTheArgumentAsWritten() {
    JavaFileObject source = source("p.Model", """
        package p;

        import dev.backprop.Differentiable;

        final class Model {
          @Differentiable(wrt = "x")
          static double scaled(double x, double scale) {
            return x * scale;
          }

          @Differentiable
          static double loss(double x, double y) {
            double s = scaled(x, 2 * y);
            return s * s;
          }
        }
        """);
    Compilation c = compile(source).compilation();
    assertThat(c).hadErrorContaining("[backprop:callee-wrt] argument '2 * y' of scaled depends on "
        + "a differentiated value, but scaled leaves parameter 'scale' out of its wrt")
        .inFile(source).onLineContaining("scaled(x, 2 * y)");
    assertThat(c).hadErrorCount(1);
  }

  /**
   * Was: "[backprop:loop] loops are not supported yet" at the label, though there is no loop;
   * the break message ("break and continue are not supported outside loops") fits exactly.
   */
  @Test
  void labelledBlockIsNotCalledALoop() {
    JavaFileObject source = source("p.Clamp", """
        package p;

        import dev.backprop.Differentiable;

        final class Clamp {
          @Differentiable
          static double clamp(double x) {
            double y = x;
            clamped: {
              if (y > 1) {
                y = 1;
                break clamped;
              }
              y = y * y;
            }
            return y;
          }
        }
        """);
    Compilation c = compile(source).compilation();
    assertThat(c).hadErrorContaining("[backprop:break]")
        .inFile(source).onLineContaining("break clamped;");
    assertWithMessage(Diagnostics.listing(c)).that(Diagnostics.listing(c))
        .doesNotContain("[backprop:loop]");
  }

  /**
   * Was: "[backprop:expression] 'switch (mode) { case 0 -> yield x; default -> yield -x; }'
   * is not supported": not the switch message, and it quotes {@code yield}s the user never wrote.
   */
  @Test
  void switchExpressionGetsTheSwitchMessage() {
    JavaFileObject source = source("p.Modes", """
        package p;

        import dev.backprop.Differentiable;

        final class Modes {
          @Differentiable
          static double pick(double x, int mode) {
            double y = switch (mode) {
              case 0 -> x;
              default -> -x;
            };
            return y;
          }
        }
        """);
    Compilation c = compile(source).compilation();
    assertThat(c).hadErrorContaining("[backprop:switch] switch is not supported")
        .inFile(source).onLineContaining("double y = switch (mode) {");
    assertThat(c).hadErrorCount(1);
  }

  /**
   * Was: "[backprop:instance-member] 'length' belongs to an instance; ... pass the value as a
   * parameter": there is no instance of the user's here. Either the length of a static final
   * array is read (it cannot change) or the array message applies.
   */
  @Test
  void arrayLengthIsNotAnInstanceMember() {
    JavaFileObject source = source("p.Mean", """
        package p;

        import dev.backprop.Differentiable;

        final class Mean {
          static final double[] SAMPLES = {1, 2, 3};

          @Differentiable
          static double scaled(double x) {
            return x / SAMPLES.length;
          }
        }
        """);
    Compilation c = compile(source).compilation();
    assertWithMessage(Diagnostics.listing(c)).that(Diagnostics.listing(c))
        .doesNotContain("[backprop:instance-member]");
  }

  // --- all problems at once -----------------------------------------------------------------

  /**
   * Was: only the lambda is reported; the body is not attributed then, so the switch (found
   * without types) shows up only in the next build.
   */
  @Test
  void lambdaDoesNotHideTheOtherProblemsOfTheMethod() {
    JavaFileObject source = source("p.Iterate", """
        package p;

        import dev.backprop.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        final class Iterate {
          @Differentiable
          static double iterate(double x, int n) {
            DoubleUnaryOperator f = v -> v * v;
            double y = x;
            for (int i = 0; i < n; i++) {
              y = f.applyAsDouble(y);
            }
            switch (n) {
              default:
                y = y / 2;
            }
            return y;
          }
        }
        """);
    Compilation c = compile(source).compilation();
    assertThat(c).hadErrorContaining("[backprop:lambda]")
        .inFile(source).onLineContaining("v -> v * v");
    assertThat(c).hadErrorContaining("[backprop:switch] switch is not supported")
        .inFile(source).onLineContaining("switch (n) {");
    // a counted for loop is fine, typed or not
    assertThat(c).hadErrorCount(2);
  }

  // --- generated code that does not compile -------------------------------------------------

  /**
   * Was: the gradient class declares {@code fPullback(double, double, double[])} twice (the
   * pullback of f and the value-and-gradient form of fPullback), and javac reports that in the
   * generated file. Expected: a backprop error at one of the two methods, and no generated code
   * that fails to compile.
   */
  @Test
  void generatedMethodNamesDoNotCollide() {
    JavaFileObject source = source("p.Names", """
        package p;

        import dev.backprop.Differentiable;

        final class Names {
          @Differentiable
          static double f(double x) {
            return x * x;
          }

          @Differentiable
          static double fPullback(double x, double seed) {
            return x * seed;
          }
        }
        """);
    Compilation c = compile(source).compilation();
    long f = Diagnostics.lineContaining(source, "static double f(double x)");
    long fPullback = Diagnostics.lineContaining(source, "static double fPullback(");
    assertWithMessage(Diagnostics.listing(c))
        .that(c.errors().stream()
            .filter(d -> d.getSource() == source)
            .filter(d -> d.getLineNumber() == f || d.getLineNumber() == fPullback)
            .map(d -> d.getMessage(Locale.ROOT))
            .collect(Collectors.toList()))
        .isNotEmpty();
  }

  /** Was: accepted, and the generated code read an adjoint 'da' it never declared. */
  @Test
  void aliasOfADifferentiatedArrayIsAnError() {
    JavaFileObject source = source("p.Alias", """
        package p;

        import dev.backprop.Differentiable;

        final class Alias {
          @Differentiable
          static double alias(double[] w, double x) {
            double[] a = w;
            return a[0] * x;
          }
        }
        """);
    Compilation c = compile(source).compilation();
    assertThat(c).hadErrorContaining(
            "[backprop:array] 'a' refers to a differentiated array; index that array directly")
        .inFile(source).onLineContaining("double[] a = w;");
    assertThat(c).hadErrorCount(1);
  }

  /** Was: accepted, with the gradient of v sent to dw. */
  @Test
  void reassigningAnArrayParameterIsAnError() {
    JavaFileObject source = source("p.Reassign", """
        package p;

        import dev.backprop.Differentiable;

        final class Reassign {
          @Differentiable
          static double r(double[] w, double[] v) {
            w = v;
            return w[0];
          }
        }
        """);
    Compilation c = compile(source).compilation();
    assertThat(c).hadErrorContaining("assign its elements, not the array variable")
        .inFile(source).onLineContaining("w = v;");
    assertThat(c).hadErrorCount(1);
  }

  /**
   * Was: accepted, and the reversed loop "for (int k = n - 1; ...)" did not compile. Then: an
   * error, the loop was not counted. Now: accepted, reversed by counting its iterations, and the
   * gradient class compiles (Diagnostics checks that); its values: LoopFormsGradientsTest.
   */
  @Test
  void aLoopBoundThatIsNotAnIntIsReversedByCountingIterations() {
    JavaFileObject source = source("p.Power", """
        package p;

        import dev.backprop.Differentiable;

        final class Power {
          @Differentiable(wrt = "a")
          static double power(double a, long n) {
            double r = 1;
            for (int k = 0; k < n; k++) {
              r *= a;
            }
            return r;
          }
        }
        """);
    Diagnostics.Compiled compiled = compile(source);
    assertThat(compiled.compilation()).succeededWithoutWarnings();
    String generated = compiled.generatedSource("p.PowerGrad");
    assertThat(generated).contains("static double power(double a, long n, double[] grad)");
    assertThat(generated).doesNotContain("n - 1");
  }

  // --- one method's problem costs that method only -------------------------------------------

  /**
   * Was: the checks never looked at a for loop's update, so a library call there reached the
   * emit stage, which failed on the whole class: {@code square} was lost too.
   */
  @Test
  void aForLoopsUpdateIsCheckedAndTheOtherMethodsAreGenerated() {
    JavaFileObject source = source("p.Steps", """
        package p;

        import dev.backprop.Differentiable;

        final class Steps {
          @Differentiable
          static double sparse(double[] w) {
            double s = 0;
            for (int i = 0; i < w.length; i += (int) Double.max(1, i % 3)) {
              s += w[i];
            }
            return s;
          }

          @Differentiable
          static double square(double x) {
            return x * x;
          }
        }
        """);
    Diagnostics.Compiled compiled = compile(source);
    Compilation c = compiled.compilation();
    assertThat(c).hadErrorContaining("[backprop:call] Double.max has no derivative rule")
        .inFile(source).onLineContaining("i += (int) Double.max(1, i % 3)");
    assertThat(c).hadErrorCount(1);
    String generated = compiled.generatedSource("p.StepsGrad");
    assertWithMessage(generated).that(generated).contains("    static double square(double x");
    assertWithMessage(generated).that(generated).doesNotContain("sparse");
  }

  /** A method whose generated methods would clash with another's: an error on the later one. */
  @Test
  void generatedMethodsThatWouldClashAreAnError() {
    JavaFileObject source = source("p.Clash", """
        package p;

        import dev.backprop.Differentiable;

        final class Clash {
          @Differentiable
          static double f(double x) {
            return x * x;
          }

          @Differentiable
          static double fPullback(double x, double y) {
            return x * y;
          }
        }
        """);
    Diagnostics.Compiled compiled = compile(source);
    assertThat(compiled.compilation()).hadErrorContaining("[backprop:name-clash] the generated "
        + "fPullback(double, double, double[]) for fPullback would clash with the one generated "
        + "for f; rename one of the two methods")
        .inFile(source).onLineContaining("static double fPullback(double x, double y)");
    assertThat(compiled.compilation()).hadErrorCount(1);
    assertWithMessage("f is still generated").that(compiled.generatedSource("p.ClashGrad"))
        .contains("    static double f(double x, double[] grad)");
  }
}
