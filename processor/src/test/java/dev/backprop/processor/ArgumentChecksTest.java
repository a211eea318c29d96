package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An argument check, {@code if (...) throw new E(message);}, runs in the forward sweep as
 * written: where the method throws, both generated forms throw the same exception with the same
 * message; elsewhere the gradients are checked against central differences.
 */
class ArgumentChecksTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Checked {
        @Differentiable
        static double logLoss(double p, double y) {
          if (p <= 0 || p >= 1) {
            throw new IllegalArgumentException("p must be in (0, 1), was " + p + " (y = " + y + ")");
          }
          if (Double.isNaN(y)) throw new ArithmeticException();
          return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
        }

        @Differentiable
        static double sumOfSquares(double[] w, int n) {
          if (n > w.length) {
            throw new IndexOutOfBoundsException("n = " + n + " > " + w.length);
          }
          double s = 0;
          for (int i = 0; i < n; i++) {
            if (w[i] > 1e6) {
              throw new IllegalStateException("w[" + i + "] = " + w[i] + " is too large");
            } else {
              s += w[i] * w[i];
            }
          }
          return s;
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Checked", SOURCE);
  }

  @Test
  void gradientsAreRightWhereNothingThrows() {
    Random random = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      compiled.checkAt("t.Checked", "t.CheckedGrad", "logLoss", 0.05 + 0.9 * random.nextDouble(),
          random.nextDouble());
      double[] w = new double[1 + random.nextInt(5)];
      for (int i = 0; i < w.length; i++) {
        w[i] = random.nextGaussian();
      }
      new ArrayGradients(compiled, "t.Checked", "t.CheckedGrad", "sumOfSquares",
          new Object[] {w, random.nextInt(w.length + 1)}, new int[0], new int[] {0}).check();
    }
  }

  @Test
  void bothFormsThrowWhatTheMethodThrows() throws Exception {
    Object[][] calls = {
      {"logLoss", new Object[] {1.5, 0.5}},
      {"logLoss", new Object[] {0.5, Double.NaN}},
      {"sumOfSquares", new Object[] {new double[] {1, 2}, 3}},
      {"sumOfSquares", new Object[] {new double[] {1, 2e6, 3}, 3}},
    };
    for (Object[] call : calls) {
      String name = (String) call[0];
      Object[] args = (Object[]) call[1];
      Throwable expected = thrown(compiled.load("t.Checked"), name, args);
      boolean scalars = name.equals("logLoss");
      Object[] plain = append(args,
          scalars ? new double[2] : new double[((double[]) args[0]).length]);
      Object[] pullback = append(append(args, 1.0), plain[plain.length - 1]);
      for (Object[] form : new Object[][] {{name, plain}, {name + "Pullback", pullback}}) {
        Throwable actual = thrown(compiled.load("t.CheckedGrad"), (String) form[0],
            (Object[]) form[1]);
        assertEquals(expected.getClass(), actual.getClass(), form[0] + " " + expected);
        assertEquals(expected.getMessage(), actual.getMessage());
      }
    }
  }

  @Test
  void theChecksAreWrittenAsInTheSource() {
    assertThat(compiled.generatedSource("t.CheckedGrad")).contains("throw new "
        + "IllegalArgumentException(\"p must be in (0, 1), was \" + p + \" (y = \" + y + \")\");");
  }

  private static Object[] append(Object[] args, Object last) {
    Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  private static Throwable thrown(Class<?> type, String name, Object[] args) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        m.setAccessible(true);
        InvocationTargetException e =
            assertThrows(InvocationTargetException.class, () -> m.invoke(null, args));
        return e.getCause();
      }
    }
    throw new AssertionError("no method " + name);
  }
}
