package dev.backprop.processor.fuzz;

import dev.backprop.processor.fuzz.Ast.Fn;
import dev.backprop.processor.fuzz.Ast.Param;
import dev.backprop.processor.fuzz.Ast.T;
import dev.backprop.processor.fuzz.Ast.Unit;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Picks evaluation points away from kinks and compares, at each, the generated value and
 * gradient (and pullback) with the compiled original and the oracle.
 */
final class Checker {

  /** A point closer than this to a kink (or pole) is resampled. */
  static final double KINK_MARGIN = 1e-3;
  /** Relative tolerance against the oracle, scaled by the absolute gradient. */
  static final double TOLERANCE = 1e-9;

  /** What went wrong; the shrinker keeps a failure of the same kind (and key). */
  enum Kind {
    /** The class or its generated gradient class did not compile. */
    COMPILE,
    /** The generated method threw where the original did not. */
    EXCEPTION,
    /** The generated method's value differs from the original's, bit for bit. */
    VALUE,
    /** The gradient differs from Hipparchus' beyond round-off. */
    GRADIENT,
    /** The pullback is not prior + seed * gradient. */
    PULLBACK,
    /** The fuzzer's own interpreter disagrees with the compiled original (a fuzzer bug). */
    INTERPRETER,
    /** Central differences disagree with Hipparchus where both should hold (a fuzzer bug). */
    ORACLE
  }

  record Failure(Kind kind, String key, String detail) {
    boolean sameAs(Failure other) {
      return other != null && kind == other.kind && key.equals(other.key);
    }
  }

  /** A usable point: arguments (boxed per parameter) and the oracle's result there. */
  record Point(Object[] args, Oracle.Result oracle) {}

  /** How many central-difference comparisons ran, and how many were skipped (path / step). */
  static final java.util.concurrent.atomic.AtomicLong CD_COMPARED = new java.util.concurrent.atomic.AtomicLong();
  static final java.util.concurrent.atomic.AtomicLong CD_SKIPPED = new java.util.concurrent.atomic.AtomicLong();

  private Checker() {}

  /** Up to {@code count} points where the method is smooth and tame, or fewer if rare. */
  static List<Point> points(Unit unit, Fn f, Random random, int count, int attempts) {
    List<Point> out = new ArrayList<>();
    for (int attempt = 0; attempt < attempts && out.size() < count; attempt++) {
      Object[] args = new Object[f.params().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = sample(f.params().get(i).type(), random);
      }
      Oracle.Result result = usable(unit, f.name(), args);
      if (result != null) {
        out.add(new Point(args, result));
      }
    }
    return out;
  }

  /** Arguments drawn at random, usable or not (for a method that did not compile). */
  static Object[] sample(Fn f, Random random) {
    Object[] args = new Object[f.params().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = sample(f.params().get(i).type(), random);
    }
    return args;
  }

  private static Object sample(T type, Random random) {
    switch (type) {
      case DOUBLE: {
        double scale = random.nextInt(5) == 0 ? 4 : 2;
        return Math.round((random.nextDouble() * 2 - 1) * scale * 1e6) / 1e6; // readable digits
      }
      case INT: return random.nextInt(7) - 2;
      case LONG: return (long) (random.nextInt(9) - 3);
      default: return random.nextBoolean();
    }
  }

  /** The oracle's result when the point is smooth, in domain and of moderate size; else null. */
  static Oracle.Result usable(Unit unit, String method, Object[] args) {
    Oracle.Result result;
    try {
      result = Oracle.evaluate(unit, method, args, true);
    } catch (Oracle.Rejected | ArithmeticException e) {
      return null;
    }
    if (!(result.kinkDistance >= KINK_MARGIN) || result.nonFinite || !tame(result.value, 1e8)) {
      return null;
    }
    for (int i = 0; i < result.gradient.length; i++) {
      if (!tame(result.gradient[i], 1e8) || !tame(result.absGradient[i], 1e12)) {
        return null;
      }
    }
    return result;
  }

  private static boolean tame(double x, double limit) {
    return Math.abs(x) <= limit; // false for NaN and infinities
  }

  /** Checks the compiled method and its gradient at one point; null when all agree. */
  static Failure check(Unit unit, Fn f, Class<?> source, Class<?> grad, Point point, long seed) {
    Object[] args = point.args();
    Oracle.Result oracle = point.oracle();
    int[] wrt = f.differentiated();
    Class<?>[] types = f.params().stream().map(p -> p.type().javaClass()).toArray(Class<?>[]::new);
    Method original = method(source, f.name(), types);
    if (original == null) {
      throw new AssertionError("no " + f.name() + " in " + source.getName());
    }
    Class<?>[] plainTypes = Arrays.copyOf(types, types.length + 1);
    plainTypes[types.length] = double[].class;
    Method plain = method(grad, f.name(), plainTypes);
    Class<?>[] pullbackTypes = Arrays.copyOf(types, types.length + 2);
    pullbackTypes[types.length] = double.class;
    pullbackTypes[types.length + 1] = double[].class;
    Method pullback = method(grad, f.name() + "Pullback", pullbackTypes);
    String at = " at " + describe(f, args);
    if (plain == null || pullback == null) {
      return new Failure(Kind.EXCEPTION, "missing", "the gradient class has no " + f.name()
          + (plain == null ? "(..., double[])" : "Pullback"));
    }

    double expected;
    try {
      expected = (double) original.invoke(null, args);
    } catch (InvocationTargetException e) {
      return new Failure(Kind.INTERPRETER, "original threw",
          "the original method threw " + e.getCause() + at + " (the oracle accepted the point)");
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    if (!sameBits(expected, oracle.value)) {
      return new Failure(Kind.INTERPRETER, "value",
          "oracle value " + oracle.value + " but the original returns " + expected + at);
    }

    double[] g = new double[wrt.length];
    Arrays.fill(g, 12345.678); // the plain form must overwrite
    double value;
    try {
      value = (double) plain.invoke(null, append(args, g));
    } catch (InvocationTargetException e) {
      return new Failure(Kind.EXCEPTION, e.getCause().getClass().getName(),
          "the generated " + f.name() + "(..., grad) threw " + e.getCause() + at);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    if (!sameBits(value, expected)) {
      return new Failure(Kind.VALUE, "value", "generated value " + value + " ("
          + Long.toHexString(Double.doubleToRawLongBits(value)) + ") but the original returns "
          + expected + " (" + Long.toHexString(Double.doubleToRawLongBits(expected)) + ")" + at);
    }
    for (int i = 0; i < wrt.length; i++) {
      double tolerance = TOLERANCE * oracle.absGradient[i] + Double.MIN_NORMAL;
      if (!(Math.abs(g[i] - oracle.gradient[i]) <= tolerance)) {
        return new Failure(Kind.GRADIENT, Double.isFinite(g[i]) ? "gradient" : "gradient NaN", "d/d" + f.params().get(wrt[i]).name()
            + ": generated " + g[i] + ", Hipparchus " + oracle.gradient[i]
            + " (tolerance " + tolerance + ")" + at + "\n  generated gradient: "
            + Arrays.toString(g) + "\n  Hipparchus gradient: " + Arrays.toString(oracle.gradient));
      }
    }

    Random random = new Random(seed);
    double s = (random.nextBoolean() ? 1 : -1) * (0.25 + 2 * random.nextDouble());
    double[] before = new double[wrt.length];
    for (int i = 0; i < before.length; i++) {
      before[i] = random.nextGaussian();
    }
    double[] after = before.clone();
    Object[] pullbackArgs = Arrays.copyOf(args, args.length + 2);
    pullbackArgs[args.length] = s;
    pullbackArgs[args.length + 1] = after;
    try {
      pullback.invoke(null, pullbackArgs);
    } catch (InvocationTargetException e) {
      return new Failure(Kind.EXCEPTION, e.getCause().getClass().getName(),
          "the generated " + f.name() + "Pullback threw " + e.getCause() + at);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    for (int i = 0; i < wrt.length; i++) {
      double want = before[i] + s * g[i];
      double tolerance = 1e-12 * Math.abs(before[i])
          + TOLERANCE * Math.abs(s) * oracle.absGradient[i] + Double.MIN_NORMAL;
      if (!(Math.abs(after[i] - want) <= tolerance)) {
        return new Failure(Kind.PULLBACK, "pullback", "pullback grad[" + i + "] (d/d"
            + f.params().get(wrt[i]).name() + ") with seed " + s + " and prior " + before[i]
            + ": " + after[i] + ", expected prior + seed * " + g[i] + " = " + want + at);
      }
    }

    return centralDifferences(unit, f, args, oracle, wrt);
  }

  /**
   * Secondary check of the oracle itself: central differences (with a Richardson step) agree
   * with Hipparchus wherever the path stays the same and the differences are stable.
   */
  private static Failure centralDifferences(
      Unit unit, Fn f, Object[] args, Oracle.Result oracle, int[] wrt) {
    for (int i = 0; i < wrt.length; i++) {
      double x = (Double) args[wrt[i]];
      double h = 1e-5 * Math.max(1, Math.abs(x));
      double d1 = difference(unit, f, args, wrt[i], h, oracle);
      double d2 = difference(unit, f, args, wrt[i], h / 2, oracle);
      double d3 = difference(unit, f, args, wrt[i], h / 4, oracle);
      if (Double.isNaN(d1) || Double.isNaN(d2) || Double.isNaN(d3)) {
        CD_SKIPPED.incrementAndGet();
        continue; // the path changed within a step
      }
      // truncation error, plus the round-off of values as coarse as the largest intermediate
      double scale = oracle.absGradient[i] + 1e-3 * Math.abs(oracle.value) + 1e-9
          + 1e5 * 64 * Math.ulp(oracle.largest) / (h / 4);
      if (Math.abs(d1 - d2) > 1e-5 * scale || Math.abs(d2 - d3) > 1e-5 * scale) {
        CD_SKIPPED.incrementAndGet();
        continue; // not resolved at this step size (large higher derivatives)
      }
      CD_COMPARED.incrementAndGet();
      double richardson = (4 * d2 - d1) / 3;
      if (Math.abs(richardson - oracle.gradient[i]) > 1e-5 * scale) {
        return new Failure(Kind.ORACLE, "central differences",
            "d/d" + f.params().get(wrt[i]).name() + ": central differences " + richardson
                + " (steps " + d1 + ", " + d2 + ") but Hipparchus " + oracle.gradient[i]
                + " at " + describe(f, args));
      }
    }
    return null;
  }

  /** (f(x + h) - f(x - h)) / 2h, or NaN when either side takes another path. */
  private static double difference(
      Unit unit, Fn f, Object[] args, int index, double h, Oracle.Result base) {
    double x = (Double) args[index];
    Object[] plus = args.clone();
    Object[] minus = args.clone();
    plus[index] = x + h;
    minus[index] = x - h;
    Oracle.Result up;
    Oracle.Result down;
    try {
      up = Oracle.evaluate(unit, f.name(), plus, false);
      down = Oracle.evaluate(unit, f.name(), minus, false);
    } catch (Oracle.Rejected | ArithmeticException e) {
      return Double.NaN;
    }
    if (!up.path.equals(base.path) || !down.path.equals(base.path)) {
      return Double.NaN;
    }
    return (up.value - down.value) / ((x + h) - (x - h));
  }

  static String describe(Fn f, Object[] args) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < args.length; i++) {
      Param p = f.params().get(i);
      out.append(i == 0 ? "" : ", ").append(p.name()).append(" = ").append(literal(args[i]));
    }
    return out.append(')').toString();
  }

  /** The argument as a Java literal. */
  static String literal(Object arg) {
    if (arg instanceof Long) {
      return arg + "L";
    }
    return String.valueOf(arg);
  }

  private static boolean sameBits(double a, double b) {
    return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
  }

  private static Object[] append(Object[] args, Object last) {
    Object[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  private static Method method(Class<?> owner, String name, Class<?>[] types) {
    try {
      Method m = owner.getDeclaredMethod(name, types);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
