package dev.backprop.processor.fuzz;

import dev.backprop.processor.fuzz.Ast.Assign;
import dev.backprop.processor.fuzz.Ast.Binary;
import dev.backprop.processor.fuzz.Ast.Block;
import dev.backprop.processor.fuzz.Ast.Call;
import dev.backprop.processor.fuzz.Ast.Cast;
import dev.backprop.processor.fuzz.Ast.Cond;
import dev.backprop.processor.fuzz.Ast.Const;
import dev.backprop.processor.fuzz.Ast.Decl;
import dev.backprop.processor.fuzz.Ast.E;
import dev.backprop.processor.fuzz.Ast.Fn;
import dev.backprop.processor.fuzz.Ast.For;
import dev.backprop.processor.fuzz.Ast.If;
import dev.backprop.processor.fuzz.Ast.Lit;
import dev.backprop.processor.fuzz.Ast.MathFn;
import dev.backprop.processor.fuzz.Ast.Return;
import dev.backprop.processor.fuzz.Ast.S;
import dev.backprop.processor.fuzz.Ast.T;
import dev.backprop.processor.fuzz.Ast.Unary;
import dev.backprop.processor.fuzz.Ast.Unit;
import dev.backprop.processor.fuzz.Ast.Var;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Evaluates a generated method from the fuzzer's own tree, independently of the processor:
 * <ul>
 *   <li>the value with exactly Java's operations (so it must equal the compiled method's value
 *       bit for bit);
 *   <li>the exact gradient with Hipparchus {@link Gradient} (forward mode), whose value part is
 *       pinned to the exact value so both sides differentiate at the same point;
 *   <li>an "absolute gradient": the chain rule with every local derivative and every sum taken
 *       in absolute value, which bounds how much round-off any correct implementation may
 *       show, and so scales the comparison tolerance;
 *   <li>the distance to the nearest kink (branch condition, max/min/abs switch, floor/cast/%
 *       jump, pole) and the sequence of discrete decisions taken (the path).
 * </ul>
 */
final class Oracle {

  /** A double value with its derivatives; g and a are null when only values are wanted. */
  static final class V {
    final double v;
    final Gradient g;
    final double[] a;
    /** Whether the value cannot change when the free variables move (absent kinks). */
    final boolean constant;

    V(double v, Gradient g, double[] a, boolean constant) {
      this.v = v;
      this.g = g;
      this.a = a;
      this.constant = constant;
    }
  }

  /** Thrown when a point is unusable (domain error, int division by zero, overflow). */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1;

    Rejected(String why) {
      super(why, null, false, false);
    }
  }

  /** The outcome of evaluating a method at one point. */
  static final class Result {
    double value;
    double[] gradient;      // per differentiated parameter (Hipparchus)
    double[] absGradient;   // round-off scale per differentiated parameter
    double kinkDistance = Double.POSITIVE_INFINITY;
    /** Whether any evaluated intermediate was NaN, infinite or beyond 1e100 (even a dead one). */
    boolean nonFinite;
    /** The largest magnitude of any evaluated intermediate: how coarse the value's round-off is. */
    double largest;
    String nearestKink = "";
    final List<Long> path = new ArrayList<>();
  }

  private final Map<String, Fn> methods = new HashMap<>();
  private final boolean derivatives;
  private int free;
  private Result result;
  private int callDepth;

  private Oracle(Unit unit, boolean derivatives) {
    unit.methods().forEach(f -> methods.put(f.name(), f));
    this.derivatives = derivatives;
  }

  /** Evaluates method {@code name} of {@code unit} at {@code args} (boxed per parameter). */
  static Result evaluate(Unit unit, String name, Object[] args, boolean derivatives) {
    return new Oracle(unit, derivatives).run(unit.method(name), args);
  }

  private Result run(Fn f, Object[] args) {
    result = new Result();
    int[] wrt = f.differentiated();
    free = slots(f, args);
    Object[] bound = new Object[args.length];
    int slot = 0;
    for (int i = 0; i < args.length; i++) {
      T type = f.params().get(i).type();
      boolean active = indexOf(wrt, i) >= 0;
      if (type == T.DOUBLE) {
        double x = (Double) args[i];
        bound[i] = active ? variable(x, slot++) : constant(x);
      } else if (type == T.DARR) {
        double[] x = (double[]) args[i];
        V[] v = new V[x.length];
        for (int k = 0; k < x.length; k++) {
          v[k] = active ? variable(x[k], slot++) : constant(x[k]);
        }
        bound[i] = v;
      } else if (type == T.DMAT) {
        double[][] x = (double[][]) args[i];
        V[][] v = new V[x.length][];
        for (int k = 0; k < x.length; k++) {
          v[k] = new V[x[k].length];
          for (int j = 0; j < x[k].length; j++) {
            v[k][j] = constant(x[k][j]);
          }
        }
        bound[i] = v;
      } else if (type == T.IARR) {
        bound[i] = ((int[]) args[i]).clone();
      } else {
        bound[i] = args[i];
      }
    }
    V out = invoke(f, bound);
    result.value = out.v;
    if (derivatives) {
      result.gradient = out.g.getGradient();
      result.absGradient = out.a.clone();
    }
    return result;
  }

  /**
   * How many free variables a call of f at args has: one per differentiated double, one per
   * element of each differentiated double[], in declaration order (the order of
   * {@link Result#gradient}).
   */
  static int slots(Fn f, Object[] args) {
    int n = 0;
    for (int i : f.differentiated()) {
      n += f.params().get(i).type() == T.DOUBLE ? 1 : ((double[]) args[i]).length;
    }
    return n;
  }

  private V variable(double x, int index) {
    double[] a = derivatives ? new double[free] : null;
    if (a != null) {
      a[index] = 1;
    }
    return new V(x, derivatives ? Gradient.variable(free, index, x) : null, a, false);
  }

  private static int indexOf(int[] a, int x) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == x) {
        return i;
      }
    }
    return -1;
  }

  // --- statements ---------------------------------------------------------------------------

  private V invoke(Fn f, Object[] args) {
    if (++callDepth > 50) {
      throw new IllegalStateException("recursion in generated program");
    }
    Map<String, Object> env = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      env.put(f.params().get(i).name(), args[i]);
    }
    Object done = exec(f.body(), env);
    callDepth--;
    if (!(done instanceof V out)) {
      throw new IllegalStateException("method " + f.name() + " completed without return");
    }
    return out;
  }

  /** What break and continue leave behind while the statements of a loop body unwind. */
  private static final Object BREAK = new Object();
  private static final Object CONTINUE = new Object();
  /** Iterations of all loops in one evaluation: more is a runaway loop (a fuzzer bug). */
  private int iterations;

  private void iteration() {
    if (++iterations > 100_000) {
      throw new Rejected("runaway loop");
    }
  }

  /**
   * Runs statements; the returned value (a V), BREAK or CONTINUE, or null when the list
   * completes normally.
   */
  private Object exec(List<S> body, Map<String, Object> env) {
    for (S s : body) {
      if (s instanceof Decl d) {
        if (d.init() != null) {
          env.put(d.name(), coerce(eval(d.init(), env), d.type()));
        } else {
          env.put(d.name(), new Unassigned(d.type()));
        }
      } else if (s instanceof Assign a) {
        env.put(a.name(), assign(env.get(a.name()), a.op(), a.value(), env));
      } else if (s instanceof Ast.ArrayDecl d) {
        long n = integral(eval(d.size(), env));
        if (n < 0) {
          throw new Rejected("negative array size");
        }
        if (d.matrix()) {
          // Java evaluates both dimensions before checking either
          long c = integral(eval(d.cols(), env));
          if (c < 0) {
            throw new Rejected("negative array size");
          }
          V[][] m = new V[(int) n][(int) c];
          for (V[] row : m) {
            Arrays.fill(row, constant(0));
          }
          env.put(d.name(), m);
        } else {
          V[] h = new V[(int) n];
          for (int k = 0; k < n; k++) {
            h[k] = constant(0);
          }
          env.put(d.name(), h);
        }
      } else if (s instanceof Ast.Store st) {
        V[] h;
        if (st.col() != null) {
          // m[i][j] op= v: the row, then the column index, then the value (JLS 15.26.1)
          V[][] m = (V[][]) env.get(st.name());
          int i = (int) integral(eval(st.index(), env));
          if (i < 0 || i >= m.length) {
            throw new Rejected("index out of bounds");
          }
          h = m[i];
        } else {
          h = (V[]) env.get(st.name());
        }
        int k = (int) integral(eval(st.col() != null ? st.col() : st.index(), env));
        if (k < 0 || k >= h.length) {
          throw new Rejected("index out of bounds");
        }
        h[k] = (V) assign(h[k], st.op(), st.value(), env);
      } else if (s instanceof If i) {
        boolean c = bool(i.c(), env);
        Object out = c ? exec(i.then(), env) : (i.els() == null ? null : exec(i.els(), env));
        if (out != null) {
          return out;
        }
      } else if (s instanceof Block b) {
        Object out = exec(b.body(), env);
        if (out != null) {
          return out;
        }
      } else if (s instanceof For f) {
        long from = integral(eval(f.from(), env));
        long to = integral(eval(f.to(), env));
        long trips = 0;
        for (long i = from; f.inclusive() ? i <= to : i < to; i++) {
          iteration();
          trips++;
          env.put(f.var(), (int) i);
          Object out = exec(f.body(), env);
          if (out instanceof V) {
            result.path.add(trips);
            return out; // a return inside the loop leaves the method
          }
          if (out == BREAK) {
            break;
          }
        }
        env.remove(f.var());
        result.path.add(trips);
      } else if (s instanceof Ast.While w) {
        long trips = 0;
        while (bool(w.c(), env)) {
          iteration();
          trips++;
          Object out = exec(w.body(), env);
          if (out instanceof V) {
            result.path.add(trips);
            return out;
          }
          if (out == BREAK) {
            break;
          }
        }
        result.path.add(trips);
      } else if (s instanceof Ast.Loop l) {
        env.put(l.var(), coerce(eval(l.from(), env), T.INT));
        long trips = 0;
        while (bool(l.c(), env)) {
          iteration();
          trips++;
          Object out = exec(l.body(), env);
          if (out instanceof V) {
            result.path.add(trips);
            return out;
          }
          if (out == BREAK) {
            break;
          }
          Assign u = l.update();
          env.put(u.name(), assign(env.get(u.name()), u.op(), u.value(), env));
        }
        env.remove(l.var());
        result.path.add(trips);
      } else if (s instanceof Ast.DoWhile d) {
        long trips = 0;
        do {
          iteration();
          trips++;
          Object out = exec(d.body(), env);
          if (out instanceof V) {
            result.path.add(trips);
            return out;
          }
          if (out == BREAK) {
            break;
          }
          // continue (CONTINUE) goes on to the test, like completing the body
        } while (bool(d.c(), env));
        result.path.add(trips);
      } else if (s instanceof Ast.ForEach f) {
        // the array is evaluated once; its elements are read at each iteration (a store into
        // a local array in the body is seen by the later iterations)
        Object array = eval(f.array(), env);
        int length = array instanceof V[] v ? v.length
            : array instanceof int[] n ? n.length : ((V[][]) array).length;
        long trips = 0;
        for (int k = 0; k < length; k++) {
          iteration();
          trips++;
          Object element = array instanceof V[] v ? v[k]
              : array instanceof int[] n ? (Object) n[k] : ((V[][]) array)[k];
          env.put(f.var(), coerce(element, f.type()));
          Object out = exec(f.body(), env);
          if (out instanceof V) {
            result.path.add(trips);
            return out;
          }
          if (out == BREAK) {
            break;
          }
        }
        env.remove(f.var());
        result.path.add(trips);
      } else if (s instanceof Ast.Break) {
        return BREAK;
      } else if (s instanceof Ast.Continue) {
        return CONTINUE;
      } else if (s instanceof Return r) {
        return toV(eval(r.value(), env));
      } else if (s instanceof Ast.Throw t) {
        eval(t.value(), env);
        throw new Rejected("an argument check throws here");
      } else if (s instanceof Ast.Effect e) {
        double v = toV(eval(e.value(), env)).v;
        if (e.asserted() && Math.abs(v) > 1e9) {
          throw new Rejected("an assert fails here");
        }
      }
    }
    return null;
  }

  /** The new value of a variable (or element) holding old after {@code op value}. */
  private Object assign(Object old, String op, E value, Map<String, Object> env) {
    Object out;
    if (op.equals("=")) {
      out = eval(value, env);
    } else if (op.equals("++") || op.equals("--")) {
      out = arith(op.substring(0, 1), old, 1, typeOf(old));
    } else {
      out = arith(op.substring(0, 1), old, eval(value, env), T.promote(typeOf(old), value.type()));
    }
    return coerce(out, typeOf(old));
  }

  /** A declared local without a value yet. */
  private record Unassigned(T type) {}

  private static T typeOf(Object value) {
    if (value instanceof Unassigned u) {
      return u.type();
    }
    if (value instanceof V) {
      return T.DOUBLE;
    }
    if (value instanceof Integer) {
      return T.INT;
    }
    if (value instanceof Long) {
      return T.LONG;
    }
    if (value instanceof Boolean) {
      return T.BOOLEAN;
    }
    if (value instanceof V[]) {
      return T.DARR;
    }
    if (value instanceof int[]) {
      return T.IARR;
    }
    if (value instanceof V[][]) {
      return T.DMAT;
    }
    throw new IllegalStateException("unassigned variable read: " + value);
  }

  /** Assignment conversion (widening only, and int narrowing of compound assignments). */
  private Object coerce(Object value, T type) {
    switch (type) {
      case DOUBLE: return toV(value);
      case INT: return (int) integral(value);
      case LONG: return integral(value);
      default: return value;
    }
  }

  // --- expressions --------------------------------------------------------------------------

  private Object eval(E e, Map<String, Object> env) {
    Object value = evalNode(e, env);
    if (value instanceof V v) {
      if (!(Math.abs(v.v) <= 1e100)) {
        result.nonFinite = true; // NaN, infinite, or so large that squaring it would overflow
      } else if (!v.constant) {
        result.largest = Math.max(result.largest, Math.abs(v.v));
      }
    }
    return value;
  }

  private Object evalNode(E e, Map<String, Object> env) {
    if (e instanceof Lit l) {
      return literal(l.type(), l.value());
    }
    if (e instanceof Const c) {
      return c.type().array() ? arrayConstant(c.text()) : literal(c.type(), c.value());
    }
    if (e instanceof Var v) {
      Object value = env.get(v.name());
      if (value == null || value instanceof Unassigned) {
        throw new IllegalStateException("unassigned " + v.name());
      }
      return value;
    }
    if (e instanceof Unary u) {
      if (u.op().equals("!")) {
        return !bool(u.x(), env);
      }
      Object x = eval(u.x(), env);
      if (u.op().equals("+")) {
        return x;
      }
      if (x instanceof V xv) {
        return new V(-xv.v, derivatives ? xv.g.negate() : null, xv.a, xv.constant);
      }
      return x instanceof Integer ? (Object) (-(Integer) x) : (Object) (-(Long) x);
    }
    if (e instanceof Binary b) {
      if (!b.arithmetic()) {
        return compare(b, env);
      }
      return arith(b.op(), eval(b.l(), env), eval(b.r(), env), b.type());
    }
    if (e instanceof Cond c) {
      return bool(c.c(), env) ? widen(eval(c.t(), env), c.type()) : widen(eval(c.f(), env), c.type());
    }
    if (e instanceof Cast c) {
      Object x = eval(c.x(), env);
      if (c.to() == T.DOUBLE) {
        return toV(x);
      }
      if (x instanceof V xv) {
        // (int) / (long) truncates: a jump wherever xv crosses a nonzero integer.
        jumpAtIntegers(xv.constant, xv.v, "cast");
        if (c.to() == T.INT) {
          int r = (int) xv.v;
          result.path.add((long) r);
          return r;
        }
        long r = (long) xv.v;
        result.path.add(r);
        return r;
      }
      return c.to() == T.INT ? (Object) (int) integral(x) : (Object) integral(x);
    }
    if (e instanceof MathFn m) {
      return math(m, env);
    }
    if (e instanceof Ast.Index ix) {
      Object array = eval(ix.array(), env);
      long k = integral(eval(ix.index(), env));
      int length = array instanceof V[] v ? v.length
          : array instanceof int[] n ? n.length : ((V[][]) array).length;
      if (k < 0 || k >= length) {
        throw new Rejected("index out of bounds");
      }
      return array instanceof V[] v ? v[(int) k]
          : array instanceof int[] n ? (Object) n[(int) k] : ((V[][]) array)[(int) k];
    }
    if (e instanceof Ast.Length l) {
      Object array = eval(l.array(), env);
      return array instanceof V[] v ? v.length
          : array instanceof int[] n ? n.length : ((V[][]) array).length;
    }
    if (e instanceof Call c) {
      Fn callee = methods.get(c.method());
      Object[] args = new Object[c.args().size()];
      for (int i = 0; i < args.length; i++) {
        Object arg = eval(c.args().get(i), env);
        args[i] = coerce(arg, callee.params().get(i).type());
      }
      return invoke(callee, args);
    }
    throw new IllegalArgumentException("cannot evaluate " + e);
  }

  /** A fresh copy of an array class constant (never written: stores go to local arrays). */
  private Object arrayConstant(String name) {
    Ast.ArrayConstant c = Ast.arrayConstant(name);
    switch (c.type()) {
      case DARR: {
        V[] out = new V[c.rows()[0].length];
        for (int k = 0; k < out.length; k++) {
          out[k] = constant(c.rows()[0][k]);
        }
        return out;
      }
      case IARR: {
        int[] out = new int[c.rows()[0].length];
        for (int k = 0; k < out.length; k++) {
          out[k] = (int) c.rows()[0][k];
        }
        return out;
      }
      default: {
        V[][] out = new V[c.rows().length][];
        for (int k = 0; k < out.length; k++) {
          out[k] = new V[c.rows()[k].length];
          for (int j = 0; j < out[k].length; j++) {
            out[k][j] = constant(c.rows()[k][j]);
          }
        }
        return out;
      }
    }
  }

  private Object literal(T type, double value) {
    switch (type) {
      case DOUBLE: return constant(value);
      case INT: return (int) value;
      case LONG: return (long) value;
      default: return value != 0;
    }
  }

  private Object widen(Object x, T type) {
    return type == T.DOUBLE ? toV(x) : type == T.LONG ? (Object) integral(x) : x;
  }

  private static long integral(Object x) {
    if (x instanceof Integer i) {
      return i;
    }
    if (x instanceof Long l) {
      return l;
    }
    throw new IllegalStateException("not integral: " + x);
  }

  V constant(double x) {
    return new V(x, derivatives ? Gradient.constant(free, x) : null,
        derivatives ? new double[free] : null, true);
  }

  private V toV(Object x) {
    if (x instanceof V v) {
      return v;
    }
    return constant((double) integral(x));
  }

  private boolean bool(E e, Map<String, Object> env) {
    Object value = eval(e, env);
    if (!(value instanceof Boolean)) {
      throw new IllegalStateException("not boolean: " + e);
    }
    return (Boolean) value;
  }

  private Object compare(Binary b, Map<String, Object> env) {
    switch (b.op()) {
      case "&&":
        return bool(b.l(), env) && bool(b.r(), env);
      case "||":
        return bool(b.l(), env) || bool(b.r(), env);
      case "&": {
        boolean l = bool(b.l(), env);
        return bool(b.r(), env) & l;
      }
      case "|": {
        boolean l = bool(b.l(), env);
        return bool(b.r(), env) | l;
      }
      case "^": {
        boolean l = bool(b.l(), env);
        return bool(b.r(), env) ^ l;
      }
      default:
        break;
    }
    T operands = T.promote(b.l().type(), b.r().type());
    Object l = eval(b.l(), env);
    Object r = eval(b.r(), env);
    boolean out;
    if (operands == T.DOUBLE) {
      V x = toV(l);
      V y = toV(r);
      if (!(x.constant && y.constant)) {
        kink(Math.abs(x.v - y.v), "condition " + Printer.expr(b));
      }
      // Java's comparison operators, not Double.compare: -0.0 == 0.0
      out = compare(b.op(), x.v < y.v ? -1 : x.v > y.v ? 1 : 0,
          x.v == y.v, Double.isNaN(x.v) || Double.isNaN(y.v));
    } else {
      long x = integral(l);
      long y = integral(r);
      out = compare(b.op(), Long.compare(x, y), x == y, false);
    }
    result.path.add(out ? 1L : 0L);
    return out;
  }

  private static boolean compare(String op, int cmp, boolean equal, boolean nan) {
    if (nan) {
      return op.equals("!=");
    }
    switch (op) {
      case "<": return cmp < 0;
      case "<=": return cmp <= 0;
      case ">": return cmp > 0;
      case ">=": return cmp >= 0;
      case "==": return equal;
      case "!=": return !equal;
      default: throw new IllegalArgumentException(op);
    }
  }

  /** Java's binary arithmetic on promoted operands. */
  private Object arith(String op, Object l, Object r, T type) {
    if (type != T.DOUBLE) {
      long x = integral(l);
      long y = integral(r);
      long out;
      switch (op) {
        case "+": out = x + y; break;
        case "-": out = x - y; break;
        case "*": out = x * y; break;
        case "/":
          if (y == 0) {
            throw new Rejected("integer division by zero");
          }
          out = x / y;
          break;
        default:
          if (y == 0) {
            throw new Rejected("integer remainder by zero");
          }
          out = x % y;
          break;
      }
      return type == T.INT ? (Object) (int) out : (Object) out;
    }
    V a = toV(l);
    V b = toV(r);
    boolean c = a.constant && b.constant;
    switch (op) {
      case "+":
        return new V(a.v + b.v, derivatives ? pin(a.g.add(b.g), a.v + b.v) : null,
            abs2(a.a, 1, b.a, 1), c);
      case "-":
        return new V(a.v - b.v, derivatives ? pin(a.g.subtract(b.g), a.v - b.v) : null,
            abs2(a.a, 1, b.a, 1), c);
      case "*":
        return new V(a.v * b.v, derivatives ? pin(a.g.multiply(b.g), a.v * b.v) : null,
            abs2(a.a, b.v, b.a, a.v), c);
      case "/": {
        double v = a.v / b.v;
        if (!b.constant) {
          pole(Math.abs(b.v), "denominator");
        }
        // (a' - q b') / b rather than Hipparchus' (a' b - a b') / b^2, whose b^2 overflows
        return new V(v, derivatives ? quotient(a.g, b.g, v, b.v) : null,
            abs2(a.a, 1 / b.v, b.a, v / b.v), c);
      }
      default: {
        // a % b = a - b * q with q = trunc(a / b), constant between jumps.
        double v = a.v % b.v;
        jumpAtIntegers(c, a.v / b.v, "%");
        double q = Math.rint((a.v - v) / b.v);
        result.path.add(Double.doubleToLongBits(q));
        return new V(v, derivatives ? pin(a.g.subtract(b.g.multiply(q)), v) : null,
            abs2(a.a, 1, b.a, q), c);
      }
    }
  }

  /** Records the distance of {@code ratio} to the nearest nonzero integer (trunc's jumps). */
  private void jumpAtIntegers(boolean constant, double ratio, String what) {
    if (constant) {
      return;
    }
    double nearest = Math.rint(ratio);
    double d = nearest == 0 ? 1 - Math.abs(ratio) : Math.abs(ratio - nearest);
    kink(d, what);
  }

  private Object math(MathFn m, Map<String, Object> env) {
    List<Object> raw = new ArrayList<>();
    for (E arg : m.args()) {
      raw.add(eval(arg, env));
    }
    boolean strict = m.owner().equals("StrictMath");
    String fn = m.fn();
    switch (fn) {
      case "isNaN": {
        boolean out = Double.isNaN(toV(raw.get(0)).v);
        result.path.add(out ? 1L : 0L);
        return out;
      }
      case "isFinite": {
        boolean out = Double.isFinite(toV(raw.get(0)).v);
        result.path.add(out ? 1L : 0L);
        return out;
      }
      case "bitCount":
        return Integer.bitCount((int) integral(raw.get(0)));
      case "floorMod":
        return Math.floorMod((int) integral(raw.get(0)), (int) integral(raw.get(1)));
      default:
        break;
    }
    if (m.type().integral() && !fn.equals("round")) {
      // int / long abs, max, min
      long x = integral(raw.get(0));
      long out;
      switch (fn) {
        case "abs": out = Math.abs(x); break;
        case "max": out = Math.max(x, integral(raw.get(1))); break;
        default: out = Math.min(x, integral(raw.get(1))); break;
      }
      return m.type() == T.INT ? (Object) (int) out : (Object) out;
    }
    V x = toV(raw.get(0));
    V y = raw.size() > 1 ? toV(raw.get(1)) : null;
    switch (fn) {
      case "exp": return unary(x, strict ? StrictMath.exp(x.v) : Math.exp(x.v), g -> g.exp(), 0);
      case "log":
        pole(x.v, "log argument");
        return unary(x, strict ? StrictMath.log(x.v) : Math.log(x.v), g -> g.log(), 0);
      case "log10":
        pole(x.v, "log10 argument");
        return unary(x, strict ? StrictMath.log10(x.v) : Math.log10(x.v), g -> g.log10(), 0);
      case "log1p":
        pole(1 + x.v, "log1p argument");
        return unary(x, strict ? StrictMath.log1p(x.v) : Math.log1p(x.v), g -> g.log1p(), 0);
      case "expm1":
        return unary(x, strict ? StrictMath.expm1(x.v) : Math.expm1(x.v), g -> g.expm1(), 1);
      case "sqrt":
        pole(x.v, "sqrt argument");
        return unary(x, strict ? StrictMath.sqrt(x.v) : Math.sqrt(x.v), g -> g.sqrt(), 0);
      case "cbrt":
        pole(Math.abs(x.v), "cbrt argument");
        return unary(x, strict ? StrictMath.cbrt(x.v) : Math.cbrt(x.v), g -> g.cbrt(), 0);
      case "toRadians":
        return unary(x, strict ? StrictMath.toRadians(x.v) : Math.toRadians(x.v),
            g -> g.toRadians(), 0);
      case "toDegrees":
        return unary(x, strict ? StrictMath.toDegrees(x.v) : Math.toDegrees(x.v),
            g -> g.toDegrees(), 0);
      case "fma": {
        V z = toV(raw.get(2));
        double v = strict ? StrictMath.fma(x.v, y.v, z.v) : Math.fma(x.v, y.v, z.v);
        V product = binary(x, y, x.v * y.v, derivatives ? x.g.multiply(y.g) : null, y.v, x.v);
        return binary(product, z, v, derivatives ? x.g.multiply(y.g).add(z.g) : null, 1, 1);
      }
      case "sin": return unary(x, strict ? StrictMath.sin(x.v) : Math.sin(x.v), g -> g.sin(), 0);
      case "cos": return unary(x, strict ? StrictMath.cos(x.v) : Math.cos(x.v), g -> g.cos(), 0);
      case "tan":
        pole(Math.abs(Math.cos(x.v)), "tan pole");
        return unary(x, strict ? StrictMath.tan(x.v) : Math.tan(x.v), g -> g.tan(), 0);
      case "asin":
        pole(1 - Math.abs(x.v), "asin argument");
        return unary(x, strict ? StrictMath.asin(x.v) : Math.asin(x.v), g -> g.asin(), 0);
      case "acos":
        pole(1 - Math.abs(x.v), "acos argument");
        return unary(x, strict ? StrictMath.acos(x.v) : Math.acos(x.v), g -> g.acos(), 0);
      case "atan": return unary(x, strict ? StrictMath.atan(x.v) : Math.atan(x.v), g -> g.atan(), 0);
      case "sinh": return unary(x, strict ? StrictMath.sinh(x.v) : Math.sinh(x.v), g -> g.sinh(), 0);
      case "cosh": return unary(x, strict ? StrictMath.cosh(x.v) : Math.cosh(x.v), g -> g.cosh(), 0);
      case "tanh":
        // The usual rule 1 - tanh^2 loses its relative accuracy where tanh is near 1.
        return unary(x, strict ? StrictMath.tanh(x.v) : Math.tanh(x.v), g -> g.tanh(), 1);
      case "abs": {
        if (!x.constant) {
          kink(Math.abs(x.v), "abs(" + Printer.expr(m.args().get(0)) + ")");
        }
        result.path.add(x.v < 0 ? 1L : 0L);
        double v = strict ? StrictMath.abs(x.v) : Math.abs(x.v);
        return new V(v, derivatives ? pin(x.v < 0 ? x.g.negate() : x.g, v) : null, x.a, x.constant);
      }
      case "signum": case "floor": case "ceil": case "rint": case "round": {
        double v;
        double distance;
        switch (fn) {
          case "signum":
            v = strict ? StrictMath.signum(x.v) : Math.signum(x.v);
            distance = Math.abs(x.v);
            break;
          case "floor":
            v = strict ? StrictMath.floor(x.v) : Math.floor(x.v);
            distance = Math.abs(x.v - Math.rint(x.v));
            break;
          case "ceil":
            v = strict ? StrictMath.ceil(x.v) : Math.ceil(x.v);
            distance = Math.abs(x.v - Math.rint(x.v));
            break;
          case "rint":
            v = strict ? StrictMath.rint(x.v) : Math.rint(x.v);
            distance = Math.abs(Math.abs(x.v - Math.floor(x.v)) - 0.5);
            break;
          default:
            v = strict ? StrictMath.round(x.v) : Math.round(x.v);
            distance = Math.abs(Math.abs(x.v - Math.floor(x.v)) - 0.5);
            break;
        }
        if (!x.constant) {
          kink(distance, fn + "(" + Printer.expr(m.args().get(0)) + ")");
        }
        result.path.add(Double.doubleToLongBits(v));
        if (fn.equals("round")) {
          return (long) v;
        }
        return constant(v);
      }
      case "max": case "min": {
        if (!(x.constant && y.constant)) {
          kink(Math.abs(x.v - y.v), fn + "(" + Printer.expr(m.args().get(0)) + ", "
              + Printer.expr(m.args().get(1)) + ")");
        }
        boolean first = fn.equals("max") ? x.v >= y.v : x.v <= y.v;
        result.path.add(first ? 1L : 0L);
        double v = fn.equals("max")
            ? (strict ? StrictMath.max(x.v, y.v) : Math.max(x.v, y.v))
            : (strict ? StrictMath.min(x.v, y.v) : Math.min(x.v, y.v));
        V winner = first ? x : y;
        return new V(v, derivatives ? pin(winner.g, v) : null, winner.a, winner.constant);
      }
      case "atan2": {
        double v = strict ? StrictMath.atan2(x.v, y.v) : Math.atan2(x.v, y.v);
        if (!(x.constant && y.constant)) {
          pole(Math.hypot(x.v, y.v), "atan2 origin");
          if (y.v < 0) {
            kink(Math.abs(x.v), "atan2 branch cut");
          }
        }
        double r2 = x.v * x.v + y.v * y.v;
        return binary(x, y, v, derivatives ? x.g.atan2(y.g) : null, y.v / r2, x.v / r2);
      }
      case "hypot": {
        double v = strict ? StrictMath.hypot(x.v, y.v) : Math.hypot(x.v, y.v);
        if (!(x.constant && y.constant)) {
          pole(v, "hypot origin");
        }
        // by hand: Hipparchus drops the smaller argument's derivative when the exponents differ
        return binary(x, y, v, derivatives ? linear(v, x.g, x.v / v, y.g, y.v / v) : null,
            x.v / v, y.v / v);
      }
      case "pow": {
        double v = strict ? StrictMath.pow(x.v, y.v) : Math.pow(x.v, y.v);
        Gradient g = null;
        boolean integralExponent = y.v == Math.rint(y.v) && Math.abs(y.v) < 64;
        if (derivatives) {
          if (y.constant && integralExponent) {
            g = x.g.pow((int) y.v);
          } else if (y.constant) {
            g = x.g.pow(y.v);
          } else {
            g = x.g.pow(y.g);
          }
        }
        if (!x.constant && (!integralExponent || y.v < 1)) {
          pole(Math.abs(x.v), "pow base");
        }
        double dBase = y.v == 0 ? 0 : y.v * Math.pow(x.v, y.v - 1);
        double dExponent = y.constant ? 0 : v * Math.log(x.v);
        return binary(x, y, v, g, dBase, dExponent);
      }
      default:
        throw new IllegalArgumentException("no oracle for Math." + fn);
    }
  }

  private V unary(V x, double v, java.util.function.UnaryOperator<Gradient> f, double slack) {
    if (!derivatives) {
      return new V(v, null, null, x.constant);
    }
    Gradient g = pin(f.apply(pin(x.g, x.v)), v);
    // local derivative, from Hipparchus at the exact argument, for the round-off scale
    double d = f.apply(Gradient.variable(1, 0, x.v)).getGradient()[0];
    return new V(v, g, scale(x.a, Math.abs(d) + slack), x.constant);
  }

  private V binary(V x, V y, double v, Gradient g, double dx, double dy) {
    return new V(v, derivatives ? pin(g, v) : null, abs2(x.a, dx, y.a, dy),
        x.constant && y.constant);
  }

  /** The value v with derivatives da * a' + db * b'. */
  private static Gradient linear(double v, Gradient a, double da, Gradient b, double db) {
    double[] ga = a.getGradient();
    double[] gb = b.getGradient();
    double[] out = new double[ga.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = da * ga[i] + db * gb[i];
    }
    return new Gradient(v, out);
  }

  private static Gradient quotient(Gradient a, Gradient b, double q, double bv) {
    double[] da = a.getGradient();
    double[] db = b.getGradient();
    double[] out = new double[da.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (da[i] - q * db[i]) / bv;
    }
    return new Gradient(q, out);
  }

  /** The same derivatives with the value replaced by the exact one. */
  private Gradient pin(Gradient g, double v) {
    if (!derivatives) {
      return null;
    }
    if (g.getValue() == v || (Double.isNaN(v) && Double.isNaN(g.getValue()))) {
      return g;
    }
    return new Gradient(v, g.getGradient());
  }

  private double[] abs2(double[] a, double da, double[] b, double db) {
    if (!derivatives) {
      return null;
    }
    double[] out = new double[free];
    for (int i = 0; i < free; i++) {
      out[i] = Math.abs(da) * a[i] + Math.abs(db) * b[i];
    }
    return out;
  }

  private double[] scale(double[] a, double d) {
    double[] out = Arrays.copyOf(a, a.length);
    for (int i = 0; i < out.length; i++) {
      out[i] *= d;
    }
    return out;
  }

  private void kink(double distance, String what) {
    if (!(distance >= result.kinkDistance)) { // NaN counts as on the kink
      result.kinkDistance = Double.isNaN(distance) ? 0 : distance;
      result.nearestKink = what;
    }
  }

  /** Arguments near a pole or domain edge are as unusable as kinks. */
  private void pole(double distance, String what) {
    kink(distance, what);
  }
}
