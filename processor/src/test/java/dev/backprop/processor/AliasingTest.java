package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gradient array must be another array than every other array argument, rows of matrices
 * included (DESIGN.md's contract): otherwise the call writes the gradient over data, or adds two
 * gradients into one array, without a word. Both forms refuse such a call with an
 * {@code IllegalArgumentException} naming the two, before they change anything; rows, whose
 * check takes a pass over the matrix, where assertions are enabled ({@code -ea}, as here).
 */
class AliasingTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Alias {
        @Differentiable
        static double dot(double[] a, double[] b) {
          double acc = 0;
          for (int j = 0; j < a.length; j++) {
            acc += a[j] * b[j];
          }
          return acc;
        }

        /** The same array twice to a callee: its gradient arrays must still be distinct. */
        @Differentiable
        static double norm2(double[] w) {
          return dot(w, w);
        }

        /** Rows of one matrix, the same row when i == k. */
        @Differentiable
        static double gram(double[] w, int n) {
          double[][] m = new double[n][w.length];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < w.length; j++) {
              m[i][j] = w[j] * (i + 1) + j;
            }
          }
          double s = 0;
          for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
              s += dot(m[i], m[k]);
            }
          }
          return s;
        }

        @Differentiable(wrt = {"w", "u", "b"})
        static double fit(double[] w, double[] u, double b, double[][] x, double[] y) {
          double s = 0;
          for (int i = 0; i < y.length; i++) {
            double r = w[0] * x[i][0] + w[1] * x[i][1] + u[0] * b - y[i];
            s += r * r;
          }
          return s;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Alias", SOURCE);
  }

  private static double[][] x() {
    return new double[][] {{1, 2}, {3, 4}};
  }

  /** Calls the plain form (or the pullback) and returns the exception's message. */
  private static String refused(boolean pullback, double[] w, double[] u, double[][] x,
      double[] y, double[] grad, double[] dw, double[] du) throws Exception {
    Class<?> type = compiled.load("t.AliasGrad");
    Method m = null;
    for (Method candidate : type.getDeclaredMethods()) {
      if (candidate.getName().equals(pullback ? "fitPullback" : "fit")) {
        m = candidate;
      }
    }
    Object[] args = pullback
        ? new Object[] {w, u, 0.5, x, y, 1.0, grad, dw, du}
        : new Object[] {w, u, 0.5, x, y, grad, dw, du};
    m.setAccessible(true);
    Method call = m;
    InvocationTargetException e =
        assertThrows(InvocationTargetException.class, () -> call.invoke(null, args));
    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
    return e.getCause().getMessage();
  }

  @Test
  void aGradientArrayThatIsAnotherArgumentIsRefusedBeforeAnythingChanges() throws Exception {
    for (boolean pullback : new boolean[] {false, true}) {
      double[] w = {0.5, -1};
      double[] u = {2, 7};
      double[] y = {1, 2};
      double[][] x = x();
      // dw is the data y: the gradient would overwrite it
      assertEquals("dw must be another array than y: the gradient is written into dw",
          refused(pullback, w, u, x, y, new double[1], y, new double[2]));
      assertArrayEquals(new double[] {1, 2}, y, 0);
      // du is dw: the two gradients would be added together
      double[] both = new double[2];
      assertEquals("dw must be another array than du: the gradient is written into dw",
          refused(pullback, w, u, x, y, new double[1], both, both));
      // du is w, another parameter: w would be destroyed
      assertEquals("du must be another array than w: the gradient is written into du",
          refused(pullback, w, u, x, y, new double[1], new double[2], w));
      assertArrayEquals(new double[] {0.5, -1}, w, 0);
      // dw is a row of the data x
      assertEquals("dw must be another array than x[1]: the gradient is written into dw",
          refused(pullback, w, u, x, y, new double[1], x[1], new double[2]));
      assertArrayEquals(new double[] {3, 4}, x[1], 0);
      // grad, the scalars' gradient, is the data y... of length 1 here
      double[] one = {9};
      assertEquals("grad must be another array than y: the gradient is written into grad",
          refused(pullback, w, u, x, one, one, new double[2], new double[2]));
      assertArrayEquals(new double[] {9}, one, 0);
    }
  }

  @Test
  void rowsAreCheckedWhereAssertionsAreOn() throws Exception {
    // a pass over the rows costs as much as a small gradient's loop: it runs with -ea only
    Class<?> type = compiled.loadWithoutAssertions("t.AliasGrad");
    double[][] x = x();
    double[] y = {1, 2};
    // the contract is broken (dw is x[1]) and goes unchecked: the call returns
    fit(type, x, y, x[1]);
    // the checks that cost one comparison stay: dw is y
    InvocationTargetException e =
        assertThrows(InvocationTargetException.class, () -> fit(type, x, y, y));
    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
  }

  private static void fit(Class<?> type, double[][] x, double[] y, double[] dw)
      throws Exception {
    for (Method candidate : type.getDeclaredMethods()) {
      if (candidate.getName().equals("fit")) {
        candidate.setAccessible(true);
        candidate.invoke(null, new double[] {0.5, -1}, new double[] {2, 7}, 0.5, x, y,
            new double[1], dw, new double[2]);
      }
    }
  }

  @Test
  void generatedCodeNeverPassesOneArrayAsTwoGradients() {
    // found by adversarial testing: norm2's gradient called dotPullback(w, w, 1.0, dw, dw)
    double[] w = {0.5, -1, 2};
    new ArrayGradients(compiled, "t.Alias", "t.AliasGrad", "norm2", new Object[] {w},
        new int[0], new int[] {0}).check();
    for (int n : new int[] {1, 2, 3}) {
      new ArrayGradients(compiled, "t.Alias", "t.AliasGrad", "gram", new Object[] {w, n},
          new int[0], new int[] {0}).check();
    }
  }

  @Test
  void distinctArraysStillWork() {
    new ArrayGradients(compiled, "t.Alias", "t.AliasGrad", "fit",
        new Object[] {new double[] {0.5, -1}, new double[] {2, 7}, 0.5, x(), new double[] {1, 2}},
        new int[] {2}, new int[] {0, 1}).check();
  }
}
