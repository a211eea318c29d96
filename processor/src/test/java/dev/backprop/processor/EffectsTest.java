package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements kept for their effect alone: {@code assert}, printing and logging through a static
 * final field, a static {@code void} method, with messages built from literals, values, string
 * constants and calls such as {@code String.format} and {@code Arrays.toString}. They run as
 * written, once, in the forward sweep of both generated forms (also where a checkpointed loop
 * runs its iterations again), and the gradient is the method's as if they were not there.
 */
class EffectsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;
      import java.util.Arrays;

      final class Effects {
        /** What the effects wrote; the tests read and reset it. */
        static final StringBuilder TRACE = new StringBuilder();
        static final String SEPARATOR = "; ";

        static void note(String message) {
          TRACE.append("note ").append(message).append(SEPARATOR);
        }

        @Differentiable
        static double traced(double x, double y) {
          assert x == x : "x is NaN";
          double z = x * y;
          TRACE.append("z = " + z + SEPARATOR);
          if (Double.isNaN(z)) {
            System.err.println("NaN from " + x + " * " + y);
          }
          note(String.format(java.util.Locale.ROOT, "%.3f", z + x));
          assert z < 1e300;
          return z * Math.sin(x);
        }

        /** A long loop: the processor's tests checkpoint it, and run segments again. */
        @Differentiable
        static double loop(double[] w, double x) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s = s * 0.5 + w[i] * x;
            TRACE.append(i + SEPARATOR);
          }
          int k = 0;
          while (k < w.length) {
            s += Math.sin(s) * w[k];
            note("k " + k);
            k++;
          }
          TRACE.append(Arrays.toString(w) + SEPARATOR);
          return s;
        }

        /** Messages built in String locals, in a checkpointed loop and for an argument check. */
        @Differentiable
        static double built(double[] w, double x) {
          String log = "start " + x;
          double s = 0;
          int k = 0;
          while (k < w.length) {
            s += Math.sin(s) * w[k] * x;
            log += ", " + k;
            String line;
            line = "k = " + k + " s = " + s;
            TRACE.append(line + SEPARATOR);
            k++;
          }
          log = log + " end";
          TRACE.append(log);
          if (Math.abs(s) + Math.abs(x) > 100) {
            String why = "too big: " + s;
            why += " at " + x;
            throw new IllegalStateException(why);
          }
          return s * s;
        }

        @Differentiable
        static double checked(double x) {
          assert x > 0 : "x must be positive, was " + x;
          return Math.log(x);
        }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Effects", SOURCE);
  }

  @Test
  void gradientsAreTheMethodsAsIfTheEffectsWereNotThere() {
    Random random = new Random(8);
    for (int trial = 0; trial < 20; trial++) {
      compiled.checkAt("t.Effects", "t.EffectsGrad", "traced", random.nextGaussian(),
          random.nextGaussian());
      compiled.checkAt("t.Effects", "t.EffectsGrad", "checked", 0.1 + random.nextDouble());
      double[] w = CompiledGradients.gaussian(1 + random.nextInt(40), random, 0.5);
      new ArrayGradients(compiled, "t.Effects", "t.EffectsGrad", "loop",
          new Object[] {w, random.nextGaussian()}, new int[] {1}, new int[] {0}).check();
      new ArrayGradients(compiled, "t.Effects", "t.EffectsGrad", "built",
          new Object[] {w, 0.3 * random.nextGaussian()}, new int[] {1}, new int[] {0}).check();
    }
  }

  @Test
  void eachFormHasTheEffectsOfTheMethodOnce() throws Exception {
    Class<?> source = compiled.load("t.Effects");
    Class<?> grad = compiled.load("t.EffectsGrad");
    double[] w = CompiledGradients.gaussian(60, new Random(3), 0.5);
    String original = traceOf(source, "loop", w, 0.7);
    assertThat(original).contains("; 59; ");
    assertThat(original).contains("note k 59; ");
    assertThat(traceOf(grad, "loop", w, 0.7, new double[1], new double[60]))
        .isEqualTo(original);
    assertThat(traceOf(grad, "loopPullback", w, 0.7, 1.0, new double[1], new double[60]))
        .isEqualTo(original);
    String built = traceOf(source, "built", w, 0.1);
    assertThat(built).contains("k = 59 s = ");
    assertThat(built).endsWith(", 58, 59 end");
    assertThat(traceOf(grad, "built", w, 0.1, new double[1], new double[60])).isEqualTo(built);
    assertThat(traceOf(grad, "builtPullback", w, 0.1, 1.0, new double[1], new double[60]))
        .isEqualTo(built);
    String once = traceOf(source, "traced", 0.3, 2.0);
    assertThat(once).isEqualTo("z = 0.6; note 0.900; ");
    assertThat(traceOf(grad, "traced", 0.3, 2.0, new double[2])).isEqualTo(once);
    assertThat(traceOf(grad, "tracedPullback", 0.3, 2.0, 1.0, new double[2])).isEqualTo(once);
  }

  @Test
  void aFailedAssertFailsBothFormsWithTheMethodsMessage() throws Exception {
    Throwable original = thrown(compiled.load("t.Effects"), "checked", -2.0);
    assertThat(original).isInstanceOf(AssertionError.class);
    assertThat(original).hasMessageThat().isEqualTo("x must be positive, was -2.0");
    Class<?> grad = compiled.load("t.EffectsGrad");
    for (Throwable t : new Throwable[] {thrown(grad, "checked", -2.0, new double[1]),
        thrown(grad, "checkedPullback", -2.0, 1.0, new double[1])}) {
      assertThat(t).isInstanceOf(AssertionError.class);
      assertThat(t).hasMessageThat().isEqualTo(original.getMessage());
    }
  }

  @Test
  void aMessageBuiltInALocalIsThrownAsTheMethodThrowsIt() {
    double[] w = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
    Throwable original = thrown(compiled.load("t.Effects"), "built", w, 500.0);
    assertThat(original).isInstanceOf(IllegalStateException.class);
    assertThat(original).hasMessageThat().startsWith("too big: ");
    assertThat(original).hasMessageThat().endsWith(" at 500.0");
    Class<?> grad = compiled.load("t.EffectsGrad");
    assertThat(thrown(grad, "built", w, 500.0, new double[1], new double[w.length]))
        .hasMessageThat().isEqualTo(original.getMessage());
    assertThat(thrown(grad, "builtPullback", w, 500.0, 1.0, new double[1], new double[w.length]))
        .hasMessageThat().isEqualTo(original.getMessage());
  }

  /** What calling {@code name} with {@code args} throws. */
  private static Throwable thrown(Class<?> owner, String name, Object... args) {
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        m.setAccessible(true);
        return assertThrows(InvocationTargetException.class, () -> m.invoke(null, args))
            .getCause();
      }
    }
    throw new AssertionError("no " + name);
  }

  @Test
  void theEffectsAreWrittenAsInTheSource() {
    String generated = compiled.generatedSource("t.EffectsGrad");
    assertThat(generated).contains("assert x == x : \"x is NaN\";");
    assertThat(generated).contains("System.err.println(\"NaN from \" + x + \" * \" + y);");
    assertThat(generated).contains("Effects.TRACE.append(\"z = \" + z + \"; \");");
    assertThat(generated).contains(
        "Effects.note(String.format(java.util.Locale.ROOT, \"%.3f\", z + x));");
  }

  /** What calling {@code name} with {@code args} wrote into {@code TRACE}. */
  private static String traceOf(Class<?> owner, String name, Object... args) throws Exception {
    java.lang.reflect.Field field = compiled.load("t.Effects").getDeclaredField("TRACE");
    field.setAccessible(true);
    StringBuilder trace = (StringBuilder) field.get(null);
    trace.setLength(0);
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        m.setAccessible(true);
        try {
          m.invoke(null, args);
        } catch (InvocationTargetException e) {
          throw new AssertionError(e.getCause());
        }
        return trace.toString();
      }
    }
    throw new AssertionError("no " + name);
  }
}
