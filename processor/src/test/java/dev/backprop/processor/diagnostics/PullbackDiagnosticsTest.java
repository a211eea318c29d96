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

        static double f(double a, double b) {
          return a * b * b;
        }

        @PullbackOf(method = "f")
        static void rule(double a, double b, double seed, double[] grad) {
        }

        static double g(int n, double x) {
          return n * Math.sin(x);
        }

        @PullbackOf(method = "g")
        static void rule(int n, double x, double seed, double[] grad) {
        }

        static double sum(double... xs) {
          return xs.length;
        }

        @PullbackOf(method = "sum")
        static void sumPullback(double[] xs, double seed, double[] dxs) {
        }

        @PullbackOf(method = "square")
        static void squarePullbackThrowing(double x, double seed, double[] grad)
            throws java.io.IOException {
        }

        @PullbackOf(type = int.class, method = "square")
        static void squareOfInt(double x, double seed, double[] grad) {
        }

        @PullbackOf(type = Math.class, method = "sin")
        static void sinPullback(double x, double seed, double[] grad) {
        }

        @PullbackOf(method = "scaled", wrt = {"v", "v"})
        static void scaledTwice(double[] v, double scale, double seed, double[] dv) {
        }

        static <T> double tagged(double x, T tag) {
          return x;
        }

        @PullbackOf(method = "tagged")
        static void taggedPullback(double x, Object tag, double seed, double[] grad) {
        }

        static double boxed(Double x) {
          return x;
        }

        @PullbackOf(method = "boxed")
        static void boxedPullback(Double x, double seed) {
        }

        static double named(double seed, double[] grad) {
          return seed * grad[0];
        }

        @PullbackOf(method = "named")
        static void namedPullback(double seed, double[] grad, double s) {
        }

        static int peak(int a, int b) {
          return Math.max(a, b);
        }

        static double peak(double a, double b) {
          return Math.max(a, b);
        }

        @PullbackOf(method = "peak")
        static void peakPullback(double a, double b, double seed) {
        }

        static double io(double x) throws java.io.IOException {
          return x;
        }

        @Differentiable
        static double callsIo(double x) throws java.io.IOException {
          return io(x) * x;
        }

        @Differentiable
        static double callsSum(double a, double b) {
          return sum(a, b, a * b);
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
    assertOne("[backprop:pullback] a @PullbackOf method must be static, return void, declare no "
        + "checked exception and not be private: the generated gradient classes call it",
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
  void aPullbackNameIsItsOwn() {
    assertOne("[backprop:pullback] another method of Rules is also named rule; give the pullback "
        + "a name of its own, so that the generated call reaches it and no other",
        "static void rule(double a, double b,");
    assertOne("[backprop:pullback] another method of Rules is also named rule",
        "static void rule(int n, double x,");
  }

  @Test
  void aVarargsFunctionHasNoPullback() {
    assertOne("[backprop:pullback] Rules.sum takes varargs, which calls from differentiable "
        + "methods cannot pass; wrap it in a static method that takes a double[]",
        "static void sumPullback(");
    List<String> errors = compile(RULES).errorsInMethod(RULES, "static double callsSum(");
    assertWithMessage("%s", errors).that(errors).isEmpty();
  }

  @Test
  void aPullbackDeclaresNoCheckedException() {
    assertOne("[backprop:pullback] a @PullbackOf method must be static, return void, declare no "
        + "checked exception and not be private", "static void squarePullbackThrowing(");
  }

  @Test
  void aCallOfAFunctionThatDeclaresACheckedExceptionIsAnError() {
    assertOne("[backprop:call] Rules.io declares java.io.IOException, a checked exception the "
        + "generated gradient class does not declare; call a method that handles it instead",
        "return io(x) * x;");
  }

  @Test
  void typeNamesAClass() {
    assertOne("[backprop:pullback] @PullbackOf(type = ...) must name a class, not a primitive or "
        + "array type", "static void squareOfInt(");
  }

  @Test
  void aBuiltInRuleIsNotReplaced() {
    assertOne("[backprop:pullback] Math.sin has a built-in derivative rule, which a pullback does "
        + "not replace; to change it, wrap the function in a static method of your own and "
        + "register the pullback of that", "static void sinPullback(");
  }

  @Test
  void wrtNamesEachParameterOnce() {
    assertOne("[backprop:pullback] wrt names 'v' twice", "static void scaledTwice(");
  }

  @Test
  void theFunctionIsNotGenericAndTakesWhatDifferentiableMethodsPass() {
    assertOne("[backprop:pullback] Rules.tagged has type parameters; only a function without "
        + "them can have a pullback", "static void taggedPullback(");
    assertOne("[backprop:pullback] Rules.boxed takes parameter 'x' of type java.lang.Double; a "
        + "function with a pullback takes double, int, long, boolean, double[], int[] or "
        + "double[][]", "static void boxedPullback(");
  }

  @Test
  void theSignatureToWriteCompilesAndIsForTheDoubleOverload() {
    // the function's own parameters are named seed and grad: the suggestion renames its own
    assertOne("[backprop:pullback] the pullback of Rules.named must be declared void "
        + "namedPullback(double seed, double[] grad, double seed2, double[] grad2, double[] "
        + "dgrad):",
        "static void namedPullback(");
    assertOne("[backprop:pullback] the pullback of Rules.peak must be declared void "
        + "peakPullback(double a, double b, double seed, double[] grad):",
        "static void peakPullback(");
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
  void aRegistrationInALocalClassIsAnError() {
    JavaFileObject local = source("p.Local", """
        package p;

        import dev.backprop.Differentiable;
        import dev.backprop.PullbackOf;

        final class Local {
          static double square(double x) {
            return x * x;
          }

          /** The processor runs on a file with a @Differentiable method (javac's choice). */
          @Differentiable
          static double cube(double x) {
            return x * x * x;
          }

          static Runnable make() {
            return new Runnable() {
              @PullbackOf(type = Local.class, method = "square")
              static void squarePullback(double x, double seed, double[] grad) {
              }

              @Override
              public void run() {
              }
            };
          }
        }
        """);
    Compilation c = compile(local).compilation();
    assertThat(c).hadErrorContaining("[backprop:pullback] a @PullbackOf method in a local or "
        + "anonymous class is out of every call's sight; move it to a top-level or member class")
        .inFile(local).onLineContaining("static void squarePullback(");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void nothingIsAddedToJavacsErrorInTheAnnotation() {
    JavaFileObject broken = source("p.Broken", """
        package p;

        import dev.backprop.PullbackOf;

        final class Broken {
          static double square(double x) {
            return x * x;
          }

          @PullbackOf(type = Missing.class, method = "square")
          static void squarePullback(double x, double seed, double[] grad) {
          }
        }
        """);
    Compilation c = Diagnostics.compileInvalidJava(broken).compilation();
    assertThat(c).failed();
    assertThat(c.errors().stream().map(d -> d.getMessage(java.util.Locale.ROOT))
        .filter(m -> m.contains("[backprop")).toList()).isEmpty();
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
