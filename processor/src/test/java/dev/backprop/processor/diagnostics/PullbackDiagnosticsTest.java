package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @PullbackOf} registrations that do not fit their function, each reported once at the
 * registration (its calls add nothing); two registrations in sight of one call; a pullback the
 * generated class cannot see; rules beside functions compiled in another build.
 */
class PullbackDiagnosticsTest {

  private static final JavaFileObject RULES = source("p.Rules", """
      package p;

      import dev.backprop.Differentiable;
      import dev.backprop.PullbackOf;
      import org.hipparchus.special.Erf;

      final class Rules {
        static double square(double x) {
          return x * x;
        }

        @PullbackOf(method = "square")
        static double squarePullbackReturning(double x, double seed, double[] grad) {
          grad[0] += 2 * x * seed;
          return 0;
        }

        @PullbackOf(method = "square")
        private static void squarePullbackPrivate(double x, double seed, double[] grad) {
          grad[0] += 2 * x * seed;
        }

        @PullbackOf(method = "sqaure")
        static void misspelt(double x, double seed, double[] grad) {
          grad[0] += 2 * x * seed;
        }

        @PullbackOf(type = Erf.class, method = "erf")
        static void erfWithoutGrad(double x, double seed) {
        }

        static double scaled(double[] v, double scale) {
          return v[0] * scale;
        }

        @PullbackOf(method = "scaled")
        static void scaledWithoutDv(double[] v, double scale, double seed, double[] grad) {
        }

        @PullbackOf(method = "scaled", wrt = "factor")
        static void scaledUnknownWrt(double[] v, double scale, double seed, double[] grad) {
        }

        static int count(double x) {
          return (int) x;
        }

        @PullbackOf(method = "count")
        static void countPullback(double x, double seed, double[] grad) {
        }

        @Differentiable
        static double cube(double x) {
          return x * x * x;
        }

        @PullbackOf(method = "cube")
        static void cubePullback(double x, double seed, double[] grad) {
          grad[0] += 3 * x * x * seed;
        }

        static double twice(double x) {
          return 2 * x;
        }

        @PullbackOf(method = "twice")
        static void twicePullback(double x, double seed, double[] grad) {
          grad[0] += 2 * seed;
        }

        static final class Again {
          @PullbackOf(type = Rules.class, method = "twice")
          static void twicePullbackAgain(double x, double seed, double[] grad) {
            grad[0] += 2 * seed;
          }
        }

        @Differentiable
        static double usesMisfit(double x, double[] v) {
          return Erf.erf(x) + scaled(v, 2);
        }

        @Differentiable
        static double usesTwo(double x) {
          return twice(x) + 1;
        }
      }
      """);

  private static final JavaFileObject HIDDEN_RULE = source("lib.Smooth", """
      package lib;

      import dev.backprop.PullbackOf;

      public final class Smooth {
        private Smooth() {}

        public static double softplus(double x) {
          return Math.log1p(Math.exp(x));
        }

        @PullbackOf(method = "softplus")
        static void softplusPullback(double x, double seed, double[] grad) {
          grad[0] += seed / (1 + Math.exp(-x));
        }
      }
      """);

  private static final JavaFileObject OPEN_RULE = source("lib.Open", """
      package lib;

      import dev.backprop.PullbackOf;

      public final class Open {
        private Open() {}

        public static double softplus(double x) {
          return Math.log1p(Math.exp(x));
        }

        @PullbackOf(method = "softplus")
        public static void softplusPullback(double x, double seed, double[] grad) {
          grad[0] += seed / (1 + Math.exp(-x));
        }
      }
      """);

  private static final JavaFileObject USER = source("p.User", """
      package p;

      import dev.backprop.Differentiable;
      import lib.Open;
      import lib.Smooth;

      final class User {
        @Differentiable
        static double hidden(double x) {
          return Smooth.softplus(x) * x;
        }

        @Differentiable
        static double open(double x) {
          return Open.softplus(x) * x;
        }
      }
      """);

  private static Compilation rules() {
    return compile(RULES).compilation();
  }

  private static void assertOne(String message, String line) {
    assertThat(rules()).hadErrorContaining(message).inFile(RULES).onLineContaining(line);
    long count = rules().errors().stream()
        .filter(d -> d.getLineNumber() == Diagnostics.lineContaining(RULES, line)).count();
    assertWithMessage("errors on '%s':\n%s", line, Diagnostics.listing(rules()))
        .that(count).isEqualTo(1);
  }

  @Test
  void aPullbackMustBeAStaticVoidMethodTheGeneratedClassCanCall() {
    assertOne("[backprop:pullback] a @PullbackOf method must be static, return void and not be "
        + "private: the generated gradient classes call it",
        "static double squarePullbackReturning(");
    assertOne("[backprop:pullback] a @PullbackOf method must be static",
        "private static void squarePullbackPrivate(");
  }

  @Test
  void theFunctionMustExist() {
    assertOne("[backprop:pullback] p.Rules has no static method 'sqaure' to be the pullback of; "
        + "@PullbackOf(type = ..., method = ...) names the function's class (default: this "
        + "class) and name", "static void misspelt(");
  }

  @Test
  void theSignatureIsTheFunctionsParametersTheSeedAndTheGradients() {
    assertOne("[backprop:pullback] the pullback of Erf.erf must be declared void "
        + "erfWithoutGrad(double x, double seed, double[] grad) or void erfWithoutGrad(double x1, "
        + "double x2, double seed, double[] grad): the function's parameters, then the seed, then "
        + "grad for its double parameters and one array per double[] parameter",
        "static void erfWithoutGrad(");
    assertOne("[backprop:pullback] the pullback of Rules.scaled must be declared void "
        + "scaledWithoutDv(double[] v, double scale, double seed, double[] grad, double[] dv)",
        "static void scaledWithoutDv(");
  }

  @Test
  void wrtNamesADoubleParameter() {
    assertOne("[backprop:pullback] wrt names 'factor', which is not a double or double[] "
        + "parameter of Rules.scaled(double[] v, double scale)", "static void scaledUnknownWrt(");
  }

  @Test
  void onlyAFunctionReturningDoubleHasAPullback() {
    assertOne("[backprop:pullback] Rules.count returns int; only a function that returns double "
        + "can have a pullback", "static void countPullback(");
  }

  @Test
  void aDifferentiableMethodHasItsPullbackGenerated() {
    assertOne("[backprop:pullback] Rules.cube is @Differentiable, so its pullback is generated; "
        + "remove @Differentiable or this @PullbackOf", "static void cubePullback(");
  }

  @Test
  void aCallOfAFunctionWhoseRegistrationDoesNotFitAddsNoError() {
    List<String> errors = compile(RULES).errorsInMethod(RULES, "static double usesMisfit(");
    assertWithMessage("%s", errors).that(errors).isEmpty();
    assertThat(compile(RULES).generatedSource("p.RulesGrad")).doesNotContain("usesMisfit");
  }

  @Test
  void twoRegistrationsInSightOfACallAreAnError() {
    assertOne("[backprop:pullback] Rules.twice (Rules.twicePullback, Again.twicePullbackAgain) "
        + "has more than one @PullbackOf registration in sight; keep one", "twice(x) + 1");
  }

  @Test
  void aPullbackTheGeneratedClassCannotSeeIsAnError() {
    Compilation c = compile(HIDDEN_RULE, OPEN_RULE, USER).compilation();
    assertThat(c).hadErrorContaining("[backprop:private-callee] Smooth.softplusPullback is not "
        + "visible to the generated gradient class").inFile(USER)
        .onLineContaining("Smooth.softplus(x) * x");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void rulesBesideFunctionsWorkFromAnotherBuild(@TempDir Path dir) {
    Compilation library = javac().withOptions("-proc:none").compile(OPEN_RULE);
    assertThat(library).succeeded();
    Diagnostics.writeClassFiles(library, dir);
    JavaFileObject user = source("p.OpenUser", """
        package p;

        import dev.backprop.Differentiable;
        import lib.Open;

        final class OpenUser {
          @Differentiable
          static double open(double x) {
            return Open.softplus(x) * x;
          }
        }
        """);
    Compilation c = javac()
        .withProcessors(new DifferentiableProcessor())
        .withClasspath(List.of(dir.toFile(), Diagnostics.runtimeJar()))
        .withOptions("-Xlint:all", "-Werror")
        .compile(user);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.OpenUserGrad").contentsAsUtf8String()
        .contains("Open.softplusPullback(x, ");
  }
}
