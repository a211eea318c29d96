package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Effects and helpers at their edges (found by adversarial testing): each refusal says why, a
 * typo is left to javac, and what is accepted compiles under -Xlint:all -Werror whatever the
 * package declares.
 */
class EffectDiagnosticsTest {

  private static final JavaFileObject EFFECTS = source("p.Effects", """
      package p;

      import dev.backprop.Differentiable;
      import java.io.PrintStream;
      import java.util.ArrayList;
      import java.util.List;

      final class Effects {
        private static final class MyStream extends PrintStream {
          MyStream() {
            super(System.out, true);
          }
        }

        static final MyStream OUT = new MyStream();
        static final StringBuilder SB = new StringBuilder();
        static final String HOME = System.getProperty("user.home", "");
        @SuppressWarnings("rawtypes")
        static final List RAW = new ArrayList();

        private static void note(String message) {
        }

        static void checkedNote(String message) throws java.io.IOException {
        }

        @SafeVarargs
        static <T> void many(T... xs) {
        }

        private static <T> double generic(double x, T tag) {
          return x;
        }

        private static float narrow(double x) {
          return (float) x;
        }

        @Differentiable
        static double privateType(double x) {
          OUT.println("x = " + x);
          return x * 2;
        }

        @Differentiable
        static double privateNote(double x) {
          note("x = " + x);
          return x * 2;
        }

        @Differentiable
        static double checkedCall(double x) throws java.io.IOException {
          checkedNote("x = " + x);
          return x * 2;
        }

        @SuppressWarnings("unchecked")
        @Differentiable
        static double accepted(double x, int n) {
          SB.setLength(0);
          SB.append(x > 0 ? "positive " : "negative ");
          SB.append('c');
          System.out.println(x > 0 ? 'c' : 'd');
          System.out.println((x > 0 ? "p" : "n") + HOME + 'c');
          RAW.add(x);
          many(x, n);
          return x * 2;
        }

        @Differentiable
        static double callsGeneric(double x) {
          return generic(x, "tag") * x;
        }

        @Differentiable
        static double callsNarrow(double x) {
          return narrow(x) * x;
        }
      }
      """);

  /** The package shadows java.lang's System and String: generated code names them in full. */
  private static final JavaFileObject SYSTEM = source("q.System", """
      package q;

      final class System {
        static final java.io.PrintStream out = null;
      }
      """);

  private static final JavaFileObject STRING = source("q.String", """
      package q;

      final class String {
      }
      """);

  private static final JavaFileObject SHADOWED = source("q.Shadowed", """
      package q;

      import dev.backprop.Differentiable;

      final class Shadowed {
        @Differentiable
        static double f(double x) {
          java.lang.System.err.println(java.lang.String.format("%.2f", x));
          java.lang.String message = "x = " + x;
          java.lang.System.err.println(message);
          return x * x;
        }
      }
      """);

  private static Compilation effects() {
    return compile(EFFECTS).compilation();
  }

  @Test
  void aMethodReachedThroughAPrivateTypeIsAnError() {
    assertThat(effects()).hadErrorContaining("[backprop:private-callee] Effects.OUT.println is not "
        + "visible to the generated gradient class, which makes the call from this package")
        .inFile(EFFECTS).onLineContaining("OUT.println(\"x = \" + x);");
  }

  @Test
  void aPrivateStaticMethodIsAnError() {
    assertThat(effects()).hadErrorContaining("[backprop:private-callee] Effects.note is not "
        + "visible to the generated gradient class")
        .inFile(EFFECTS).onLineContaining("note(\"x = \" + x);");
  }

  @Test
  void aCheckedExceptionIsAnError() {
    assertThat(effects()).hadErrorContaining("[backprop:call] Effects.checkedNote declares "
        + "java.io.IOException, a checked exception the generated gradient class does not "
        + "declare").inFile(EFFECTS).onLineContaining("checkedNote(\"x = \" + x);");
  }

  @Test
  void whatTheSourceCanCallTheGeneratedClassCallsWithTheSourcesSuppressions() {
    assertThat(compile(EFFECTS).errorsInMethod(EFFECTS, "static double accepted(")).isEmpty();
    String generated = compile(EFFECTS).generatedSource("p.EffectsGrad");
    assertThat(generated).contains("Effects.SB.setLength(0);");
    assertThat(generated).contains("@SuppressWarnings(\"unchecked\")");
  }

  @Test
  void aMethodOfTheClassThatIsNoHelperSaysWhy() {
    String why = "cannot be differentiated as a helper: a helper is a static method with a body "
        + "and no type parameters that returns double";
    assertThat(effects()).hadErrorContaining("[backprop:call] Effects.generic " + why)
        .inFile(EFFECTS).onLineContaining("return generic(x, \"tag\") * x;");
    assertThat(effects()).hadErrorContaining("[backprop:call] Effects.narrow " + why)
        .inFile(EFFECTS).onLineContaining("return narrow(x) * x;");
    assertWithMessage(Diagnostics.listing(effects())).that(effects().errors()).hasSize(5);
  }

  @Test
  void javaLangClassesThePackageShadowsAreNamedInFull() {
    Diagnostics.Compiled compiled = compile(SYSTEM, STRING, SHADOWED);
    assertThat(compiled.compilation()).succeededWithoutWarnings();
    String generated = compiled.generatedSource("q.ShadowedGrad");
    assertThat(generated).contains("java.lang.System.err.println(");
    assertThat(generated).contains("java.lang.String message");
  }

  @Test
  void aTypoInAnEffectOrAHelperIsJavacsErrorAlone() {
    JavaFileObject typo = source("p.Typo", """
        package p;

        import dev.backprop.Differentiable;

        final class Typo {
          private static double h(double x) {
            return undefinedFunction(x) * 2;
          }

          @Differentiable
          static double f(double x) {
            System.out.printn("x " + x);
            return x * 2;
          }

          @Differentiable
          static double g(double x) {
            return h(x);
          }
        }
        """);
    Compilation c = Diagnostics.compileInvalidJava(typo).compilation();
    assertThat(c).failed();
    assertThat(c.errors().stream().map(d -> d.getMessage(Locale.ROOT))
        .filter(m -> m.contains("[backprop")).toList()).isEmpty();
    assertThat(c).hadErrorContaining("printn");
    assertThat(c).hadErrorContaining("undefinedFunction");
  }

  @Test
  void aPrivateHelpersCopyThatWouldClashIsAnError() {
    JavaFileObject clash = source("p.Clash", """
        package p;

        import dev.backprop.Differentiable;

        final class Clash {
          private static double sq(double x, double[] w) {
            return x * x * w[0];
          }

          static double sqValue(double x) {
            return x * 3;
          }

          @Differentiable
          static double f(double x, double[] w) {
            return sq(x, w) + sqValue(x);
          }
        }
        """);
    Compilation c = compile(clash).compilation();
    assertThat(c).hadErrorContaining("[backprop:name-clash]");
  }

  @Test
  void aPrivateHelpersCopyRunsNoBackwardSweep() {
    JavaFileObject counted = source("p.Counted", """
        package p;

        import dev.backprop.Differentiable;

        final class Counted {
          private static double halvings(double x) {
            double s = x;
            while (s > 1) {
              s = s / 2;
            }
            return s;
          }

          @Differentiable
          static double f(double x) {
            return halvings(x) * x;
          }
        }
        """);
    String generated = compile(counted).generatedSource("p.CountedGrad");
    String copy = generated.substring(generated.indexOf("static double halvingsValue("));
    copy = copy.substring(0, copy.indexOf("\n    }\n"));
    assertThat(copy).doesNotContain("iteration--");
  }
}
