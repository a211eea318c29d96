package dev.backprop.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counted loops and arrays, checked against central differences at random points. */
class LoopGradientsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Loops {
        /** The article's SVM cost over a dataset. */
        @Differentiable(wrt = "w")
        static double cost(double[][] x, int[] y, double[] w, double alpha) {
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double score = w[0] * xi[0] + w[1] * xi[1] + w[2];
            double costi = Math.max(0, -y[i] * score + 1);
            total += costi;
          }
          double reg = alpha * (w[0] * w[0] + w[1] * w[1]);
          return total + reg;
        }

        /** A scalar overwritten in a loop. */
        @Differentiable
        static double logistic(double x, double r, int n) {
          for (int k = 0; k < n; k++) {
            x = r * x * (1 - x);
          }
          return x;
        }

        /** Nested loops, a local array, tanh reading its own result. */
        @Differentiable(wrt = {"w", "b"})
        static double mlp(double[] x, double[] w, double b, int hidden) {
          double[] h = new double[hidden];
          for (int j = 0; j < hidden; j++) {
            double s = b;
            for (int k = 0; k < x.length; k++) {
              s += w[j * x.length + k] * x[k];
            }
            h[j] = Math.tanh(s);
          }
          double out = 0;
          for (int j = 0; j < hidden; j++) {
            out += h[j] * h[j];
          }
          return out;
        }

        /** Softmax cross-entropy with a max shift, ifs and <= bounds. */
        @Differentiable(wrt = "logits")
        static double softmax(double[] logits, int label) {
          double max = logits[0];
          for (int k = 1; k <= logits.length - 1; k++) {
            if (logits[k] > max) {
              max = logits[k];
            }
          }
          double sum = 0;
          for (int k = 0; k < logits.length; k++) {
            sum += Math.exp(logits[k] - max);
          }
          return Math.log(sum) + max - logits[label];
        }

        /** Elements written, read back, accumulated and overwritten. */
        @Differentiable
        static double elements(double[] v, double a) {
          double[] t = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            t[i] = v[i] * a;
            t[i] += Math.sin(t[i]);
            t[i] *= v[i];
          }
          double acc = 1;
          for (int i = 0; i < t.length; i++) {
            acc = acc * (1 + t[i] * t[i]) / 2;
            t[i] = acc;
          }
          double out = 0;
          for (int i = 0; i < t.length; i++) {
            out += t[i] * (i + 1);
          }
          return out;
        }

        /** A while loop whose trip count depends on the values. */
        @Differentiable
        static double grow(double x, double r) {
          double y = x;
          while (y < 10) {
            y = y * r + 0.1;
          }
          return y;
        }

        /** continue and break, in a for loop that is therefore counted by iterations. */
        @Differentiable(wrt = "w")
        static double firstBig(double[] w, double threshold) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            if (w[i] < 0) {
              continue;
            }
            s += w[i] * w[i];
            if (s > threshold) {
              break;
            }
            s *= 1.5;
          }
          return s;
        }

        /** A for loop that is not counted: a stride of two, nested in a counted one. */
        @Differentiable
        static double strided(double x, int n) {
          double total = 0;
          for (int k = 0; k < 3; k++) {
            double y = 1;
            for (int i = 0; i < n; i += 2) {
              y = y * x + i * k;
              if (y > 50) {
                break;
              }
            }
            total += y;
          }
          return total;
        }

        /** Regression with L2 regularisation. */
        @Differentiable(wrt = {"w", "bias"})
        static double ridge(double[][] x, double[] y, double[] w, double bias, double lambda) {
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            double prediction = bias;
            for (int j = 0; j < w.length; j++) {
              prediction += w[j] * x[i][j];
            }
            double error = prediction - y[i];
            loss += error * error / x.length;
          }
          for (int j = 0; j < w.length; j++) {
            loss += lambda * w[j] * w[j];
          }
          return loss;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Loops", SOURCE);
  }

  private static ArrayGradients gradients(String method, Object[] args, int[] scalars,
      int[] arrays) {
    return new ArrayGradients(compiled, "t.Loops", "t.LoopsGrad", method, args, scalars, arrays);
  }

  private static double[] random(Random random, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * random.nextDouble();
    }
    return v;
  }

  @Test
  void articleCostIs1815AndItsGradientChecks() {
    double[][] x = {{1.2, 0.7}, {-0.3, 0.5}, {3, 2.5}};
    int[] y = {1, -1, 1};
    double[] w = {0.1, 0.2, 0.3};
    double[] dw = new double[3];
    double[] r = compiled.gradientAtArrays("t.LoopsGrad", "cost", x, y, w, 0.1, dw);
    assertEquals("1.815", String.format(java.util.Locale.ROOT, "%.3f", r[0]));
    gradients("cost", new Object[] {x, y, w, 0.1}, new int[0], new int[] {2}).check();
  }

  @Test
  void costAtRandomPoints() {
    Random random = new Random(1);
    for (int trial = 0; trial < 10; trial++) {
      int n = 1 + random.nextInt(20);
      double[][] x = new double[n][];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        x[i] = random(random, 2, -3, 3);
        y[i] = random.nextBoolean() ? 1 : -1;
      }
      gradients("cost", new Object[] {x, y, random(random, 3, -1, 1), 0.1},
          new int[0], new int[] {2}).check();
    }
  }

  @Test
  void scalarOverwrittenInALoop() {
    Random random = new Random(2);
    for (int n : new int[] {0, 1, 2, 7, 30}) {
      gradients("logistic", new Object[] {0.1 + 0.8 * random.nextDouble(), 3.2, n},
          new int[] {0, 1}, new int[0]).check();
    }
  }

  @Test
  void nestedLoopsAndALocalArray() {
    Random random = new Random(3);
    for (int hidden : new int[] {1, 3, 8}) {
      double[] x = random(random, 4, -1, 1);
      gradients("mlp", new Object[] {x, random(random, 4 * hidden, -1, 1), 0.3, hidden},
          new int[] {2}, new int[] {1}).check();
    }
  }

  @Test
  void softmaxCrossEntropy() {
    Random random = new Random(4);
    for (int trial = 0; trial < 10; trial++) {
      int k = 2 + random.nextInt(6);
      gradients("softmax", new Object[] {random(random, k, -3, 3), random.nextInt(k)},
          new int[0], new int[] {0}).check();
    }
  }

  @Test
  void elementsWrittenReadAndOverwritten() {
    Random random = new Random(5);
    for (int n : new int[] {1, 2, 5}) {
      gradients("elements", new Object[] {random(random, n, -1, 1), 0.7},
          new int[] {1}, new int[] {0}).check();
    }
  }

  @Test
  void ridgeRegression() {
    Random random = new Random(6);
    double[][] x = new double[12][];
    for (int i = 0; i < x.length; i++) {
      x[i] = random(random, 3, -2, 2);
    }
    gradients("ridge", new Object[] {x, random(random, 12, -1, 1), random(random, 3, -1, 1),
        0.2, 0.05}, new int[] {3}, new int[] {2}).check();
  }

  @Test
  void whileLoops() {
    Random random = new Random(8);
    for (int trial = 0; trial < 10; trial++) {
      gradients("grow", new Object[] {0.5 + 3 * random.nextDouble(), 1.2 + random.nextDouble()},
          new int[] {0, 1}, new int[0]).check();
    }
  }

  @Test
  void breakAndContinue() {
    Random random = new Random(9);
    for (int trial = 0; trial < 10; trial++) {
      gradients("firstBig", new Object[] {random(random, 6, -1, 2), 0.5 + 3 * random.nextDouble()},
          new int[0], new int[] {0}).check();
    }
  }

  @Test
  void nestedLoopsThatAreNotCounted() {
    Random random = new Random(10);
    for (int n : new int[] {0, 1, 5, 12}) {
      gradients("strided", new Object[] {0.5 + random.nextDouble(), n}, new int[] {0},
          new int[0]).check();
    }
  }

  @Test
  void wrongAdjointLengthOrAliasingIsAClearError() {
    double[] w = {0.1, 0.2, 0.3};
    double[][] x = {{1, 2}};
    int[] y = {1};
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> compiled.gradientAtArrays("t.LoopsGrad", "cost", x, y, w, 0.1, new double[2]));
    assertEquals("dw.length is 2, expected w.length = 3", length.getMessage());
    IllegalArgumentException alias = assertThrows(IllegalArgumentException.class,
        () -> compiled.gradientAtArrays("t.LoopsGrad", "cost", x, y, w, 0.1, w));
    assertEquals("dw must be another array than w", alias.getMessage());
  }
}
