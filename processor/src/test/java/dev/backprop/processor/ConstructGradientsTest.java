package dev.backprop.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.processor.testing.CompiledGradients;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every construct of the accepted subset, and the shapes that break other tools (reassigned
 * variables, early returns, name clashes), checked against central differences.
 */
class ConstructGradientsTest {

  private static final String CONSTRUCTS = """
      package t;

      import static java.lang.Math.*;

      import dev.backprop.Differentiable;

      final class Constructs {
        static final double ALPHA = 0.1;
        private static final double BETA = 2.5;
        static final int N = 3;

        @Differentiable static double locals(double x, double y) {
          double q = x + y;
          final double r = q * x;
          var s = r / y;
          return s - q;
        }

        @Differentiable static double reassigned(double x, double r) {
          x = r * x * (1 - x);
          x = r * x * (1 - x);
          x = r * x * (1 - x);
          return x;
        }

        @Differentiable static double compound(double x, double y) {
          double acc = x;
          acc += y * x;
          acc -= Math.sin(y);
          acc *= x + 1;
          acc /= y;
          acc += acc * acc;
          return acc;
        }

        @Differentiable static double intSemantics(double x, int k) {
          int half = k / 2;
          double third = 1 / 3;
          long big = 3L * k;
          int rounded = (int) x;
          return x * half + third + big * x + (double) rounded + (x / k) + 1 / 2 * x;
        }

        @Differentiable static double intCompound(double x, int k) {
          int j = k;
          j += 2;
          j *= j;
          double m = x;
          m *= j;
          return m;
        }

        @Differentiable static double casts(double x) {
          double y = (double) N * x;
          int truncated = (int) (x * 10);
          return y * y + truncated + (long) y + (double) (int) y;
        }

        @Differentiable static double constants(double x) {
          return ALPHA * x + BETA * x * x + N + PI * x + E + Constants2.GAMMA * x;
        }

        @Differentiable static double staticImports(double x) {
          return exp(x) + sqrt(x) * log(x) + pow(x, 3) + max(x, 0.5) + tanh(x);
        }

        @Differentiable static double unary(double x) {
          double n = -x;
          return -(-n) + +x - -x;
        }

        @Differentiable static double ternary(double x, double y) {
          double z = x > 0.5 ? x * y : y > 0.5 ? Math.exp(x) : -x;
          return z * (y < x ? y : x);
        }

        @Differentiable static double ifElse(double x, double y) {
          double z;
          if (x > 0.7) {
            z = x * x;
          } else if (x > 0.4) {
            double t = Math.sin(x * y);
            z = t * y;
          } else {
            z = y;
          }
          return z * x;
        }

        @Differentiable static double earlyReturns(double x, double y) {
          if (x > 0.6) {
            if (y > 0.5) {
              return x * y;
            }
            x = x * 2;
          }
          double q = x + y;
          if (q > 1.2) {
            return Math.log(q);
          }
          return q * q;
        }

        @Differentiable static double conditionChanges(double x, double y) {
          double z = x;
          if (z > 0.5) {
            z = z * y;
            z = z + 1;
          }
          if (z > 0.5) {
            z = z * z;
          }
          return z;
        }

        @Differentiable static double declaredLater(double x, double y) {
          double z;
          if (x > y) {
            z = x;
          } else {
            z = y * y;
          }
          z = z * x;
          return z;
        }

        @Differentiable static double assignedAfterAnEarlyReturn(double x, double y) {
          double q;
          if (1.5 >= x + y) {
            return 1.5;
          }
          q = 1.5 * y;
          return x * q;
        }

        @Differentiable static double returnsParameter(double x, double y) {
          x = x * y;
          return x;
        }

        @Differentiable static double returnsUntouchedParameter(double x, double y) {
          return x;
        }

        @Differentiable static double constantResult(double x) {
          return 3;
        }

        @Differentiable static double fanOut(double a, double b) {
          double c = a * b;
          double d = c + c * c + Math.exp(c) * c;
          return d * a;
        }

        @Differentiable static double division(double a, double b, int k) {
          return a / b + k / b + a / k + (a + b) / (a - b + 2);
        }

        @Differentiable(wrt = {"b"})
        static double wrtSubset(double a, double b, double c) {
          return a * b * c + Math.exp(b);
        }

        @Differentiable(wrt = {"c", "a"})
        static double wrtOrder(double a, double b, double c) {
          return a * b + c * c;
        }

        @Differentiable static double clashes(double grad, double seed, double da, double dq) {
          double q = grad * seed;
          double out = q * da + dq;
          double exp = Math.exp(out);
          double sum = exp + 1;
          return sum * grad;
        }

        @Differentiable static double mixedParameters(double x, int n, long m, boolean flag, double y) {
          double s = flag ? x * n : y * m;
          return s + (flag && n > 2 ? y : x);
        }

        @Differentiable static double strict(double x) {
          return StrictMath.sin(x) * StrictMath.exp(x);
        }

        @Differentiable static double kinks(double x, double y) {
          return Math.abs(x - y) + Math.min(x, y) * Math.max(x - 0.5, 0);
        }
      }
      """;

  private static final String CALLS = """
      package t;

      import dev.backprop.Differentiable;

      public final class Calls {
        @Differentiable static double sig(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Differentiable static double neuron(double a, double b, double c, double x, double y) {
          return sig(a * x + b * y + c);
        }

        @Differentiable static double twice(double x) {
          return sig(sig(x)) * sig(x);
        }

        @Differentiable(wrt = {"a"})
        static double scaled(double a, double b, int k) {
          return a * b * k;
        }

        @Differentiable static double callsWrtSubset(double x, double y) {
          return scaled(x * y, 2.0, 3) + Helpers.cube(y);
        }

        @Differentiable static double callInBranch(double x, double y) {
          if (sig(x) > 0.55) {
            return Helpers.cube(x + y);
          }
          double z = x > 0.3 ? sig(y) : y;
          return z;
        }

        static final class Nested {
          @Differentiable static double inner(double x) {
            return Helpers.cube(x) + sig(x);
          }
        }
      }
      """;

  private static final String HELPERS = """
      package t;

      import dev.backprop.Differentiable;

      final class Helpers {
        @Differentiable static double cube(double x) {
          double y = x * x;
          return y * x;
        }
      }
      """;

  private static final String CONSTANTS2 = """
      package t;

      public final class Constants2 {
        public static final double GAMMA = Math.sqrt(2);
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = compileAll();
  }

  private static CompiledGradients compileAll() {
    return CompiledGradients.compile(
            "t.Constructs", CONSTRUCTS,
            "t.Calls", CALLS,
            "t.Helpers", HELPERS,
            "t.Constants2", CONSTANTS2)
        .wrt("t.Constructs", "wrtSubset", 1)
        .wrt("t.Constructs", "wrtOrder", 0, 2)
        .wrt("t.Calls", "scaled", 0);
  }

  static List<String> constructs() {
    return compileAll().gradientMethods("t.ConstructsGrad");
  }

  static List<String> calls() {
    return compileAll().gradientMethods("t.CallsGrad");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constructs")
  void construct(String method) {
    compiled.check("t.Constructs", "t.ConstructsGrad", method, 0.1, 0.9, 12, method.hashCode());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void call(String method) {
    compiled.check("t.Calls", "t.CallsGrad", method, 0.1, 0.9, 12, method.hashCode());
  }

  @Test
  void nestedClassAndOtherClass() {
    compiled.check("t.Calls$Nested", "t.Calls_NestedGrad", "inner", 0.1, 0.9, 8, 7);
    compiled.check("t.Helpers", "t.HelpersGrad", "cube", -2, 2, 8, 8);
  }

  @Test
  void wrtKeepsDeclarationOrder() {
    // d/da (a b + c^2) = b, d/dc = 2c, in declaration order a, c whatever wrt's order
    double[] result = compiled.gradientAt("t.ConstructsGrad", "wrtOrder", 2, 2.0, 3.0, 5.0);
    assertArrayEquals(new double[] {6 + 25, 3, 10}, result, 0);
  }

  @Test
  void integerSubExpressionsAreConstants() {
    // half = 1, third = 0, big = 9, rounded = 2; 1 / 2 * x = 0
    double[] r = compiled.gradientAt("t.ConstructsGrad", "intSemantics", 1, 2.5, 3);
    assertEquals(2.5 * 1 + 0 + 9 * 2.5 + 2 + 2.5 / 3, r[0], 1e-15);
    assertEquals(1 + 9 + 1.0 / 3, r[1], 1e-15);
  }

  @Test
  void constantResultHasZeroGradient() {
    assertArrayEquals(new double[] {3, 0}, compiled.gradientAt("t.ConstructsGrad",
        "constantResult", 1, 0.4), 0);
  }

  @Test
  void kinksFollowTheDocumentedConventions() {
    // |x - y| + min(x, y) * max(x - 0.5, 0) at x = y = 0.5: abs' is 0 at 0; the ties of min
    // and of max go to their first argument, so only x gets min's value times max's 1.
    assertArrayEquals(new double[] {0, 0.5, 0},
        compiled.gradientAt("t.ConstructsGrad", "kinks", 2, 0.5, 0.5), 0);
  }
}
