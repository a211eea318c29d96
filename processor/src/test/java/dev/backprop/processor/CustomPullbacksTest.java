package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pullbacks registered with {@code @PullbackOf}: a library function without source (Hipparchus'
 * {@code Erf.erf}), a numerically careful function of one's own ({@code log1pexp}), an implicit
 * function solved by Newton iterations (Kepler's equation), functions of arrays with data
 * parameters, rules found in the caller's class, a class nested in it, or the function's class.
 * Each gradient is checked against central differences; a wrong rule is caught the same way.
 */
class CustomPullbacksTest {

  private static final String SPECIAL = """
      package t;

      import dev.backprop.PullbackOf;
      import org.hipparchus.special.Erf;

      /** Functions with registered pullbacks; the rules sit beside the functions. */
      final class Special {
        private Special() {}

        /** log(1 + e^x) without overflow. */
        static double log1pexp(double x) {
          return x > 33 ? x : Math.log1p(Math.exp(x));
        }

        @PullbackOf(method = "log1pexp")
        static void log1pexpPullback(double x, double seed, double[] grad) {
          grad[0] += seed / (1 + Math.exp(-x));
        }

        /** The eccentric anomaly E of Kepler's equation E - e sin E = m, by Newton's method. */
        static double eccentricAnomaly(double m, double e) {
          double ea = m;
          for (int k = 0; k < 60; k++) {
            double f = ea - e * Math.sin(ea) - m;
            if (Math.abs(f) < 1e-15) {
              break;
            }
            ea -= f / (1 - e * Math.cos(ea));
          }
          return ea;
        }

        /** Implicit derivative: dE (1 - e cos E) = dm + sin E de. */
        @PullbackOf(method = "eccentricAnomaly")
        static void eccentricAnomalyPullback(double m, double e, double seed, double[] grad) {
          double ea = eccentricAnomaly(m, e);
          double slope = seed / (1 - e * Math.cos(ea));
          grad[0] += slope;
          grad[1] += slope * Math.sin(ea);
        }

        /** A weighted sum of the first n elements; the weights are data. */
        static double weighted(double[] a, double[] weights, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += a[i] * weights[i];
          }
          return s;
        }

        @PullbackOf(method = "weighted", wrt = "a")
        static void weightedPullback(double[] a, double[] weights, int n, double seed,
            double[] da) {
          for (int i = 0; i < n; i++) {
            da[i] += seed * weights[i];
          }
        }

        /** Scalars and arrays together: scale * sum of squares of v. */
        static double scaledNorm(double scale, double[] v) {
          double s = 0;
          for (double x : v) {
            s += x * x;
          }
          return scale * s;
        }

        @PullbackOf(method = "scaledNorm")
        static void scaledNormPullback(double scale, double[] v, double seed, double[] grad,
            double[] dv) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += v[i] * v[i];
            dv[i] += seed * 2 * scale * v[i];
          }
          grad[0] += seed * s;
        }

        @PullbackOf(type = Erf.class, method = "erf")
        static void erfPullback(double x, double seed, double[] grad) {
          grad[0] += seed * 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
        }
      }
      """;

  private static final String MODELS = """
      package t;

      import dev.backprop.Differentiable;
      import dev.backprop.PullbackOf;
      import org.hipparchus.special.Erf;

      final class Models {
        private Models() {}

        /** Erf.erf's rule in this class; erfc's in a class nested in it. */
        @PullbackOf(type = Erf.class, method = "erf")
        static void erfPullback(double x, double seed, double[] grad) {
          grad[0] += seed * 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
        }

        static final class Rules {
          @PullbackOf(type = Erf.class, method = "erfc")
          static void erfcPullback(double x, double seed, double[] grad) {
            grad[0] -= seed * 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
          }
        }

        /** The normal distribution's CDF at (x - mu) / sigma, by the library's erf and erfc. */
        @Differentiable
        static double normalCdf(double x, double mu, double sigma) {
          double z = (x - mu) / (sigma * Math.sqrt(2));
          return z < 0 ? 0.5 * Erf.erfc(-z) : 0.5 * (1 + Erf.erf(z));
        }

        /** Softplus regression: the rule of the function's own class, in a loop. */
        @Differentiable(wrt = "w")
        static double softplusLoss(double[] w, double[] x, double[] y) {
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            double margin = y[i] * (w[0] * x[i] + w[1]);
            loss += Special.log1pexp(-margin);
          }
          return loss / x.length;
        }

        /** An orbit's true anomaly: the implicit function inside a formula. */
        @Differentiable
        static double trueAnomaly(double m, double e) {
          double ea = Special.eccentricAnomaly(m, e);
          return 2 * Math.atan2(Math.sqrt(1 + e) * Math.sin(ea / 2),
              Math.sqrt(1 - e) * Math.cos(ea / 2));
        }

        @Differentiable(wrt = "a")
        static double arrays(double[] a, double[] weights, double scale) {
          return Special.weighted(a, weights, a.length - 1) * scale
              + Special.scaledNorm(scale, a);
        }

        /** Both arguments carry gradient into a rule over a scalar and an array. */
        @Differentiable
        static double both(double scale, double[] a) {
          return Special.scaledNorm(scale * scale, a) + Erf.erf(a[0]);
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Special", SPECIAL, "t.Models", MODELS);
  }

  @Test
  void gradientsMatchCentralDifferences() {
    Random random = new Random(5);
    for (int trial = 0; trial < 20; trial++) {
      compiled.checkAt("t.Models", "t.ModelsGrad", "normalCdf", 2 * random.nextGaussian(),
          random.nextGaussian(), 0.5 + random.nextDouble());
      compiled.checkAt("t.Models", "t.ModelsGrad", "trueAnomaly", 6 * random.nextDouble(),
          0.9 * random.nextDouble());
      double[] a = CompiledGradients.gaussian(2 + random.nextInt(4), random, 1);
      double[] weights = CompiledGradients.gaussian(a.length, random, 1);
      new ArrayGradients(compiled, "t.Models", "t.ModelsGrad", "arrays",
          new Object[] {a, weights, random.nextGaussian()}, new int[0], new int[] {0}).check();
      new ArrayGradients(compiled, "t.Models", "t.ModelsGrad", "both",
          new Object[] {random.nextGaussian(), a}, new int[] {0}, new int[] {1}).check();
      double[] x = CompiledGradients.gaussian(5, random, 2);
      double[] y = new double[x.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = random.nextBoolean() ? 1 : -1;
      }
      new ArrayGradients(compiled, "t.Models", "t.ModelsGrad", "softplusLoss",
          new Object[] {CompiledGradients.gaussian(2, random, 1), x, y}, new int[0],
          new int[] {0}).check();
    }
  }

  @Test
  void theForwardSweepCallsTheFunctionAndTheBackwardSweepItsPullback() {
    String generated = compiled.generatedSource("t.ModelsGrad");
    assertThat(generated).contains("Erf.erf(z)");
    assertThat(generated).contains("Models.erfPullback(z, ");
    assertThat(generated).contains("Models.Rules.erfcPullback(");
    assertThat(generated).contains("Special.eccentricAnomaly(m, e)");
    assertThat(generated).contains("Special.eccentricAnomalyPullback(m, e, ");
    assertThat(generated).contains("Special.weightedPullback(a, weights, a.length - 1, ");
    assertThat(generated).contains("Special.log1pexpPullback(");
  }

  @Test
  void theStableFunctionStaysFiniteWhereTheNaiveFormulaOverflows() {
    double[] w = {400, 0};
    double[] dw = new double[2];
    double[] x = {1, -1};
    double[] y = {-1, 1};
    double[] out = compiled.gradientAtArrays("t.ModelsGrad", "softplusLoss", w, x, y, dw);
    assertThat(out[0]).isWithin(1e-9).of(400);
    assertThat(dw[0]).isWithin(1e-9).of(1);
    assertThat(dw[1]).isWithin(1e-9).of(0);
  }

  /**
   * Found by adversarial testing: a deprecated rule (compiled with -Werror), type annotations on
   * the parameters, a rule in a class nested in the function's, a function inherited from a
   * superclass, and an overloaded function whose int overload has its own rule.
   */
  @Test
  void rulesInEveryPlaceTheyMayBe() {
    CompiledGradients more = CompiledGradients.compile("t.Base", """
        package t;

        import dev.backprop.PullbackOf;
        import java.lang.annotation.ElementType;
        import java.lang.annotation.Target;

        class Base {
          @Target(ElementType.TYPE_USE)
          @interface NonNegative {}

          static double cube(@NonNegative double x) {
            return x * x * x;
          }

          static double power(double x, int n) {
            return Math.pow(x, n);
          }

          static double power(double x, double y) {
            return Math.pow(x, y);
          }

          static final class Rules {
            @Deprecated
            @PullbackOf(type = Base.class, method = "cube")
            static void cubePullback(@NonNegative double x, double seed, double[] grad) {
              grad[0] += 3 * x * x * seed;
            }

            @PullbackOf(type = Base.class, method = "power")
            static void powerIntPullback(double x, int n, double seed, double[] grad) {
              grad[0] += n * Math.pow(x, n - 1) * seed;
            }

            @PullbackOf(type = Base.class, method = "power")
            static void powerPullback(double x, double y, double seed, double[] grad) {
              double p = Math.pow(x, y);
              grad[0] += y * Math.pow(x, y - 1) * seed;
              grad[1] += p * Math.log(x) * seed;
            }
          }
        }
        """, "t.Derived", """
        package t;

        import dev.backprop.Differentiable;

        final class Derived extends Base {
          @Differentiable
          static double model(double x, double y) {
            return cube(x) + power(x, 3) + power(x, y);
          }
        }
        """);
    Random random = new Random(9);
    for (int trial = 0; trial < 20; trial++) {
      more.checkAt("t.Derived", "t.DerivedGrad", "model", 0.5 + random.nextDouble(),
          random.nextGaussian());
    }
    String generated = more.generatedSource("t.DerivedGrad");
    assertThat(generated).contains("Base.Rules.cubePullback(x, ");
    assertThat(generated).contains("Base.Rules.powerIntPullback(x, 3, ");
    assertThat(generated).contains("Base.Rules.powerPullback(x, y, ");
    assertThat(generated).contains("@SuppressWarnings(\"deprecation\")");
  }

  @Test
  void aWrongRuleIsCaughtByCentralDifferences() {
    CompiledGradients wrong = CompiledGradients.compile("t.Wrong", """
        package t;

        import dev.backprop.Differentiable;
        import dev.backprop.PullbackOf;

        final class Wrong {
          static double cube(double x) {
            return x * x * x;
          }

          /** 3 x, not 3 x^2: wrong. */
          @PullbackOf(method = "cube")
          static void cubePullback(double x, double seed, double[] grad) {
            grad[0] += seed * 3 * x;
          }

          @Differentiable
          static double f(double x) {
            return cube(x) + x;
          }
        }
        """);
    AssertionError error = assertThrows(AssertionError.class,
        () -> wrong.checkAt("t.Wrong", "t.WrongGrad", "f", 2.0));
    assertThat(error).hasMessageThat().contains("f");
  }
}
