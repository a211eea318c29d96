package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The names in generated code (README, "Names in generated code"): the user's names stay, adjoints
 * are {@code d} + the name, and where two would clash the one that gives way takes a number.
 * Each gradient is also checked against central differences.
 */
class NamingTest {

  private static final String NAMES = """
      package t;

      import dev.backprop.Differentiable;

      final class Names {
        @Differentiable static double localsLikeAdjoints(double[] w, double x) {
          double dw = 0.5 * w[0];
          double dx = x * dw;
          return w[1] * dx + x * x;
        }

        @Differentiable static double siblingLoops(double[] w) {
          double s = 0;
          for (int j = 0; j < w.length; j++) {
            s = 0.5 * s + w[j] * w[j];
          }
          for (int j = 0; j < w.length; j++) {
            s = 0.9 * s + Math.sin(w[j]);
          }
          return s;
        }

        @Differentiable static double sameLocalInSiblingBlocks(double x, double y) {
          if (x > y) {
            double t = x * y;
            return Math.exp(t);
          } else {
            double t = x - y;
            return Math.exp(t);
          }
        }

        @Differentiable static double bookkeepingNames(double grad, double seed, double tape) {
          double[] h = new double[2];
          h[0] = grad * seed;
          h[1] = tape * h[0];
          return h[0] + h[1] * h[1];
        }

        @Differentiable static double parameterNamedLikeAnAdjoint(double x, double dx) {
          return x * dx + Math.sin(x);
        }
      }
      """;

  private static CompiledGradients compiled;
  private static String generated;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Names", NAMES);
    generated = compiled.generatedSource("t.NamesGrad");
  }

  @Test
  void gradientsAreRight() {
    for (String method : new String[] {"sameLocalInSiblingBlocks", "bookkeepingNames",
        "parameterNamedLikeAnAdjoint"}) {
      compiled.check("t.Names", "t.NamesGrad", method, -1.5, 1.5, 20, 7);
    }
    Random random = new Random(11);
    for (int i = 0; i < 20; i++) {
      double[] w = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double x = random.nextGaussian();
      new ArrayGradients(compiled, "t.Names", "t.NamesGrad", "localsLikeAdjoints",
          new Object[] {w, x}, new int[] {1}, new int[] {0}).check();
      new ArrayGradients(compiled, "t.Names", "t.NamesGrad", "siblingLoops",
          new Object[] {w}, new int[0], new int[] {0}).check();
    }
  }

  @Test
  void thePublicAdjointOfAnArrayIsAlwaysDPlusItsName() {
    assertThat(generated).contains(
        "localsLikeAdjoints(double[] w, double x, double[] grad, double[] dw)");
    // the user's locals dw and dx give way to the adjoints of w and x
    assertThat(generated).contains("double dw2 = 0.5 * w[0];");
    assertThat(generated).contains("double dx2 = x * dw2;");
  }

  @Test
  void siblingLoopsKeepTheUsersCounter() {
    // each iteration reads the previous s, so neither loop fuses and both are reversed
    assertThat(count("for (int j = 0; j < w.length; j++)")).isEqualTo(4); // both forms
    assertThat(count("for (int j = w.length - 1; j >= 0; j--)")).isEqualTo(4);
  }

  @Test
  void aLocalOfSiblingBlocksKeepsItsNameInBoth() {
    assertThat(count("double t = x * y;")).isEqualTo(2); // both forms
    assertThat(count("double t = x - y;")).isEqualTo(2);
    assertThat(generated).doesNotContain("t2");
  }

  @Test
  void generatedParametersGiveWayToTheUsers() {
    assertThat(generated).contains(
        "bookkeepingNames(double grad, double seed, double tape, double[] grad2)");
    assertThat(generated).contains(
        "bookkeepingNamesPullback(double grad, double seed, double tape, double seed2,");
    assertThat(generated).contains("Tape tape2 = Tape.get();");
  }

  @Test
  void aParameterNamedLikeAnotherOnesAdjointGivesWay() {
    assertThat(generated).contains(
        "parameterNamedLikeAnAdjoint(double x, double dx2, double[] grad)");
  }

  /**
   * Classes of the user's package named like what generated code uses from java.lang, the
   * runtime or java.util: the gradient class still compiles and means java.lang's Math.
   */
  @Test
  void classesOfThePackageNamedMathOrTapeShadowNothing() {
    CompiledGradients shadowed = CompiledGradients.compile(
        "s.Math", "package s;\nfinal class Math {\n  static double exp(double x) {\n"
            + "    return 0;\n  }\n}\n",
        "s.Double", "package s;\nfinal class Double {}\n",
        "s.IllegalArgumentException", "package s;\nfinal class IllegalArgumentException {}\n",
        "s.Tape", "package s;\nfinal class Tape {}\n",
        "s.Arguments", "package s;\nfinal class Arguments {}\n",
        "s.Arrays", "package s;\nfinal class Arrays {}\n",
        "s.User", """
            package s;

            import dev.backprop.Differentiable;

            final class User {
              @Differentiable
              static double f(double[] x, double y) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s = s * java.lang.Math.sin(x[i]) + y * java.lang.Double.MIN_NORMAL * 1e300;
                }
                return java.lang.Math.exp(s) + java.lang.Math.max(s, y);
              }
            }
            """);
    new ArrayGradients(shadowed, "s.User", "s.UserGrad", "f",
        new Object[] {new double[] {0.3, -0.5, 0.9}, 0.7}, new int[] {1}, new int[] {0}).check();
    String generated = shadowed.generatedSource("s.UserGrad");
    assertThat(generated).contains("java.lang.Math.exp(s)");
    // in code (comments quote the source as written)
    assertThat(generated.lines().filter(l -> !l.strip().startsWith("//"))
        .filter(l -> l.matches(".*[^.]Math\\..*")).toList()).isEmpty();
  }

  private static int count(String text) {
    return generated.split(Pattern.quote(text), -1).length - 1;
  }
}
