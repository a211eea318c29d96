package dev.backprop.processor;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Calls of differentiable methods that take arrays chain through the callee's pullback. */
class ArrayCallGradientsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Calls {
        @Differentiable(wrt = "w")
        static double dot(double[] w, double[] x) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += w[i] * x[i];
          }
          return s;
        }

        @Differentiable
        static double sumsq(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += v[i] * v[i];
          }
          return s;
        }

        /** Logistic loss: the callee adds into dw, once per example. */
        @Differentiable(wrt = {"w", "b"})
        static double loss(double[][] xs, double[] w, double b) {
          double total = 0;
          for (int n = 0; n < xs.length; n++) {
            double z = dot(w, xs[n]) + b;
            total += Math.log1p(Math.exp(-z));
          }
          return total + 0.1 * sumsq(w);
        }

        /** A data array where the callee differentiates: the caller passes a throwaway adjoint. */
        @Differentiable(wrt = {"c"})
        static double dataArgument(double[] a, double c) {
          return sumsq(a) * c * c;
        }

        /** The same array twice: both partials add into one adjoint. */
        @Differentiable
        static double twice(double[] a) {
          return sumsq(a) * sumsq(a) + Math.sin(sumsq(a));
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Calls", SOURCE);
  }

  private static double[] random(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextDouble() * 2 - 1;
    }
    return v;
  }

  private static void check(String method, Object[] args, int[] scalars, int[] arrays) {
    new ArrayGradients(compiled, "t.Calls", "t.CallsGrad", method, args, scalars, arrays).check();
  }

  @Test
  void callsWithArrays() {
    Random random = new Random(7);
    for (int trial = 0; trial < 5; trial++) {
      double[][] xs = new double[1 + random.nextInt(6)][];
      for (int n = 0; n < xs.length; n++) {
        xs[n] = random(random, 3);
      }
      check("loss", new Object[] {xs, random(random, 3), 0.2}, new int[] {2}, new int[] {1});
      check("dataArgument", new Object[] {random(random, 4), 0.7}, new int[] {1}, new int[0]);
      check("twice", new Object[] {random(random, 3)}, new int[0], new int[] {0});
      check("sumsq", new Object[] {random(random, 5)}, new int[0], new int[] {0});
    }
  }
}
