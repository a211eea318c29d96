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
      Object[] args = sample(f, random);
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
    // every array of a call has the same length (double[][]: rows), 1 to 4; rows 1 to 3 long
    int length = 1 + random.nextInt(4);
    int columns = 1 + random.nextInt(3);
    for (int i = 0; i < args.length; i++) {
      T type = f.params().get(i).type();
      if (type == T.DARR) {
        double[] a = new double[length];
        for (int k = 0; k < length; k++) {
          a[k] = (Double) sample(T.DOUBLE, random);
        }
        args[i] = a;
      } else if (type == T.IARR) {
        int[] a = new int[length];
        for (int k = 0; k < length; k++) {
          a[k] = random.nextInt(length); // valid indices into the other arrays
        }
        args[i] = a;
      } else if (type == T.DMAT) {
        double[][] a = new double[length][columns];
        for (int k = 0; k < length; k++) {
          for (int j = 0; j < columns; j++) {
            a[k][j] = (Double) sample(T.DOUBLE, random);
          }
        }
        args[i] = a;
      } else {
        args[i] = sample(type, random);
      }
    }
    return args;
  }

  /** A deep copy of the arguments (the generated code must not write into them). */
  static Object[] copy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof int[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof double[][] a) {
        double[][] m = a.clone();
        for (int k = 0; k < m.length; k++) {
          m[k] = m[k].clone();
        }
        out[i] = m;
      }
    }
    return out;
  }

  private static Object sample(T type, Random random) {
    switch (type) {
      case DOUBLE: {
        double scale = random.nextInt(5) == 0 ? 4 : 2;
        return Math.round((random.nextDouble() * 2 - 1) * scale * 1e6) / 1e6; // readable digits
      }
      case INT: {
        // now and then a bound at the end of int (a loop to it runs no iteration, one from it
        // many) or a count past a few checkpoint segments
        int roll = random.nextInt(24);
        return roll == 0 ? Integer.MIN_VALUE : roll == 1 ? Integer.MIN_VALUE + 1
            : roll == 2 ? 40 : random.nextInt(7) - 2;
      }
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

  /** One differentiated partial: parameter, element (-1 for a scalar), its name. */
  record Slot(int param, int element, String name) {}

  /** The partials in the order of {@link Oracle.Result#gradient}. */
  static List<Slot> slots(Fn f, Object[] args) {
    List<Slot> out = new ArrayList<>();
    for (int i : f.differentiated()) {
      Param p = f.params().get(i);
      if (p.type() == T.DOUBLE) {
        out.add(new Slot(i, -1, p.name()));
      } else {
        for (int k = 0; k < ((double[]) args[i]).length; k++) {
          out.add(new Slot(i, k, p.name() + "[" + k + "]"));
        }
      }
    }
    return out;
  }

  /**
   * The gradient arrays the generated methods take for f at args: grad (when a scalar is
   * differentiated) then one per differentiated array, each filled with {@code fill}.
   */
  private static double[][] gradientArrays(Fn f, Object[] args, java.util.function.DoubleSupplier fill) {
    List<double[]> out = new ArrayList<>();
    int scalars = 0;
    for (int i : f.differentiated()) {
      if (f.params().get(i).type() == T.DOUBLE) {
        scalars++;
      }
    }
    if (scalars > 0) {
      out.add(new double[scalars]);
    }
    for (int i : f.differentiated()) {
      if (f.params().get(i).type() == T.DARR) {
        out.add(new double[((double[]) args[i]).length]);
      }
    }
    for (double[] a : out) {
      for (int k = 0; k < a.length; k++) {
        a[k] = fill.getAsDouble();
      }
    }
    return out.toArray(new double[0][]);
  }

  /** The partial of slot s in the gradient arrays. */
  private static double at(double[][] arrays, Fn f, Slot s, List<Slot> all) {
    int scalar = 0;
    boolean anyScalar = all.stream().anyMatch(x -> x.element() < 0);
    int array = anyScalar ? 1 : 0;
    for (int i : f.differentiated()) {
      T type = f.params().get(i).type();
      if (i == s.param()) {
        return type == T.DOUBLE ? arrays[0][scalar] : arrays[array][s.element()];
      }
      if (type == T.DOUBLE) {
        scalar++;
      } else {
        array++;
      }
    }
    throw new IllegalArgumentException(s.toString());
  }

  private static Object[] concat(Object[] args, Object[] more) {
    Object[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  /** Checks the compiled method and its gradient at one point; null when all agree. */
  static Failure check(Unit unit, Fn f, Class<?> source, Class<?> grad, Point point, long seed) {
    Object[] args = point.args();
    Oracle.Result oracle = point.oracle();
    List<Slot> slots = slots(f, args);
    Class<?>[] types = f.params().stream().map(p -> p.type().javaClass()).toArray(Class<?>[]::new);
    Method original = method(source, f.name(), types);
    if (original == null) {
      throw new AssertionError("no " + f.name() + " in " + source.getName());
    }
    double[][] shape = gradientArrays(f, args, () -> 0);
    Class<?>[] plainTypes = Arrays.copyOf(types, types.length + shape.length);
    Arrays.fill(plainTypes, types.length, plainTypes.length, double[].class);
    Method plain = method(grad, f.name(), plainTypes);
    Class<?>[] pullbackTypes = Arrays.copyOf(types, types.length + 1 + shape.length);
    Arrays.fill(pullbackTypes, types.length, pullbackTypes.length, double[].class);
    pullbackTypes[types.length] = double.class;
    Method pullback = method(grad, f.name() + "Pullback", pullbackTypes);
    String at = " at " + describe(f, args);
    if (plain == null || pullback == null) {
      return new Failure(Kind.EXCEPTION, "missing", "the gradient class has no " + f.name()
          + (plain == null ? "(..., " + shape.length + " gradient arrays)" : "Pullback"));
    }

    double expected;
    try {
      expected = (double) original.invoke(null, copy(args));
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

    double[][] g = gradientArrays(f, args, () -> 12345.678); // the plain form must overwrite
    double value;
    Object[] plainArgs = copy(args);
    try {
      value = (double) plain.invoke(null, concat(plainArgs, g));
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
    if (!Arrays.deepEquals(plainArgs, args)) {
      return new Failure(Kind.EXCEPTION, "argument written",
          "the generated " + f.name() + " wrote into its arguments" + at);
    }
    for (int i = 0; i < slots.size(); i++) {
      double gi = at(g, f, slots.get(i), slots);
      double tolerance = TOLERANCE * oracle.absGradient[i] + Double.MIN_NORMAL;
      if (!(Math.abs(gi - oracle.gradient[i]) <= tolerance)) {
        return new Failure(Kind.GRADIENT, Double.isFinite(gi) ? "gradient" : "gradient NaN",
            "d/d" + slots.get(i).name() + ": generated " + gi + ", Hipparchus "
            + oracle.gradient[i] + " (tolerance " + tolerance + ")" + at
            + "\n  generated gradient: " + Arrays.deepToString(g)
            + "\n  Hipparchus gradient: " + Arrays.toString(oracle.gradient));
      }
    }

    Random random = new Random(seed);
    double s = (random.nextBoolean() ? 1 : -1) * (0.25 + 2 * random.nextDouble());
    double[][] before = gradientArrays(f, args, random::nextGaussian);
    double[][] after = new double[before.length][];
    for (int k = 0; k < before.length; k++) {
      after[k] = before[k].clone();
    }
    Object[] pullbackArgs = concat(concat(copy(args), new Object[] {s}), after);
    try {
      pullback.invoke(null, pullbackArgs);
    } catch (InvocationTargetException e) {
      return new Failure(Kind.EXCEPTION, e.getCause().getClass().getName(),
          "the generated " + f.name() + "Pullback threw " + e.getCause() + at);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    for (int i = 0; i < slots.size(); i++) {
      double prior = at(before, f, slots.get(i), slots);
      double got = at(after, f, slots.get(i), slots);
      double gi = at(g, f, slots.get(i), slots);
      double want = prior + s * gi;
      double tolerance = 1e-12 * Math.abs(prior)
          + TOLERANCE * Math.abs(s) * oracle.absGradient[i] + Double.MIN_NORMAL;
      if (!(Math.abs(got - want) <= tolerance)) {
        return new Failure(Kind.PULLBACK, "pullback", "pullback d/d" + slots.get(i).name()
            + " with seed " + s + " and prior " + prior + ": " + got
            + ", expected prior + seed * " + gi + " = " + want + at);
      }
    }

    return centralDifferences(unit, f, args, oracle, slots);
  }

  /**
   * Secondary check of the oracle itself: central differences (with a Richardson step) agree
   * with Hipparchus wherever the path stays the same and the differences are stable.
   */
  private static Failure centralDifferences(
      Unit unit, Fn f, Object[] args, Oracle.Result oracle, List<Slot> slots) {
    for (int i = 0; i < slots.size(); i++) {
      Slot slot = slots.get(i);
      double x = get(args, slot);
      double h = 1e-5 * Math.max(1, Math.abs(x));
      if (oracle.absGradient[i] * h > 1) {
        // a step this long can move the result (by the chain rule in absolute values) by more
        // than about 1: an oscillation on the way (the sin of a value iterated up to 1e6) is
        // not resolved, however well the steps agree
        CD_SKIPPED.incrementAndGet();
        continue;
      }
      double d1 = difference(unit, f, args, slot, h, oracle);
      double d2 = difference(unit, f, args, slot, h / 2, oracle);
      double d3 = difference(unit, f, args, slot, h / 4, oracle);
      if (!Double.isFinite(d1) || !Double.isFinite(d2) || !Double.isFinite(d3)) {
        CD_SKIPPED.incrementAndGet();
        continue; // the path changed within a step, or a neighbour overflows
      }
      // truncation error, plus the round-off of values as coarse as the largest intermediate
      double scale = oracle.absGradient[i] + 1e-3 * Math.abs(oracle.value) + 1e-9
          + 1e5 * 64 * Math.ulp(oracle.largest) / (h / 4);
      // resolved: the steps agree relative to the derivative itself (not to the round-off
      // scale, which a fast oscillation such as sin(sinh(x)) makes huge)
      double resolved = Math.max(Math.abs(d1), Math.max(Math.abs(d2), Math.abs(d3)))
          + 1e-3 * Math.abs(oracle.value) + 1e-9
          + 1e5 * 64 * Math.ulp(oracle.largest) / (h / 4);
      if (Math.abs(d1 - d2) > 1e-5 * resolved || Math.abs(d2 - d3) > 1e-5 * resolved) {
        CD_SKIPPED.incrementAndGet();
        continue; // not resolved at this step size (large higher derivatives)
      }
      // differences of values as coarse as the largest intermediate are too noisy to say much
      double noise = 64 * Math.ulp(oracle.largest) / (h / 4);
      if (noise > 1e-2 * (Math.abs(oracle.gradient[i]) + Math.abs(d2)) + 1e-6) {
        CD_SKIPPED.incrementAndGet();
        continue;
      }
      CD_COMPARED.incrementAndGet();
      double richardson = (4 * d2 - d1) / 3;
      if (Math.abs(richardson - oracle.gradient[i]) > 1e-5 * scale) {
        return new Failure(Kind.ORACLE, "central differences",
            "d/d" + slot.name() + ": central differences " + richardson
                + " (steps " + d1 + ", " + d2 + ") but Hipparchus " + oracle.gradient[i]
                + " at " + describe(f, args));
      }
    }
    return null;
  }

  private static double get(Object[] args, Slot s) {
    return s.element() < 0 ? (Double) args[s.param()] : ((double[]) args[s.param()])[s.element()];
  }

  private static Object[] with(Object[] args, Slot s, double x) {
    Object[] out = copy(args);
    if (s.element() < 0) {
      out[s.param()] = x;
    } else {
      ((double[]) out[s.param()])[s.element()] = x;
    }
    return out;
  }

  /** (f(x + h) - f(x - h)) / 2h, or NaN when either side takes another path. */
  private static double difference(
      Unit unit, Fn f, Object[] args, Slot slot, double h, Oracle.Result base) {
    double x = get(args, slot);
    Object[] plus = with(args, slot, x + h);
    Object[] minus = with(args, slot, x - h);
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
    if (arg instanceof double[] a) {
      return "new double[] " + Arrays.toString(a).replace('[', '{').replace(']', '}');
    }
    if (arg instanceof int[] a) {
      return "new int[] " + Arrays.toString(a).replace('[', '{').replace(']', '}');
    }
    if (arg instanceof double[][] a) {
      return "new double[][] " + Arrays.deepToString(a).replace('[', '{').replace(']', '}');
    }
    return String.valueOf(arg);
  }

  private static boolean sameBits(double a, double b) {
    return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
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
