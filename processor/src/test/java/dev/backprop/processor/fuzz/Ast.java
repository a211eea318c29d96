package dev.backprop.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The fuzzer's own model of a generated {@code @Differentiable} class: expressions, statements,
 * methods. Independent of the processor's IR: the oracle evaluates these trees directly, the
 * printer turns them into the Java source that the processor reads.
 */
final class Ast {

  private Ast() {}

  /** Java primitive types the accepted subset uses. */
  enum T {
    DOUBLE("double"), INT("int"), LONG("long"), BOOLEAN("boolean"),
    /** Arrays: double[] (differentiated or data), int[] and double[][] (data). */
    DARR("double[]"), IARR("int[]"), DMAT("double[][]");

    final String keyword;

    T(String keyword) {
      this.keyword = keyword;
    }

    boolean integral() {
      return this == INT || this == LONG;
    }

    boolean numeric() {
      return this == DOUBLE || this == INT || this == LONG;
    }

    boolean array() {
      return this == DARR || this == IARR || this == DMAT;
    }

    /** The element type of an array type. */
    T element() {
      return this == DARR ? DOUBLE : this == IARR ? INT : DARR;
    }

    /** Binary numeric promotion. */
    static T promote(T a, T b) {
      if (a == DOUBLE || b == DOUBLE) {
        return DOUBLE;
      }
      return a == LONG || b == LONG ? LONG : INT;
    }

    /** What Java's class literal for this type is (for reflection). */
    Class<?> javaClass() {
      switch (this) {
        case DOUBLE: return double.class;
        case INT: return int.class;
        case LONG: return long.class;
        case DARR: return double[].class;
        case IARR: return int[].class;
        case DMAT: return double[][].class;
        default: return boolean.class;
      }
    }
  }

  // --- expressions --------------------------------------------------------------------------

  sealed interface E {
    T type();
  }

  /** A literal as written ({@code .5}, {@code 0x1p1}, {@code 2L}); value holds what it means. */
  record Lit(T type, String text, double value) implements E {}

  /** A parameter or local. */
  record Var(String name, T type) implements E {}

  /** A named constant ({@code Math.PI}, a class constant) with its value. */
  record Const(String text, T type, double value) implements E {}

  /** {@code -x}, {@code +x}, {@code !b}. */
  record Unary(String op, E x) implements E {
    @Override
    public T type() {
      if (op.equals("!")) {
        return T.BOOLEAN;
      }
      return x.type() == T.DOUBLE || x.type() == T.LONG ? x.type() : T.INT;
    }
  }

  /** Arithmetic, comparison or logical operator. */
  record Binary(String op, E l, E r) implements E {
    @Override
    public T type() {
      switch (op) {
        case "+": case "-": case "*": case "/": case "%":
          return T.promote(l.type(), r.type());
        default:
          return T.BOOLEAN;
      }
    }

    boolean arithmetic() {
      return type() != T.BOOLEAN;
    }
  }

  /**
   * A {@code Math} / {@code StrictMath} call; owner is "Math", "StrictMath" or "" (static
   * import of {@code java.lang.Math.*}).
   */
  record MathFn(String owner, String fn, List<E> args) implements E {
    MathFn {
      args = List.copyOf(args);
    }

    @Override
    public T type() {
      switch (fn) {
        case "round":
          return T.LONG;
        case "bitCount":
        case "floorMod":
          return T.INT;
        case "isNaN":
        case "isFinite":
          return T.BOOLEAN;
        case "abs":
          return args.get(0).type();
        case "max":
        case "min":
          return T.promote(args.get(0).type(), args.get(1).type());
        default:
          return T.DOUBLE;
      }
    }
  }

  /**
   * A call of another generated method of the same class; {@code custom}: through a plain
   * wrapper of it whose {@code @PullbackOf} rule calls the method's generated pullback.
   */
  record Call(String method, List<E> args, boolean custom) implements E {
    Call {
      args = List.copyOf(args);
    }

    Call(String method, List<E> args) {
      this(method, args, false);
    }

    @Override
    public T type() {
      return T.DOUBLE;
    }
  }

  /** {@code c ? t : f}. */
  record Cond(E c, E t, E f) implements E {
    @Override
    public T type() {
      if (t.type() == T.BOOLEAN) {
        return T.BOOLEAN;
      }
      return T.promote(t.type(), f.type());
    }
  }

  /** {@code array[index]}; array is a Var of an array type or a row {@code m[i]}. */
  record Index(E array, E index) implements E {
    @Override
    public T type() {
      return array.type().element();
    }
  }

  /** {@code array.length}. */
  record Length(E array) implements E {
    @Override
    public T type() {
      return T.INT;
    }
  }

  /** {@code (to) x}. */
  record Cast(T to, E x) implements E {
    @Override
    public T type() {
      return to;
    }
  }

  // --- statements ---------------------------------------------------------------------------

  sealed interface S {}

  /** {@code [final|var] type name [= init];}; modifier is "", "final" or "var". */
  record Decl(String modifier, T type, String name, E init) implements S {}

  /** {@code name op value;} with op one of = += -= *= /= %=, or {@code name++;} (op "++"). */
  record Assign(String name, String op, E value) implements S {}

  /** {@code if (c) {...} else {...}}; els null when there is no else. */
  record If(E c, List<S> then, List<S> els, boolean braces) implements S {
    If {
      then = List.copyOf(then);
      els = els == null ? null : List.copyOf(els);
    }
  }

  /** A nested block {@code { ... }}. */
  record Block(List<S> body) implements S {
    Block {
      body = List.copyOf(body);
    }
  }

  record Return(E value) implements S {}

  /**
   * {@code throw new IllegalArgumentException("check failed: " + value);}, only as the whole
   * branch of an if (an argument check); a point where it runs is not checked.
   */
  record Throw(E value) implements S {}

  /**
   * A statement kept for its effect: {@code assert !(Math.abs(value) > 1e9) : "..." + value;}
   * (asserted; a point where it fails is not checked), or {@code SINK.println("..." + value);}
   * into a stream that discards what it is given.
   */
  record Effect(E value, boolean asserted) implements S {}

  /**
   * {@code for (int var = from; var < to; var++) { body }} ({@code <=} when inclusive); the body
   * leaves var, from and to alone and does not return.
   */
  record For(String var, E from, E to, boolean inclusive, List<S> body) implements S {
    For {
      body = List.copyOf(body);
    }
  }

  /**
   * {@code double[] name = new double[size];} or, when cols is not null, the matrix
   * {@code double[][] name = new double[size][cols];} (top level only).
   */
  record ArrayDecl(String name, E size, E cols) implements S {
    ArrayDecl(String name, E size) {
      this(name, size, null);
    }

    boolean matrix() {
      return cols != null;
    }
  }

  /**
   * {@code name[index] op value;} into a local array, op one of = += -= *= /=; into a local
   * matrix ({@code name[index][col] op value;}) when col is not null.
   */
  record Store(String name, E index, E col, String op, E value) implements S {
    Store(String name, E index, String op, E value) {
      this(name, index, null, op, value);
    }
  }

  /** {@code while (c) { body }}. */
  record While(E c, List<S> body) implements S {
    While {
      body = List.copyOf(body);
    }
  }

  /**
   * A for loop that need not be counted: {@code for (int var = from; c; update) { body }}; update
   * assigns var ({@code i++}, {@code i--}, {@code i += 2}).
   */
  record Loop(String var, E from, E c, Assign update, List<S> body) implements S {
    Loop {
      body = List.copyOf(body);
    }
  }

  /**
   * {@code do { body } while (c);}: the body runs once before c is first tested, and
   * {@code continue} jumps to the test.
   */
  record DoWhile(List<S> body, E c) implements S {
    DoWhile {
      body = List.copyOf(body);
    }
  }

  /**
   * {@code for (type var : array) { body }} over a double[], int[] or double[][] (type is the
   * array's element type); array is a variable, a row {@code m[i]} or an array class constant,
   * evaluated once before the first iteration.
   */
  record ForEach(T type, String var, E array, List<S> body) implements S {
    ForEach {
      body = List.copyOf(body);
    }
  }

  /** {@code break;} */
  record Break() implements S {}

  /** {@code continue;} */
  record Continue() implements S {}

  // --- methods and classes ------------------------------------------------------------------

  record Param(T type, String name) {}

  /**
   * One {@code @Differentiable static double} method. wrt is null for the default (every
   * double); annotation is how the annotation is spelled.
   */
  /**
   * The annotation of a method printed as a private helper without {@code @Differentiable}, if
   * a method that is differentiated calls it (otherwise it is printed annotated).
   */
  static final String HELPER = "";

  record Fn(String name, List<Param> params, List<String> wrt, String annotation, List<S> body) {
    Fn {
      params = List.copyOf(params);
      wrt = wrt == null ? null : List.copyOf(wrt);
      body = List.copyOf(body);
    }

    /** Indices of the differentiated parameters, in declaration order. */
    int[] differentiated() {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        Param p = params.get(i);
        if ((p.type() == T.DOUBLE || p.type() == T.DARR) && (wrt == null || wrt.isEmpty() || wrt.contains(p.name()))) {
          out.add(i);
        }
      }
      return out.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean differentiates(int param) {
      for (int i : differentiated()) {
        if (i == param) {
          return true;
        }
      }
      return false;
    }

    Fn withBody(List<S> newBody) {
      return new Fn(name, params, wrt, annotation, newBody);
    }

    Fn renamed(String newName) {
      return new Fn(newName, params, wrt, annotation, body);
    }
  }

  /** A class of generated methods; later methods may call earlier ones. */
  record Unit(String pkg, String className, boolean staticImport, List<Fn> methods) {
    Unit {
      methods = List.copyOf(methods);
    }

    String qualifiedName() {
      return pkg + "." + className;
    }

    String gradName() {
      return pkg + "." + className + "Grad";
    }

    Fn method(String name) {
      for (Fn f : methods) {
        if (f.name().equals(name)) {
          return f;
        }
      }
      throw new IllegalArgumentException("no method " + name);
    }
  }

  /** The constants every generated class declares: name, type, declaration, value. */
  record ClassConstant(String name, T type, String declaration, double value) {}

  static final List<ClassConstant> CONSTANTS = List.of(
      new ClassConstant("C1", T.DOUBLE, "static final double C1 = 0.75;", 0.75),
      new ClassConstant("C2", T.DOUBLE, "static final double C2 = 1.0 / 3;", 1.0 / 3),
      new ClassConstant("P1", T.DOUBLE, "private static final double P1 = 1.25;", 1.25),
      new ClassConstant("NEG", T.DOUBLE, "private static final double NEG = -0.5;", -0.5),
      new ClassConstant("SQ", T.DOUBLE, "static final double SQ = Math.sqrt(2);", Math.sqrt(2)),
      new ClassConstant("K", T.INT, "static final int K = 3;", 3),
      new ClassConstant("KN", T.INT, "private static final int KN = -2;", -2));

  /** An array class constant every generated class declares, with its elements. */
  record ArrayConstant(String name, T type, String declaration, double[][] rows) {
    /** The constant as an expression. */
    Const ref() {
      return new Const(name, type, Double.NaN);
    }
  }

  /**
   * Array constants: read by for-each loops (the gradient class reads them through the class,
   * so they are not private).
   */
  static final List<ArrayConstant> ARRAY_CONSTANTS = List.of(
      new ArrayConstant("WS", T.DARR, "static final double[] WS = {0.5, -1.5, 2.0};",
          new double[][] {{0.5, -1.5, 2.0}}),
      new ArrayConstant("STEPS", T.IARR, "static final int[] STEPS = {2, 0, 1, 3};",
          new double[][] {{2, 0, 1, 3}}),
      new ArrayConstant("TABLE", T.DMAT,
          "static final double[][] TABLE = {{0.25, -1.0}, {1.5, 0.5}, {-0.75, 2.0}};",
          new double[][] {{0.25, -1.0}, {1.5, 0.5}, {-0.75, 2.0}}));

  static ArrayConstant arrayConstant(String name) {
    for (ArrayConstant c : ARRAY_CONSTANTS) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no array constant " + name);
  }

  // --- traversal helpers --------------------------------------------------------------------

  /** Direct sub-expressions. */
  static List<E> children(E e) {
    if (e instanceof Unary u) {
      return List.of(u.x());
    }
    if (e instanceof Binary b) {
      return List.of(b.l(), b.r());
    }
    if (e instanceof MathFn m) {
      return m.args();
    }
    if (e instanceof Call c) {
      return c.args();
    }
    if (e instanceof Cond c) {
      return List.of(c.c(), c.t(), c.f());
    }
    if (e instanceof Cast c) {
      return List.of(c.x());
    }
    if (e instanceof Index i) {
      return List.of(i.array(), i.index());
    }
    if (e instanceof Length l) {
      return List.of(l.array());
    }
    return List.of();
  }

  /** e with its direct sub-expressions replaced (same count). */
  static E withChildren(E e, List<E> k) {
    if (e instanceof Unary u) {
      return new Unary(u.op(), k.get(0));
    }
    if (e instanceof Binary b) {
      return new Binary(b.op(), k.get(0), k.get(1));
    }
    if (e instanceof MathFn m) {
      return new MathFn(m.owner(), m.fn(), k);
    }
    if (e instanceof Call c) {
      return new Call(c.method(), k, c.custom());
    }
    if (e instanceof Cond c) {
      return new Cond(k.get(0), k.get(1), k.get(2));
    }
    if (e instanceof Cast c) {
      return new Cast(c.to(), k.get(0));
    }
    if (e instanceof Index i) {
      return new Index(k.get(0), k.get(1));
    }
    if (e instanceof Length l) {
      return new Length(k.get(0));
    }
    return e;
  }

  /** Every call's target, at any depth, in a statement list. */
  static void calls(List<S> body, java.util.Set<String> into) {
    for (S s : body) {
      forEachExpr(s, e -> {
        if (e instanceof Call c) {
          into.add(c.method());
        }
      });
    }
  }

  /** Visits every expression node (pre-order) of a statement, nested statements included. */
  static void forEachExpr(S s, java.util.function.Consumer<E> visitor) {
    if (s instanceof Decl d) {
      if (d.init() != null) {
        visit(d.init(), visitor);
      }
    } else if (s instanceof Assign a) {
      visit(a.value(), visitor);
    } else if (s instanceof Return r) {
      visit(r.value(), visitor);
    } else if (s instanceof Throw t) {
      visit(t.value(), visitor);
    } else if (s instanceof Effect e) {
      visit(e.value(), visitor);
    } else if (s instanceof If i) {
      visit(i.c(), visitor);
      i.then().forEach(t -> forEachExpr(t, visitor));
      if (i.els() != null) {
        i.els().forEach(t -> forEachExpr(t, visitor));
      }
    } else if (s instanceof Block b) {
      b.body().forEach(t -> forEachExpr(t, visitor));
    } else if (s instanceof For f) {
      visit(f.from(), visitor);
      visit(f.to(), visitor);
      f.body().forEach(t -> forEachExpr(t, visitor));
    } else if (s instanceof ArrayDecl d) {
      visit(d.size(), visitor);
      if (d.cols() != null) {
        visit(d.cols(), visitor);
      }
    } else if (s instanceof Store st) {
      visit(st.index(), visitor);
      if (st.col() != null) {
        visit(st.col(), visitor);
      }
      visit(st.value(), visitor);
    } else if (s instanceof While w) {
      visit(w.c(), visitor);
      w.body().forEach(t -> forEachExpr(t, visitor));
    } else if (s instanceof Loop l) {
      visit(l.from(), visitor);
      visit(l.c(), visitor);
      forEachExpr(l.update(), visitor);
      l.body().forEach(t -> forEachExpr(t, visitor));
    } else if (s instanceof DoWhile d) {
      d.body().forEach(t -> forEachExpr(t, visitor));
      visit(d.c(), visitor);
    } else if (s instanceof ForEach f) {
      visit(f.array(), visitor);
      f.body().forEach(t -> forEachExpr(t, visitor));
    }
  }

  /** The statements nested directly in s (bodies of ifs, blocks and loops). */
  static List<List<S>> bodies(S s) {
    if (s instanceof If i) {
      return i.els() == null ? List.of(i.then()) : List.of(i.then(), i.els());
    }
    if (s instanceof Block b) {
      return List.of(b.body());
    }
    if (s instanceof For f) {
      return List.of(f.body());
    }
    if (s instanceof While w) {
      return List.of(w.body());
    }
    if (s instanceof Loop l) {
      return List.of(l.body());
    }
    if (s instanceof DoWhile d) {
      return List.of(d.body());
    }
    if (s instanceof ForEach f) {
      return List.of(f.body());
    }
    return List.of();
  }

  /** Whether f has array parameters or locals, or reads array elements. */
  static boolean usesArrays(Fn f) {
    if (f.params().stream().anyMatch(p -> p.type().array())) {
      return true;
    }
    boolean[] found = {false};
    anyStatement(f.body(), s -> {
      forEachExpr(s, e -> found[0] |= e instanceof Index);
      return s instanceof ArrayDecl;
    });
    return found[0] || anyStatement(f.body(), s -> s instanceof ArrayDecl);
  }

  /** Whether f declares a local matrix. */
  static boolean usesLocalMatrices(Fn f) {
    return anyStatement(f.body(), s -> s instanceof ArrayDecl d && d.matrix());
  }

  /** Whether f passes a row {@code m[i]} of a local matrix to a call. */
  static boolean passesMatrixRows(Fn f) {
    java.util.Set<String> matrices = new java.util.HashSet<>();
    anyStatement(f.body(), s -> {
      if (s instanceof ArrayDecl d && d.matrix()) {
        matrices.add(d.name());
      }
      return false;
    });
    boolean[] found = {false};
    anyStatement(f.body(), s -> {
      forEachExpr(s, e -> found[0] |= e instanceof Call c && c.args().stream().anyMatch(
          a -> a instanceof Index i && i.array() instanceof Var v && matrices.contains(v.name())));
      return false;
    });
    return found[0];
  }

  /** Whether a for loop's body holds a running maximum or minimum, {@code m = Math.max(m, e)}. */
  static boolean hasRunningSelections(Fn f) {
    return anyStatement(f.body(), s -> s instanceof For loop && anyStatement(loop.body(),
        t -> t instanceof Assign a && a.op().equals("=") && a.value() instanceof MathFn m
            && (m.fn().equals("max") || m.fn().equals("min"))
            && m.args().contains(new Var(a.name(), T.DOUBLE))));
  }

  /**
   * Whether a counted for loop's body fills a local array element by element,
   * {@code for (int jf = 0; jf < h.length; jf++) { h[jf] = ...; }}.
   */
  static boolean fillsArrays(Fn f) {
    return anyStatement(f.body(), s -> s instanceof For loop && loop.body().stream().anyMatch(
        t -> t instanceof For fill && fill.body().size() == 1
            && fill.body().get(0) instanceof Store store && store.op().equals("=")
            && store.index().equals(new Var(fill.var(), T.INT))));
  }

  /**
   * Whether f has a counted for loop whose body, before anything else reads it, declares a
   * double from loop invariants, the counter and earlier such declarations only, and reads it
   * later in the iteration: a value the processor recomputes in the reversed loop rather than
   * tapes. Conservative: calls, Math calls and anything assigned in the loop (other than such
   * declarations) disqualify the declaration.
   */
  static boolean hasRecomputableLocals(Fn f) {
    return anyStatement(f.body(), s -> {
      if (!(s instanceof For loop)) {
        return false;
      }
      java.util.Set<String> assigned = new java.util.HashSet<>();
      anyStatement(loop.body(), t -> {
        if (t instanceof Assign a) {
          assigned.add(a.name());
        } else if (t instanceof Store st) {
          assigned.add(st.name());
        } else if (t instanceof Decl d) {
          assigned.add(d.name());
        } else if (t instanceof For g) {
          assigned.add(g.var());
        } else if (t instanceof Loop l) {
          assigned.add(l.var());
        } else if (t instanceof ForEach g) {
          assigned.add(g.var());
        }
        return false;
      });
      java.util.Set<String> cheap = new java.util.HashSet<>();
      cheap.add(loop.var());
      for (S t : loop.body()) {
        if (t instanceof Decl d && d.type() == T.DOUBLE && d.init() != null) {
          boolean[] ok = {true};
          visit(d.init(), e -> ok[0] &= !(e instanceof Call) && !(e instanceof MathFn)
              && !(e instanceof Var v && assigned.contains(v.name()) && !cheap.contains(v.name())));
          boolean reassigned = anyStatement(loop.body(), u -> u instanceof Assign a
              && a.name().equals(d.name()));
          if (ok[0] && !reassigned) {
            cheap.add(d.name());
            boolean[] read = {false};
            anyStatement(loop.body(), u -> {
              forEachExpr(u, e -> read[0] |= e instanceof Var v && v.name().equals(d.name()));
              return false;
            });
            if (read[0]) {
              return true;
            }
          }
        }
      }
      return false;
    });
  }

  /** Whether f has an assert or prints. */
  static boolean hasEffects(Fn f) {
    return anyStatement(f.body(), s -> s instanceof Effect);
  }

  /** Whether f has an argument check, {@code if (...) throw ...;}. */
  static boolean hasArgumentChecks(Fn f) {
    return anyStatement(f.body(), s -> s instanceof Throw);
  }

  /** Whether f calls a library method that carries no gradient: {@code Double.isNaN(x)}, .... */
  static boolean callsWithoutGradient(Fn f) {
    boolean[] found = {false};
    anyStatement(f.body(), s -> {
      forEachExpr(s, e -> found[0] |= e instanceof MathFn m && (m.owner().equals("Double")
          || m.owner().equals("Integer") || m.fn().equals("floorMod")));
      return false;
    });
    return found[0];
  }

  /** Whether f calls a method through a wrapper with a {@code @PullbackOf} rule. */
  static boolean callsThroughCustomPullbacks(Fn f) {
    return !customCallees(List.of(f)).isEmpty();
  }

  /** Names of the methods some call in {@code methods} makes through its custom wrapper. */
  static java.util.Set<String> customCallees(List<Fn> methods) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (Fn f : methods) {
      anyStatement(f.body(), s -> {
        forEachExpr(s, e -> {
          if (e instanceof Call c && c.custom()) {
            names.add(c.method());
          }
        });
        return false;
      });
    }
    return names;
  }

  /** Whether f calls a method passing it an array. */
  static boolean callsWithArrays(Fn f) {
    boolean[] found = {false};
    anyStatement(f.body(), s -> {
      forEachExpr(s, e -> found[0] |= e instanceof Call c
          && c.args().stream().anyMatch(a -> a.type().array()));
      return false;
    });
    return found[0];
  }

  /**
   * Whether f has a while, do-while or for-each loop, a for loop that is not counted, break,
   * continue or a return inside a loop.
   */
  static boolean usesGeneralLoops(Fn f) {
    return anyStatement(f.body(), s -> s instanceof While || s instanceof Loop
        || s instanceof DoWhile || s instanceof ForEach || s instanceof Break
        || s instanceof Continue) || returnsInLoop(f);
  }

  /** Whether f has a do-while loop. */
  static boolean usesDoWhile(Fn f) {
    return anyStatement(f.body(), s -> s instanceof DoWhile);
  }

  /** Whether f has a for-each loop. */
  static boolean usesForEach(Fn f) {
    return anyStatement(f.body(), s -> s instanceof ForEach);
  }

  /** Whether f returns from inside a loop. */
  static boolean returnsInLoop(Fn f) {
    return anyStatement(f.body(), s -> isLoop(s)
        && anyStatement(bodies(s).get(0), t -> t instanceof Return));
  }

  static boolean anyStatement(List<S> body, java.util.function.Predicate<S> p) {
    for (S s : body) {
      if (p.test(s)) {
        return true;
      }
      for (List<S> inner : bodies(s)) {
        if (anyStatement(inner, p)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean isLoop(S s) {
    return s instanceof For || s instanceof While || s instanceof Loop || s instanceof DoWhile
        || s instanceof ForEach;
  }

  static void visit(E e, java.util.function.Consumer<E> visitor) {
    visitor.accept(e);
    for (E c : children(e)) {
      visit(c, visitor);
    }
  }
}
