package dev.backprop.processor;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every loop shape the processor accepts beyond the counted for loop (LoopGradientsTest): for
 * loops that count down, stride, or whose body assigns the bound, start or counter, long
 * counters, bounds on the left or with calls, while loops, unlabelled break and continue, loops
 * inside loops, trip counts that depend on differentiated values, and loops that run zero times.
 * Each is checked against central differences of the original method (and its pullback against
 * its plain form) at seeded random points. The points are away from branch switches: a point is
 * used only if central differences of the original method agree at the check's step and at ten
 * and a hundred times it, so no switch of a loop condition or an if lies within the probes.
 *
 * <p>The shapes live in small classes compiled separately, so that generated code that does not
 * compile fails only the tests of its class; the zero-iteration test checks every shape and
 * reports every failure.
 */
class LoopFormsGradientsTest {

  private static final Map<String, CompiledGradients> COMPILED = new HashMap<>();

  /** Compiles class {@code t.name} with {@code methods} as its body, once. */
  private static synchronized CompiledGradients compiled(String name, String methods) {
    return COMPILED.computeIfAbsent(name, n -> CompiledGradients.compile("t." + n, """
        package t;

        import dev.backprop.Differentiable;

        final class %s {
        %s}
        """.formatted(n, methods.indent(2))));
  }

  /** One method under test, its class and how its points are laid out. */
  private record Shape(String className, String methods, String method, int[] scalars,
      int[] arrays) {

    CompiledGradients compiled() {
      return LoopFormsGradientsTest.compiled(className, methods);
    }

    /** Checks value, gradient and pullback at {@code args}, which must be away from switches. */
    void checkAt(Object... args) {
      assertTrue(awayFromSwitches(args), () -> method + " at " + describe(args)
          + " is too close to a branch switch for central differences");
      new ArrayGradients(compiled(), "t." + className, "t." + className + "Grad", method, args,
          scalars, arrays).check();
    }

    /** Checks at {@code points} random points drawn by {@code draw}, away from switches. */
    void checkAtRandomPoints(long seed, int points, Function<Random, Object[]> draw) {
      Random random = new Random(seed);
      for (int p = 0; p < points; p++) {
        Object[] args = draw.apply(random);
        int tries = 0;
        while (!awayFromSwitches(args)) {
          if (++tries == 100) {
            fail(method + ": no point away from branch switches in 100 tries");
          }
          args = draw.apply(random);
        }
        checkAt(args);
      }
    }

    double original(Object[] args) {
      Method m = find(compiled().load("t." + className), method);
      try {
        return (double) m.invoke(null, args);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new AssertionError(e);
      }
    }

    /**
     * Whether central differences of the original method, in every differentiated coordinate,
     * agree at steps 1e-3, 1e-4 and 1e-5 (times max(1, |x|)): a jump or a kink within the
     * largest step shows up as a difference between them. The two smaller steps must agree
     * about as closely as the gradient check asks, so that even a small jump within the check's
     * own step (which the check would take for a wrong gradient) rejects the point.
     */
    boolean awayFromSwitches(Object[] args) {
      for (int i : scalars) {
        if (!smoothAlong(args, i, -1)) {
          return false;
        }
      }
      for (int i : arrays) {
        for (int j = 0; j < ((double[]) args[i]).length; j++) {
          if (!smoothAlong(args, i, j)) {
            return false;
          }
        }
      }
      return true;
    }

    private boolean smoothAlong(Object[] args, int parameter, int element) {
      double x = element < 0 ? (double) args[parameter] : ((double[]) args[parameter])[element];
      double[] slopes = new double[3];
      double[] steps = {1e-3, 1e-4, 1e-5};
      for (int s = 0; s < steps.length; s++) {
        double h = steps[s] * Math.max(1, Math.abs(x));
        double up = original(moved(args, parameter, element, x + h));
        double down = original(moved(args, parameter, element, x - h));
        slopes[s] = (up - down) / (2 * h);
        if (!Double.isFinite(slopes[s])) {
          return false;
        }
      }
      double largest = Math.max(Math.abs(slopes[0]), Math.abs(slopes[2]));
      return Math.abs(slopes[0] - slopes[2]) <= 1e-3 * (1 + largest)
          && Math.abs(slopes[1] - slopes[2]) <= 1e-7 + 1e-5 * largest;
    }

    private static Object[] moved(Object[] args, int parameter, int element, double value) {
      Object[] copy = args.clone();
      if (element < 0) {
        copy[parameter] = value;
      } else {
        double[] a = ((double[]) args[parameter]).clone();
        a[element] = value;
        copy[parameter] = a;
      }
      return copy;
    }

    private static Method find(Class<?> type, String name) {
      for (Method m : type.getDeclaredMethods()) {
        if (m.getName().equals(name)) {
          m.setAccessible(true);
          return m;
        }
      }
      throw new AssertionError("no " + name + " in " + type);
    }
  }

  private static Shape shape(String className, String methods, String method, int[] scalars,
      int[] arrays) {
    return new Shape(className, methods, method, scalars, arrays);
  }

  private static int[] indices(int... i) {
    return i;
  }

  private static double uniform(Random random, double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  private static double[] uniform(Random random, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = uniform(random, lo, hi);
    }
    return v;
  }

  private static String describe(Object[] args) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < args.length; i++) {
      out.append(i == 0 ? "" : ", ").append(args[i] instanceof double[]
          ? Arrays.toString((double[]) args[i]) : String.valueOf(args[i]));
    }
    return out.append(')').toString();
  }

  // --- for loops that are not counted ---------------------------------------------------------

  private static final Shape COUNT_DOWN = shape("CountDown", """
      /** Counting down; the counter feeds the value. */
      @Differentiable
      static double countDown(double x, double a, int n) {
        double y = a;
        for (int i = n; i > 0; i--) {
          y = Math.sin(y * x) + i * a;
        }
        return y;
      }
      """, "countDown", indices(0, 1), indices());

  @Test
  void countingDown() {
    for (int n : new int[] {1, 2, 5, 9}) {
      COUNT_DOWN.checkAtRandomPoints(n, 4,
          r -> new Object[] {uniform(r, -1.5, 1.5), uniform(r, -1, 1), n});
    }
  }

  private static final Shape STRIDE = shape("Stride", """
      /** A stride of two over the pairs of an array; an odd last element is left out. */
      @Differentiable(wrt = {"w", "x"})
      static double pairs(double[] w, double x) {
        double s = 0;
        for (int i = 0; i < w.length - 1; i += 2) {
          s += w[i] * Math.tanh(w[i + 1] * x + s);
        }
        return s;
      }
      """, "pairs", indices(1), indices(0));

  @Test
  void strideOfTwo() {
    for (int n : new int[] {2, 3, 6, 7}) {
      STRIDE.checkAtRandomPoints(10 + n, 4,
          r -> new Object[] {uniform(r, n, -1, 1), uniform(r, -2, 2)});
    }
  }

  private static final Shape OWN_BOUND = shape("OwnBound", """
      /** The bound reads the counter: not a counted loop (found by adversarial testing). */
      @Differentiable
      static double ownBound(double x, double c, int n) {
        double y = c;
        for (int i = 0; i < n - i; i++) {
          y = y * Math.sin(y + x * i);
        }
        return y;
      }
      """, "ownBound", indices(0, 1), indices());

  @Test
  void aBoundThatReadsTheCounter() {
    for (int n : new int[] {0, 1, 4, 9, 40}) {
      OWN_BOUND.checkAtRandomPoints(20 + n, 3,
          r -> new Object[] {uniform(r, -1, 1), uniform(r, 0.5, 1.5), n});
    }
  }

  private static final Shape SHRINKING = shape("Shrinking", """
      /** The body lowers the bound: about half the iterations run. */
      @Differentiable
      static double shrinking(double x, double c, int steps) {
        double y = c;
        for (int i = 0; i < steps; i++) {
          y = y * x - 0.5 * Math.cos(y);
          steps -= 1;
        }
        return y;
      }
      """, "shrinking", indices(0, 1), indices());

  @Test
  void bodyAssignsTheBound() {
    for (int steps : new int[] {1, 2, 5, 8}) {
      SHRINKING.checkAtRandomPoints(20 + steps, 4,
          r -> new Object[] {uniform(r, -1.2, 1.2), uniform(r, -1, 1), steps});
    }
  }

  private static final Shape SKIPPING = shape("Skipping", """
      /** The body moves the counter on, depending on a differentiated value. */
      @Differentiable
      static double skipping(double x, double c, int n) {
        double y = c;
        for (int i = 0; i < n; i++) {
          y = Math.cos(y + x * i);
          if (y > 0) {
            i += 1;
          }
        }
        return y;
      }
      """, "skipping", indices(0, 1), indices());

  @Test
  void bodyAssignsTheCounter() {
    for (int n : new int[] {1, 3, 6, 10}) {
      SKIPPING.checkAtRandomPoints(30 + n, 4,
          r -> new Object[] {uniform(r, -2, 2), uniform(r, -2, 2), n});
    }
  }

  private static final Shape MOVING_START = shape("MovingStart", """
      /** The body assigns the start. */
      @Differentiable
      static double movingStart(double x, int until) {
        int start = 1;
        double y = x;
        for (int i = start; i < until; i++) {
          y = y * x / (i + start) + 1;
          start = i;
        }
        return y;
      }
      """, "movingStart", indices(0), indices());

  @Test
  void bodyAssignsTheStart() {
    for (int until : new int[] {2, 3, 7}) {
      MOVING_START.checkAtRandomPoints(40 + until, 4,
          r -> new Object[] {uniform(r, -2, 2), until});
    }
  }

  private static final Shape LONG_COUNTER = shape("LongCounter", """
      /** A long counter. */
      @Differentiable
      static double longCounter(double x, long times) {
        double y = 1;
        for (long i = 0; i < times; i++) {
          y = y * x + 1.0 / (i + 1);
        }
        return y;
      }
      """, "longCounter", indices(0), indices());

  private static final Shape LONG_BOUND = shape("LongBound", """
      /** An int counter below a long bound. */
      @Differentiable(wrt = "a")
      static double longBound(double a, long n) {
        double r = 1;
        for (int k = 0; k < n; k++) {
          r *= a;
        }
        return r;
      }
      """, "longBound", indices(0), indices());

  private static final Shape LONG_INDEX = shape("LongIndex", """
      /** A long counter, cast to index an array. */
      @Differentiable(wrt = "w")
      static double longIndex(double[] w, long from) {
        double s = 0;
        for (long i = from; i < w.length; i++) {
          s += w[(int) i] * w[(int) i] * (i + 1);
        }
        return s;
      }
      """, "longIndex", indices(), indices(0));

  @Test
  void longCounter() {
    for (long times : new long[] {1, 2, 6}) {
      LONG_COUNTER.checkAtRandomPoints(50 + times, 4,
          r -> new Object[] {uniform(r, -1.5, 1.5), times});
    }
  }

  @Test
  void intCounterBelowALongBound() {
    for (long n : new long[] {1, 3, 7}) {
      LONG_BOUND.checkAtRandomPoints(60 + n, 4, r -> new Object[] {uniform(r, -1.5, 1.5), n});
    }
  }

  @Test
  void longCounterIndexingAnArray() {
    for (long from : new long[] {0, 2}) {
      LONG_INDEX.checkAtRandomPoints(70 + from, 4,
          r -> new Object[] {uniform(r, 5, -1, 1), from});
    }
  }

  private static final Shape BOUND_FIRST = shape("BoundFirst", """
      /** The bound on the left of the condition. */
      @Differentiable
      static double boundFirst(double x, double y, int n) {
        double s = 0;
        for (int i = 0; n > i; i++) {
          s = s * y + Math.exp(-x * i);
        }
        return s;
      }
      """, "boundFirst", indices(0, 1), indices());

  @Test
  void boundOnTheLeft() {
    for (int n : new int[] {1, 4, 8}) {
      BOUND_FIRST.checkAtRandomPoints(80 + n, 4,
          r -> new Object[] {uniform(r, -1, 1), uniform(r, -1.2, 1.2), n});
    }
  }

  private static final Shape CALL_BOUND = shape("CallBound", """
      /** The bound calls Math.floor of a differentiated value, whose gradient is zero. */
      @Differentiable
      static double floorBound(double x, double t) {
        double y = 1;
        for (int i = 0; i < (int) Math.floor(t); i++) {
          y = y * x + t;
        }
        return y;
      }

      /** The bound calls Math.min of ints. */
      @Differentiable(wrt = "w")
      static double minBound(double[] w, int most) {
        double s = 0;
        for (int i = 0; i < Math.min(most, w.length); i++) {
          s = s * w[i] + Math.sin(w[i]);
        }
        return s;
      }
      """, "floorBound", indices(0, 1), indices());

  @Test
  void boundWithACallOfADifferentiatedValue() {
    // t in (k, k + 1): k iterations; (int) Math.floor(t) switches only at integers
    for (int k : new int[] {1, 2, 5}) {
      CALL_BOUND.checkAtRandomPoints(90 + k, 4,
          r -> new Object[] {uniform(r, -1.3, 1.3), k + uniform(r, 0.05, 0.95)});
    }
  }

  private static final Shape MIN_BOUND = shape("CallBound", CALL_BOUND.methods(), "minBound",
      indices(), indices(0));

  @Test
  void boundWithACallOfInts() {
    for (int most : new int[] {1, 3, 9}) {
      MIN_BOUND.checkAtRandomPoints(100 + most, 4,
          r -> new Object[] {uniform(r, 5, -1.5, 1.5), most});
    }
  }

  private static final Shape TWO_LOOPS_ONE_NAME = shape("TwoLoopsOneName", """
      /** Two loops that are not counted, one after the other, with the same counter name. */
      @Differentiable
      static double twoLoopsOneName(double x, int n) {
        double y = x;
        for (int i = n; i > 0; i--) {
          y = y * 0.9 + x;
        }
        for (int i = 0; i < n; i += 2) {
          y = Math.sin(y) * x;
        }
        return y;
      }
      """, "twoLoopsOneName", indices(0), indices());

  private static final Shape COUNTED_THEN_NOT = shape("CountedThenNot", """
      /** A counted loop, then one that is not, with the same counter name. */
      @Differentiable
      static double countedThenNot(double x, int n) {
        double y = x;
        for (int i = 0; i < n; i++) {
          y = y * 0.9 + x;
        }
        for (int i = n; i > 0; i--) {
          y = Math.sin(y) * x;
        }
        return y;
      }
      """, "countedThenNot", indices(0), indices());

  private static final Shape BREAK_THEN_COUNTED = shape("BreakThenCounted", """
      /** A loop with a break, then a counted loop, with the same counter name. */
      @Differentiable
      static double breakThenCounted(double x, int n) {
        double y = x;
        for (int i = 0; i < n; i++) {
          y = y * 0.9 + x;
          if (y > 3) {
            break;
          }
        }
        for (int i = 0; i < n; i++) {
          y = Math.sin(y) * x;
        }
        return y;
      }
      """, "breakThenCounted", indices(0), indices());

  /** Each loop declares its own counter: a name can come back in the next loop. */
  @Test
  void counterNameOfALoopThatIsNotCountedUsedAgainByTheNextLoop() {
    List<Executable> checks = new ArrayList<>();
    for (Shape shape : new Shape[] {TWO_LOOPS_ONE_NAME, COUNTED_THEN_NOT, BREAK_THEN_COUNTED}) {
      for (int n : new int[] {1, 4}) {
        checks.add(() -> shape.checkAtRandomPoints(110 + n, 4,
            r -> new Object[] {uniform(r, -1.5, 1.5), n}));
      }
    }
    assertAll("counter names used again", checks);
  }

  private static final Shape DOUBLE_COUNTER = shape("DoubleCounter", """
      /** A differentiated double counter: the trip count and every term depend on a and b. */
      @Differentiable
      static double integrate(double a, double b) {
        double s = 0;
        for (double t = a; t < b; t += 0.25) {
          s += Math.exp(-t * t) * 0.25;
        }
        return s;
      }
      """, "integrate", indices(0, 1), indices());

  @Test
  void doubleCounter() {
    DOUBLE_COUNTER.checkAtRandomPoints(115, 10,
        r -> new Object[] {uniform(r, -2, 1), uniform(r, -1, 3)});
  }

  // --- while loops, break and continue --------------------------------------------------------

  private static final Shape GROW_UNTIL = shape("GrowUntil", """
      /** A while loop with a break that depends on differentiated values. */
      @Differentiable
      static double growUntil(double x, double r, double limit) {
        double y = x;
        while (y < 100) {
          y = y * r + 0.1;
          if (y > limit) {
            break;
          }
          y = y + Math.sqrt(y);
        }
        return y;
      }
      """, "growUntil", indices(0, 1, 2), indices());

  @Test
  void whileWithBreak() {
    GROW_UNTIL.checkAtRandomPoints(120, 10, r -> new Object[] {uniform(r, 0.2, 3),
        uniform(r, 1.1, 2), uniform(r, 5, 150)});
  }

  private static final Shape HALVINGS = shape("Halvings", """
      /** A while loop nested in a counted for loop. */
      @Differentiable(wrt = {"x", "a"})
      static double halvings(double[] x, double a) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
          double z = x[i] * a;
          while (z > 1) {
            z = z / 2 + 0.01 * a;
          }
          s += z * z;
        }
        return s;
      }

      /** A while loop nested in a for loop that is not counted. */
      @Differentiable
      static double halvingsDown(double x, double a, int n) {
        double s = 0;
        for (int i = n; i > 0; i--) {
          double z = x * i + a;
          while (z > 1) {
            z = z / 2 + 0.01 * s;
          }
          s += z * z;
        }
        return s;
      }
      """, "halvings", indices(1), indices(0));

  @Test
  void whileNestedInACountedFor() {
    HALVINGS.checkAtRandomPoints(130, 10,
        r -> new Object[] {uniform(r, 4, 0, 10), uniform(r, 0.5, 3)});
  }

  private static final Shape HALVINGS_DOWN = shape("Halvings", HALVINGS.methods(),
      "halvingsDown", indices(0, 1), indices());

  @Test
  void whileNestedInAForThatIsNotCounted() {
    for (int n : new int[] {1, 3, 6}) {
      HALVINGS_DOWN.checkAtRandomPoints(140 + n, 4,
          r -> new Object[] {uniform(r, 0.1, 4), uniform(r, 0, 3), n});
    }
  }

  private static final Shape POSITIVES = shape("Positives", """
      /** continue in a while loop, on a differentiated value. */
      @Differentiable(wrt = {"w", "scale"})
      static double positives(double[] w, double scale) {
        double s = 0;
        int k = 0;
        while (k < w.length) {
          double v = w[k] * scale;
          k += 1;
          if (v < 0) {
            continue;
          }
          s = s + v * Math.log(1 + s + v);
        }
        return s;
      }

      /** continue in a for loop: the update still runs. */
      @Differentiable
      static double oddTerms(double x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          if (i % 2 == 0) {
            continue;
          }
          s = s * x + i;
        }
        return s;
      }
      """, "positives", indices(1), indices(0));

  @Test
  void continueInAWhile() {
    for (int n : new int[] {1, 4, 9}) {
      POSITIVES.checkAtRandomPoints(150 + n, 4,
          r -> new Object[] {uniform(r, n, -1, 1), uniform(r, 0.5, 2)});
    }
  }

  private static final Shape ODD_TERMS = shape("Positives", POSITIVES.methods(), "oddTerms",
      indices(0), indices());

  @Test
  void continueInAFor() {
    for (int n : new int[] {1, 2, 7}) {
      ODD_TERMS.checkAtRandomPoints(160 + n, 4, r -> new Object[] {uniform(r, -1.5, 1.5), n});
    }
  }

  private static final Shape ROWS = shape("Rows", """
      /** break leaves the inner loop only; the outer one goes on. */
      @Differentiable
      static double rows(double x, int rows, int cols) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            s = s + x * Math.cos(s + c);
            if (s > r + 1) {
              break;
            }
          }
          s = s * 0.75;
        }
        return s;
      }

      /** break leaves an inner while loop; the outer while loop has its own break. */
      @Differentiable
      static double whileInWhile(double x, double y) {
        double s = x;
        int outer = 0;
        while (outer < 4) {
          outer += 1;
          double t = y;
          while (t < 3) {
            t = t * 1.5 + s * 0.01;
            if (t * s > 20) {
              break;
            }
          }
          s = s + Math.sqrt(t);
          if (s > 12) {
            break;
          }
        }
        return s;
      }
      """, "rows", indices(0), indices());

  @Test
  void breakOutOfTheInnerLoopOnly() {
    for (int[] size : new int[][] {{1, 1}, {2, 5}, {4, 3}, {6, 6}}) {
      ROWS.checkAtRandomPoints(170 + size[0], 4,
          r -> new Object[] {uniform(r, 0.2, 2), size[0], size[1]});
    }
  }

  private static final Shape WHILE_IN_WHILE = shape("Rows", ROWS.methods(), "whileInWhile",
      indices(0, 1), indices());

  @Test
  void breakOutOfAnInnerWhileInAWhile() {
    WHILE_IN_WHILE.checkAtRandomPoints(180, 10,
        r -> new Object[] {uniform(r, 0.5, 4), uniform(r, 0.3, 2.5)});
  }

  private static final Shape RING = shape("Ring", """
      /** A while loop that overwrites the elements of a local array. */
      @Differentiable(wrt = "w")
      static double ring(double[] w, int turns) {
        double[] h = new double[w.length];
        int k = 0;
        while (k < turns) {
          int j = k % w.length;
          h[j] = Math.tanh(h[j] + w[j] * (k + 1));
          k += 1;
        }
        double s = 0;
        for (int i = 0; i < h.length; i++) {
          s += h[i] * h[i];
        }
        return s;
      }
      """, "ring", indices(), indices(0));

  @Test
  void whileOverwritingArrayElements() {
    for (int turns : new int[] {1, 3, 10}) {
      RING.checkAtRandomPoints(190 + turns, 4,
          r -> new Object[] {uniform(r, 3, -1, 1), turns});
    }
  }

  private static final Shape WHILE_IN_IF = shape("WhileInIf", """
      /** A while loop in one branch of an if. */
      @Differentiable
      static double whileInIf(double x, double y) {
        double s = y;
        if (x > 0) {
          while (s < 10) {
            s = s * 1.3 + x;
          }
        } else {
          s = s * x;
        }
        return s;
      }
      """, "whileInIf", indices(0, 1), indices());

  @Test
  void whileInsideAnIf() {
    WHILE_IN_IF.checkAtRandomPoints(195, 10,
        r -> new Object[] {uniform(r, -2, 2), uniform(r, 0.5, 12)});
  }

  private static final Shape CALLEE_IN_WHILE = shape("CalleeInWhile", """
      /** Differentiable itself with a while loop. */
      @Differentiable
      static double twice(double v) {
        double r = 0;
        int k = 0;
        while (k < 2) {
          r = r + v * v;
          k += 1;
        }
        return r;
      }

      /** Calls twice in a while loop whose condition reads a value and a count. */
      @Differentiable
      static double calleeInWhile(double x, double y) {
        double s = x;
        int k = 0;
        while (s < 30 && k < 10) {
          s = s + twice(y) * s;
          k += 1;
        }
        return s * k;
      }
      """, "calleeInWhile", indices(0, 1), indices());

  @Test
  void callOfADifferentiableMethodInAWhile() {
    CALLEE_IN_WHILE.checkAtRandomPoints(197, 10,
        r -> new Object[] {uniform(r, 0.5, 5), uniform(r, 0.2, 1.5)});
  }

  // --- trip counts that depend on differentiated values ---------------------------------------

  private static final Shape NEWTON = shape("Newton", """
      /** Newton's iteration for the square root, until the residual is below tol. */
      @Differentiable
      static double newtonSqrt(double a, double tol) {
        double x = a;
        int k = 0;
        while (Math.abs(x * x - a) > tol && k < 60) {
          x = 0.5 * (x + a / x);
          k += 1;
        }
        return x;
      }
      """, "newtonSqrt", indices(0, 1), indices());

  @Test
  void tripCountDependsOnTheValues() {
    NEWTON.checkAtRandomPoints(200, 10,
        r -> new Object[] {uniform(r, 0.5, 50), Math.pow(10, -uniform(r, 0.3, 4))});
  }

  // --- do-while loops -------------------------------------------------------------------------

  private static final Shape DO_WHILE = shape("DoWhile", """
      /** Halves until small: the body runs at least once, even when x starts small. */
      @Differentiable
      static double halveAtLeastOnce(double x, double a) {
        double y = x;
        do {
          y = y / 2 + 0.1 * Math.sin(a * y);
        } while (y > 1);
        return y * a;
      }

      /** A do-while with continue (to the condition) and break. */
      @Differentiable
      static double doWhileJumps(double x, double a, int n) {
        double y = x;
        int k = 0;
        do {
          k += 1;
          if (k % 3 == 0) {
            continue;
          }
          y = y * a + Math.cos(y);
          if (y > 1e6) {
            break;
          }
        } while (k < n);
        return y;
      }
      """, "halveAtLeastOnce", indices(0, 1), indices());

  private static final Shape DO_WHILE_JUMPS = shape("DoWhile", DO_WHILE.methods(),
      "doWhileJumps", indices(0, 1), indices());

  @Test
  void doWhile() {
    DO_WHILE.checkAtRandomPoints(300, 10, r -> new Object[] {uniform(r, 0.1, 40),
        uniform(r, -2, 2)});
  }

  @Test
  void doWhileWithContinueAndBreak() {
    for (int n : new int[] {0, 1, 2, 5}) {
      DO_WHILE_JUMPS.checkAtRandomPoints(310 + n, 4, r -> new Object[] {uniform(r, -1, 1),
          uniform(r, 0.2, 0.9), n});
    }
  }

  // --- for-each loops -------------------------------------------------------------------------

  private static final Shape FOR_EACH = shape("ForEach", """
      /** For-each over a differentiated array, over the rows of a matrix and over an int[]. */
      @Differentiable(wrt = "w")
      static double forEachSum(double[] w, double[][] x, int[] counts) {
        double s = 0;
        for (double wi : w) {
          s += wi * wi;
        }
        for (double[] row : x) {
          double dot = 0;
          int k = 0;
          for (double v : row) {
            dot += w[k] * v;
            k += 1;
          }
          s += Math.tanh(dot);
        }
        for (int c : counts) {
          s += c * w[0];
        }
        return s;
      }

      /** For-each over a row read inside the loop, whose element variable the body assigns. */
      @Differentiable(wrt = "w")
      static double forEachOverRows(double[] w, double[][] x) {
        double s = 0;
        for (int n = 0; n < x.length; n++) {
          for (double v : x[n]) {
            v = v * w[n];
            s += Math.exp(0.1 * v);
          }
        }
        return s;
      }
      """, "forEachSum", indices(), indices(0));

  private static final Shape FOR_EACH_ROWS = shape("ForEach", FOR_EACH.methods(),
      "forEachOverRows", indices(), indices(0));

  @Test
  void forEachLoops() {
    double[][] x = {{0.5, -1, 2}, {1.5, 0.25, -0.5}};
    int[] counts = {1, 4};
    FOR_EACH.checkAtRandomPoints(320, 6, r -> new Object[] {uniform(r, 3, -1, 1), x, counts});
    FOR_EACH.checkAt(new double[] {0.3, -0.2, 0.1}, new double[0][], new int[0]);
  }

  @Test
  void forEachOverARowReadInTheLoop() {
    double[][] x = {{0.5, -1, 2}, {1.5, 0.25}, {}};
    FOR_EACH_ROWS.checkAtRandomPoints(330, 6, r -> new Object[] {uniform(r, 3, -1, 1), x});
  }

  // --- return inside loops --------------------------------------------------------------------

  private static final Shape RETURNS = shape("Returns", """
      /** The first partial sum past a threshold, or the whole sum. */
      @Differentiable
      static double firstPast(double[] w, double t) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
          s += w[i] * w[i];
          if (s > t) {
            return s * w[i];
          }
        }
        return -s;
      }

      /** A return from a nested loop, with statements after both loops. */
      @Differentiable
      static double nestedReturn(double x, double a, int n) {
        double y = x;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            y = Math.sin(y * a) + 0.5 * y;
            if (y > 0.9) {
              return y * x;
            }
          }
          y = y + 0.01 * i;
        }
        y = y * y;
        return y + a;
      }

      /** A return from a while (true) loop: the loop never ends otherwise. */
      @Differentiable
      static double untilBelow(double x, double a) {
        double y = x;
        while (true) {
          y = 0.5 * y + 0.1 * a;
          if (y < 1) {
            return y * a;
          }
        }
      }

      /** A return from a do-while, after the loop a second way out. */
      @Differentiable
      static double doReturn(double x, double a, int n) {
        double y = x;
        int k = 0;
        do {
          y = y * a + 0.2;
          if (y < 0) {
            return -y;
          }
          k += 1;
        } while (k < n);
        return y;
      }
      """, "firstPast", indices(1), indices(0));

  private static final Shape NESTED_RETURN = shape("Returns", RETURNS.methods(),
      "nestedReturn", indices(0, 1), indices());
  private static final Shape UNTIL_BELOW = shape("Returns", RETURNS.methods(),
      "untilBelow", indices(0, 1), indices());
  private static final Shape DO_RETURN = shape("Returns", RETURNS.methods(),
      "doReturn", indices(0, 1), indices());

  @Test
  void returnInsideALoop() {
    RETURNS.checkAtRandomPoints(340, 10, r -> new Object[] {uniform(r, 4, -1, 1),
        uniform(r, 0.1, 2)});
  }

  @Test
  void returnFromANestedLoop() {
    for (int n : new int[] {0, 1, 3}) {
      NESTED_RETURN.checkAtRandomPoints(350 + n, 6, r -> new Object[] {uniform(r, -1, 1),
          uniform(r, 0.5, 3), n});
    }
  }

  @Test
  void returnFromWhileTrue() {
    UNTIL_BELOW.checkAtRandomPoints(360, 8, r -> new Object[] {uniform(r, 0.5, 30),
        uniform(r, 0.1, 1.5)});
  }

  @Test
  void returnFromADoWhile() {
    for (int n : new int[] {0, 1, 4}) {
      DO_RETURN.checkAtRandomPoints(370 + n, 6, r -> new Object[] {uniform(r, -1, 2),
          uniform(r, -1.5, 1.5), n});
    }
  }

  // --- values a reversed iteration recomputes ---------------------------------------------------

  private static final Shape RECOMPUTED = shape("Recomputed", """
      /** Loop locals from invariants, the counter, an outer loop's value and each other. */
      @Differentiable(wrt = "w")
      static double recomputed(double[] w, double[][] x, double c) {
        double s = 0;
        double carried = 0;
        for (int i = 0; i < x.length; i++) {
          double[] xi = x[i];
          double scale = c * (i + 1);
          double carriedBefore = carried;
          for (int j = 0; j < w.length; j++) {
            double z = w[j] * xi[j] * scale + carriedBefore;
            double zz = z * z - j;
            s += Math.sin(zz) + z;
          }
          carried = s * 0.1;
          double late = carried + w[0];
          s += late * late;
        }
        return s;
      }
      """, "recomputed", indices(), indices(0));

  @Test
  void valuesRecomputedInTheReversedIteration() {
    double[][] x = {{0.5, -1, 0.25}, {1.5, 0.25, -0.5}, {-0.3, 0.8, 1.1}};
    RECOMPUTED.checkAtRandomPoints(380, 8, r -> new Object[] {uniform(r, 3, -1, 1), x,
        uniform(r, -0.5, 0.5)});
  }

  // --- loops that run zero times --------------------------------------------------------------

  /** Each shape at points where its loop runs zero times; every shape is checked. */
  @Test
  void loopsThatRunZeroTimes() {
    Random r = new Random(210);
    List<Executable> checks = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      double x = uniform(r, -1.2, 1.2);
      double c = uniform(r, -1, 1);
      double[] w1 = uniform(r, 1, -1, 1);
      double[] w3 = uniform(r, 3, -1, 1);
      double t = uniform(r, 0.05, 0.95);
      double negative = uniform(r, -3, -1.05);
      double big = uniform(r, 100.5, 200);
      double rate = uniform(r, 1.1, 2);
      double limit = uniform(r, 5, 150);
      double[] small = uniform(r, 4, 0, 0.4);
      double scale = uniform(r, 0.5, 2);
      double nearOne = uniform(r, 1.05, 1.2);
      double tol = uniform(r, 0.5, 0.9);
      checks.add(() -> COUNT_DOWN.checkAt(x, c, 0));
      checks.add(() -> STRIDE.checkAt(w1, x)); // bound w.length - 1 = 0
      checks.add(() -> STRIDE.checkAt(new double[0], x));
      checks.add(() -> SHRINKING.checkAt(x, c, 0));
      checks.add(() -> SKIPPING.checkAt(x, c, 0));
      checks.add(() -> MOVING_START.checkAt(x, 1));
      checks.add(() -> LONG_COUNTER.checkAt(x, 0L));
      checks.add(() -> LONG_BOUND.checkAt(x, 0L));
      checks.add(() -> LONG_INDEX.checkAt(w3, 3L));
      checks.add(() -> BOUND_FIRST.checkAt(x, c, 0));
      checks.add(() -> BOUND_FIRST.checkAt(x, c, -3));
      checks.add(() -> CALL_BOUND.checkAt(x, t));
      checks.add(() -> CALL_BOUND.checkAt(x, negative));
      checks.add(() -> MIN_BOUND.checkAt(w3, 0));
      checks.add(() -> TWO_LOOPS_ONE_NAME.checkAt(x, 0));
      checks.add(() -> COUNTED_THEN_NOT.checkAt(x, 0));
      checks.add(() -> BREAK_THEN_COUNTED.checkAt(x, 0));
      // b <= a: the double counter starts past its bound
      checks.add(() -> DOUBLE_COUNTER.checkAt(c + 0.1, c - 0.3));
      // y starts above 100: the while loop never runs
      checks.add(() -> GROW_UNTIL.checkAt(big, rate, limit));
      // every z starts below 1: no inner iteration; or no element at all
      checks.add(() -> HALVINGS.checkAt(small, scale));
      checks.add(() -> HALVINGS.checkAt(new double[0], scale));
      checks.add(() -> HALVINGS_DOWN.checkAt(x, c, 0));
      checks.add(() -> POSITIVES.checkAt(new double[0], scale));
      checks.add(() -> ODD_TERMS.checkAt(x, 0));
      checks.add(() -> ROWS.checkAt(scale, 0, 5));
      checks.add(() -> ROWS.checkAt(scale, 3, 0));
      checks.add(() -> RING.checkAt(w3, 0));
      checks.add(() -> WHILE_IN_IF.checkAt(scale, 10.5 + scale));
      // s starts at or above 30
      checks.add(() -> CALLEE_IN_WHILE.checkAt(30.5 + scale, scale));
      // |a * a - a| <= tol from the start: no Newton step
      checks.add(() -> NEWTON.checkAt(nearOne, tol));
      checks.add(() -> FOR_EACH.checkAt(w3, new double[0][], new int[0]));
      checks.add(() -> RETURNS.checkAt(new double[0], t));
      checks.add(() -> NESTED_RETURN.checkAt(x, c, 0));
    }
    assertAll("loops that run zero times", checks);
  }
}
