package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.lang.reflect.Method;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Helpers: methods of the calling method's top-level class without {@code @Differentiable},
 * differentiated as if they had it (private ones too, through a copy in the gradient class that
 * callers' forward sweeps call), helpers calling helpers, in loops, over arrays, in a nested
 * class; and a double computed from no double, which carries no gradient.
 */
class HelpersTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Model {
        private static double sq(double x) {
          return x * x;
        }

        static double softplus(double x) {
          return x > 30 ? x : Math.log1p(Math.exp(x));
        }

        private static double weighted(double[] w, double[] v) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += sq(w[i]) * v[i];
          }
          return s;
        }

        static double stride(int i) {
          return 1 + i % 3;
        }

        private static boolean inRange(double v) {
          return v > -1 && v < 1;
        }

        private static int bucket(double v, int buckets) {
          int b = (int) Math.floor((v + 2) * buckets / 4);
          return b < 0 ? 0 : Math.min(b, buckets - 1);
        }

        private static long ones(int n) {
          long c = 0;
          while (n > 0) {
            c += n % 2;
            n /= 2;
          }
          return c;
        }

        /** Returns inside loops (found by adversarial testing: the copy did not compile). */
        private static boolean anyNegative(double[] xs) {
          for (double v : xs) {
            if (v < 0) {
              return true;
            }
          }
          return false;
        }

        private static int countBelow(double[] xs, double limit) {
          int c = 0;
          for (int j = 0; j < xs.length; j++) {
            if (xs[j] > limit) {
              return c;
            }
            c++;
          }
          return c;
        }

        @Differentiable
        static double early(double x, double[] w) {
          return (anyNegative(w) ? -x : x) * countBelow(w, 1.5);
        }

        /** Private helpers that carry no gradient: predicates, indices, counts. */
        @Differentiable
        static double gated(double x, double[] w) {
          double s = inRange(x) ? x * x : x;
          for (int i = 0; i < w.length; i++) {
            s += w[bucket(w[i], w.length)] * ones(i) * x;
          }
          return s;
        }

        static final class Activations {
          private static double leaky(double x) {
            return x > 0 ? x : 0.01 * x;
          }
        }

        @Differentiable
        static double scalar(double x, double y) {
          return sq(x) + softplus(x * y) + sq(sq(y)) + Activations.leaky(x - y);
        }

        @Differentiable
        static double arrays(double[] w, double[] v) {
          double s = weighted(w, v) + sq(w[0]);
          for (int i = 0; i < v.length; i += (int) stride(i)) {
            s += softplus(w[i] * v[i]);
          }
          return s;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Model", SOURCE);
  }

  @Test
  void gradientsMatchCentralDifferences() {
    Random random = new Random(21);
    for (int trial = 0; trial < 30; trial++) {
      compiled.checkAt("t.Model", "t.ModelGrad", "scalar", random.nextGaussian(),
          random.nextGaussian());
      double[] w = CompiledGradients.gaussian(1 + random.nextInt(8), random, 1);
      double[] v = CompiledGradients.gaussian(w.length, random, 1);
      new ArrayGradients(compiled, "t.Model", "t.ModelGrad", "arrays", new Object[] {w, v},
          new int[0], new int[] {0, 1}).check();
      new ArrayGradients(compiled, "t.Model", "t.ModelGrad", "early",
          new Object[] {random.nextGaussian(), CompiledGradients.gaussian(1 + random.nextInt(40),
              random, 1)}, new int[] {0}, new int[] {1}).check();
      new ArrayGradients(compiled, "t.Model", "t.ModelGrad", "gated",
          new Object[] {1.6 * random.nextDouble() - 0.8, v}, new int[] {0}, new int[] {1}).check();
    }
  }

  @Test
  void aPrivateHelpersCopyIsTheHelperBitForBit() throws Exception {
    Class<?> source = compiled.load("t.Model");
    Class<?> grad = compiled.load("t.ModelGrad");
    Method weighted = source.getDeclaredMethod("weighted", double[].class, double[].class);
    Method copy = grad.getDeclaredMethod("weightedValue", double[].class, double[].class);
    weighted.setAccessible(true);
    copy.setAccessible(true);
    Random random = new Random(5);
    for (int trial = 0; trial < 50; trial++) {
      double[] w = CompiledGradients.gaussian(1 + random.nextInt(6), random, 3);
      double[] v = CompiledGradients.gaussian(w.length, random, 3);
      assertThat(Double.doubleToRawLongBits((double) copy.invoke(null, w, v)))
          .isEqualTo(Double.doubleToRawLongBits((double) weighted.invoke(null, w, v)));
    }
  }

  @Test
  void copiesWithReturnsInsideLoopsAreTheMethodsBitForBit() throws Exception {
    Class<?> source = compiled.load("t.Model");
    Class<?> grad = compiled.load("t.ModelGrad");
    Method count = source.getDeclaredMethod("countBelow", double[].class, double.class);
    Method countCopy = grad.getDeclaredMethod("countBelowValue", double[].class, double.class);
    Method any = source.getDeclaredMethod("anyNegative", double[].class);
    Method anyCopy = grad.getDeclaredMethod("anyNegativeValue", double[].class);
    for (Method m : new Method[] {count, countCopy, any, anyCopy}) {
      m.setAccessible(true);
    }
    Random random = new Random(6);
    for (int trial = 0; trial < 50; trial++) {
      double[] w = CompiledGradients.gaussian(random.nextInt(60), random, 1);
      assertThat(countCopy.invoke(null, w, 1.5)).isEqualTo(count.invoke(null, w, 1.5));
      assertThat(anyCopy.invoke(null, (Object) w)).isEqualTo(any.invoke(null, (Object) w));
    }
  }

  @Test
  void theGeneratedCodeCallsTheHelpersGradients() {
    String generated = compiled.generatedSource("t.ModelGrad");
    // private: a copy; package-private: the helper itself
    assertThat(generated).contains("ModelGrad.sqValue(x)");
    assertThat(generated).contains("ModelGrad.sqPullback(x, ");
    assertThat(generated).contains("Model.softplus(prod)");
    assertThat(generated).contains("ModelGrad.softplusPullback(");
    assertThat(generated).contains("static double weightedValue(double[] w, double[] v)");
    assertThat(generated).doesNotContain("softplusValue");
    // the nested class's helper is in its own gradient class, with a copy
    assertThat(compiled.generatedSource("t.Model_ActivationsGrad"))
        .contains("static double leakyValue(double x)");
    // private ones that carry no gradient: a copy alone
    assertThat(generated).contains("static boolean inRangeValue(double v)");
    assertThat(generated).contains("static int bucketValue(double v, int buckets)");
    assertThat(generated).contains("static long onesValue(int n)");
    assertThat(generated).doesNotContain("inRangePullback");
    // a double from an int carries no gradient: called as it is
    assertThat(generated).contains("Model.stride(i)");
    assertThat(generated).doesNotContain("stridePullback");
  }
}
