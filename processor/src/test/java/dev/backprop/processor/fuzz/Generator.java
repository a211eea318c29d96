package dev.backprop.processor.fuzz;

import dev.backprop.processor.fuzz.Ast.Assign;
import dev.backprop.processor.fuzz.Ast.Binary;
import dev.backprop.processor.fuzz.Ast.Block;
import dev.backprop.processor.fuzz.Ast.Call;
import dev.backprop.processor.fuzz.Ast.Cast;
import dev.backprop.processor.fuzz.Ast.ClassConstant;
import dev.backprop.processor.fuzz.Ast.Cond;
import dev.backprop.processor.fuzz.Ast.Const;
import dev.backprop.processor.fuzz.Ast.Decl;
import dev.backprop.processor.fuzz.Ast.E;
import dev.backprop.processor.fuzz.Ast.Fn;
import dev.backprop.processor.fuzz.Ast.If;
import dev.backprop.processor.fuzz.Ast.Lit;
import dev.backprop.processor.fuzz.Ast.MathFn;
import dev.backprop.processor.fuzz.Ast.Param;
import dev.backprop.processor.fuzz.Ast.Return;
import dev.backprop.processor.fuzz.Ast.S;
import dev.backprop.processor.fuzz.Ast.T;
import dev.backprop.processor.fuzz.Ast.Unary;
import dev.backprop.processor.fuzz.Ast.Unit;
import dev.backprop.processor.fuzz.Ast.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates random classes of {@code @Differentiable} methods from the subset the processor
 * accepts (README, "What the processor accepts"): double parameters (2 to 4), sometimes an int,
 * a boolean or a long one, {@code wrt} subsets; locals ({@code final}, {@code var}, declared
 * without a value), reassignments (of parameters too), {@code += -= *= /= %=} and {@code ++};
 * int and long sub-expressions; every {@code Math} / {@code StrictMath} function (also through
 * a static import); casts; ternaries, {@code if / else if / else}, early returns, blocks;
 * counted {@code for} loops with accumulators; calls of earlier methods of the class; literals
 * in several spellings and class constants (private ones are inlined by the processor).
 *
 * <p>A share of the methods ({@code -Dfuzz.loopPercent}, 35) is of the "loop" flavour, each
 * with at least one loop: {@code double[]} parameters (differentiated, or data when left out
 * of {@code wrt}), {@code int[]} (values are valid indices) and {@code double[][]} data
 * parameters, all of one length per call; element reads with indices kept in range by
 * construction (a counter of a loop over the array's length, {@code n - 1 - i},
 * {@code (i + 1) % n}, {@code k % n}, {@code min(k, n - 1)}, {@code idx[i]}, 0), {@code .length};
 * local {@code double[] h = new double[w.length]} (or a literal length) at the top level,
 * written with {@code = += -= *=} anywhere and read back; local matrices
 * {@code double[][] m = new double[rows][cols]} at the top level (either dimension an array's
 * length or a literal), written with {@code = += -= *= /=}, read, filled by the usual nest
 * {@code for (i < m.length) for (j < m[i].length)}, their rows {@code m[i]} passed to
 * differentiated {@code double[]} parameters of callees (never for-each'd, held or passed
 * whole: the processor rejects that); loop-local values at the start of counted loop bodies,
 * computed from invariants, the counter and each other (the processor recomputes them in the
 * reversed loop); loops over lengths counted, counting
 * down, with stride 2 or with a bound the body lowers; {@code while} and {@code do ... while}
 * loops bounded by a counter incremented first ({@code k < n && c}); {@code while (true)} left
 * by a break or a return once the counter passes its bound; for-each loops over double[],
 * int[] and double[][] parameters, local arrays, rows {@code m[i]}, rows of an enclosing
 * for-each and array class constants; {@code break}, {@code continue} and {@code return} under
 * an if (returns also in if branches inside loops, and rarely a loop body that always returns);
 * nested loops; calls of earlier methods passing parameter or local arrays (differentiated
 * callee parameters get any array of the right length, data ones only data parameters). Every
 * program is valid Java by construction (scopes, definite assignment, reachability), and
 * every partial function gets an argument inside its domain: log of {@code 1.5 + e * e}, asin
 * of {@code 0.9 * tanh(e)}, pow of a positive base unless the exponent is an integral literal,
 * denominators bounded away from 0, log / sqrt / int division guarded by a condition. Points
 * close to kinks are rejected later by the oracle, not here.
 */
final class Generator {

  private static final List<String> DOUBLE_PARAMS = List.of(
      "x", "y", "z", "w", "a", "b", "c", "x", "y", "z", "grad", "seed", "da", "dx", "out",
      "value", "sum", "xPrev", "Tape", "Arrays", "Arguments");
  private static final List<String> INT_PARAMS = List.of("n", "k", "m", "i", "count");
  private static final List<String> LOCALS = List.of(
      "q", "r", "s", "t", "u", "v", "h", "p", "acc", "tmp", "sum", "prod", "exp", "quot", "diff",
      "neg", "choice", "branch", "out", "value", "dq", "dt", "dexp", "dsum", "tPrev", "t_",
      "xPrev", "d", "result", "log", "sin", "q", "r", "s", "t", "u", "v",
      // names the generated code gives its own variables
      "tape", "tapeMark", "checkpoint", "segment", "start", "end", "checkpointsFrom",
      "checkpointAfter", "iterations", "iteration");
  private static final List<String> INT_LOCALS = List.of("j", "half", "idx", "cnt", "j2");

  /** Double literals as (text, value), in several spellings. */
  private static final List<Lit> DOUBLE_LITS = List.of(
      dl("0.5", 0.5), dl(".5", 0.5), dl("5e-1", 0.5), dl("0x1p-1", 0.5), dl("1.5", 1.5),
      dl("1.5d", 1.5), dl("2.0", 2), dl("2.", 2), dl("2D", 2), dl("3.0", 3), dl("0.25", 0.25),
      dl("0.1", 0.1), dl("1.0", 1), dl("1.", 1), dl("0.75", 0.75), dl("3.5", 3.5), dl("0.3", 0.3),
      dl("1e-3", 1e-3), dl("1.25", 1.25), dl("0.9", 0.9));
  private static final List<Lit> INT_LITS = List.of(
      il("1", 1), il("2", 2), il("3", 3), il("4", 4), il("5", 5), il("0x3", 3), il("0b10", 2),
      il("7", 7));

  /** Upper bounds on a method's size (see {@link #size}) and its cost with callees. */
  static final int MAX_SIZE = Integer.getInteger("fuzz.maxSize", 110);
  private static final int MAX_COST = 400;

  private final Random r;
  private final boolean staticImport;
  private final java.util.Set<KnownShapes.Shape> avoided = KnownShapes.avoided();
  private final List<Fn> earlier = new ArrayList<>();
  private final Map<String, Integer> cost = new HashMap<>();

  // --- per-method state ---------------------------------------------------------------------
  private final Deque<Map<String, T>> scopes = new ArrayDeque<>();
  private final Set<String> finals = new HashSet<>();
  private Set<String> da = new HashSet<>();
  private Set<String> positive = new HashSet<>();
  private Set<String> nonzero = new HashSet<>();
  private boolean alive;
  private int calls;
  /** Double variables in the order they were last written (most recent last). */
  private final List<String> written = new ArrayList<>();
  /** Loop variables and loop bounds of the enclosing loops: not assignable. */
  private final Set<String> frozen = new HashSet<>();
  private int loopDepth;

  // --- arrays and general loops (the "loop" flavour of methods) -----------------------------
  /** Whether this method may use while loops, general for loops, break, continue, arrays. */
  private boolean flavour;
  /** The flavour of the next method (drawn per method by {@link #unit}). */
  private boolean flavourNext;
  /** Per array variable: its length group ("P" parameters, "C" matrix columns, "L<name>"). */
  private final Map<String, String> group = new HashMap<>();
  /** Per group: an array expression of that length. */
  private final Map<String, E> groupArray = new LinkedHashMap<>();
  /** Loop counters known to be in [0, length of the group) inside their loop. */
  private final Map<String, String> inRange = new HashMap<>();
  /** Int counters known to be >= 0 inside their loop. */
  private final Set<String> nonneg = new HashSet<>();
  /** Local arrays (writable), and double[] parameters the method does not differentiate. */
  private final Set<String> localArrays = new HashSet<>();
  private final Set<String> dataArrays = new HashSet<>();
  /**
   * Local matrices {@code new double[rows][cols]}: their row group is in {@link #group}, their
   * column group here.
   */
  private final Set<String> localMatrices = new HashSet<>();
  private final Map<String, String> colGroup = new HashMap<>();
  /** Whether {@link #call} should pick a callee that can take a row of a local matrix. */
  private boolean rowsFirst;

  Generator(Random random, boolean staticImport) {
    this.r = random;
    this.staticImport = staticImport;
  }

  private static Lit dl(String text, double value) {
    return new Lit(T.DOUBLE, text, value);
  }

  private static Lit il(String text, int value) {
    return new Lit(T.INT, text, value);
  }

  /** A class of {@code count} methods named {@code f0, f1, ...}. */
  static Unit unit(String pkg, String className, int count, long seed) {
    Random random = new Random(seed);
    Generator g = new Generator(random, random.nextInt(4) == 0);
    java.util.Set<KnownShapes.Shape> avoided = g.avoided;
    for (int i = 0; i < count; i++) {
      // whether this method has arrays and general loops: fixed across retries, with a larger
      // budget, so that the size limit does not filter them out
      g.flavourNext = LOOPS && random.nextInt(100) < FLAVOUR_PERCENT;
      int maxSize = g.flavourNext ? MAX_SIZE * 2 : MAX_SIZE;
      Fn f = g.method("f" + i);
      int maxCost = g.flavourNext ? 2 * MAX_COST : MAX_COST;
      for (int retry = 0; retry < 8 && (size(f) > maxSize || g.costOf(f.body()) > maxCost); retry++) {
        f = g.method("f" + i); // keep programs (and their gradient classes) small
      }
      for (int retry = 0; retry < 50 && KnownShapes.avoid(f, avoided); retry++) {
        f = g.method("f" + i);
      }
      g.add(f);
    }
    return new Unit(pkg, className, g.staticImport, g.earlier);
  }

  void add(Fn f) {
    earlier.add(f);
    cost.put(f.name(), costOf(f.body()));
  }

  /** How many nodes one evaluation of the body may visit, callees included. */
  private int costOf(List<S> body) {
    int[] n = {0};
    for (S s : body) {
      n[0]++;
      Ast.forEachExpr(s, e -> {
        n[0]++;
        if (e instanceof Call c) {
          n[0] += cost.getOrDefault(c.method(), 0);
        }
      });
    }
    return n[0];
  }

  /** A measure of a method's size: statements, expression nodes, parameters. */
  static int size(Fn f) {
    int[] n = {10 + 3 * f.params().size() + (f.wrt() == null ? 0 : 1 + f.wrt().size())};
    size(f.body(), n);
    return n[0];
  }

  private static void size(List<S> body, int[] n) {
    for (S s : body) {
      n[0] += 3;
      if (s instanceof Decl d && !d.modifier().isEmpty()) {
        n[0]++;
      }
      if (s instanceof Assign a && !a.op().equals("=")) {
        n[0]++;
      }
      if (s instanceof If i) {
        Ast.visit(i.c(), e -> n[0] += e instanceof Lit ? 1 : 2);
        size(i.then(), n);
        if (i.els() != null) {
          n[0]++;
          size(i.els(), n);
        }
      } else if (s instanceof Block b) {
        size(b.body(), n);
      } else if (s instanceof Ast.For f) {
        n[0] += 2;
        Ast.visit(f.to(), e -> n[0] += e instanceof Lit ? 1 : 2);
        size(f.body(), n);
        size(f.body(), n); // a loop's body counts twice: it runs, and is differentiated, more
      } else if (s instanceof Ast.While w) {
        n[0] += 2;
        Ast.visit(w.c(), e -> n[0] += e instanceof Lit ? 1 : 2);
        size(w.body(), n);
        size(w.body(), n);
      } else if (s instanceof Ast.Loop l) {
        n[0] += 3;
        Ast.visit(l.c(), e -> n[0] += e instanceof Lit ? 1 : 2);
        size(l.body(), n);
        size(l.body(), n);
      } else if (s instanceof Ast.DoWhile d) {
        n[0] += 2;
        Ast.visit(d.c(), e -> n[0] += e instanceof Lit ? 1 : 2);
        size(d.body(), n);
        size(d.body(), n);
      } else if (s instanceof Ast.ForEach f) {
        n[0] += 2;
        Ast.visit(f.array(), e -> n[0] += e instanceof Lit ? 1 : 2);
        size(f.body(), n);
        size(f.body(), n);
      } else {
        Ast.forEachExpr(s, e -> n[0] += e instanceof Lit ? 1 : 2);
      }
    }
  }

  // --- methods ------------------------------------------------------------------------------

  Fn method(String name) {
    scopes.clear();
    finals.clear();
    da = new HashSet<>();
    positive = new HashSet<>();
    nonzero = new HashSet<>();
    alive = true;
    calls = 0;
    written.clear();
    frozen.clear();
    loopDepth = 0;
    flavour = flavourNext;
    group.clear();
    groupArray.clear();
    inRange.clear();
    nonneg.clear();
    localArrays.clear();
    dataArrays.clear();
    localMatrices.clear();
    colGroup.clear();

    List<Param> params = new ArrayList<>();
    boolean arrayParams = flavour && r.nextInt(10) < 7;
    int doubles = arrayParams ? 1 + r.nextInt(3) : 2 + r.nextInt(3);
    Set<String> used = new HashSet<>();
    for (int i = 0; i < doubles; i++) {
      params.add(new Param(T.DOUBLE, fresh(DOUBLE_PARAMS, used)));
    }
    if (arrayParams) {
      int arrays = 1 + (r.nextInt(3) == 0 ? 1 : 0);
      for (int i = 0; i < arrays; i++) {
        params.add(r.nextInt(params.size() + 1), new Param(T.DARR, fresh(ARRAY_PARAMS, used)));
      }
      if (r.nextInt(10) < 3) {
        params.add(r.nextInt(params.size() + 1), new Param(T.IARR, fresh(List.of("idx", "labels"), used)));
      }
      if (r.nextInt(10) < 2) {
        params.add(r.nextInt(params.size() + 1), new Param(T.DMAT, fresh(List.of("mat", "xs2", "rows"), used)));
      }
    }
    if (r.nextInt(10) < 4) {
      params.add(r.nextInt(params.size() + 1), new Param(T.INT, fresh(INT_PARAMS, used)));
    }
    if (r.nextInt(10) == 0) {
      params.add(r.nextInt(params.size() + 1), new Param(T.BOOLEAN, fresh(List.of("flag", "on"), used)));
    }
    if (r.nextInt(25) == 0) {
      params.add(r.nextInt(params.size() + 1), new Param(T.LONG, fresh(List.of("big", "many"), used)));
    }
    List<String> wrt = null;
    int choice = r.nextInt(100);
    List<String> doubleNames = new ArrayList<>();
    params.stream().filter(p -> p.type() == T.DOUBLE || p.type() == T.DARR)
        .forEach(p -> doubleNames.add(p.name()));
    if (choice < 15) {
      Collections.shuffle(doubleNames, r);
      wrt = doubleNames.subList(0, 1 + r.nextInt(doubleNames.size() - 1));
    } else if (choice < 18) {
      Collections.shuffle(doubleNames, r);
      wrt = doubleNames;
    } else if (choice < 20) {
      wrt = List.of();
    }
    String annotation = r.nextInt(10) == 0 ? "@dev.backprop.Differentiable" : "@Differentiable";
    if (wrt == null && r.nextInt(20) == 0) {
      annotation += "()";
    } else if (wrt == null && r.nextInt(6) == 0) {
      annotation = Ast.HELPER; // private, not annotated: when another method calls it
    }

    Map<String, T> top = new LinkedHashMap<>();
    for (Param p : params) {
      top.put(p.name(), p.type());
      da.add(p.name());
      if (p.type().array()) {
        group.put(p.name(), "P");
        groupArray.putIfAbsent("P", new Var(p.name(), p.type()));
        if (p.type() == T.DMAT) {
          groupArray.putIfAbsent("C", new Ast.Index(new Var(p.name(), T.DMAT), il("0", 0)));
        }
        if (p.type() == T.DARR && wrt != null && !wrt.isEmpty() && !wrt.contains(p.name())) {
          dataArrays.add(p.name());
        }
      }
    }
    scopes.push(top);
    List<S> body = new ArrayList<>();
    int statements = flavour ? 1 + r.nextInt(4) : 1 + r.nextInt(6);
    int forcedLoop = flavour ? r.nextInt(statements) : -1; // every such method has a loop
    if (flavour && r.nextInt(10) < 3) {
      // a local matrix filled by the usual nest (which then is the forced loop)
      matrixDecl(body);
      forcedLoop = -1;
      matrixLoop(0, body);
    }
    for (int i = 0; i < statements && alive; i++) {
      if (i == forcedLoop) {
        generalLoop(0, body);
      } else {
        statement(0, body);
      }
    }
    if (alive) {
      body.add(new Return(result()));
    }
    scopes.pop();
    return new Fn(name, params, wrt, annotation, body);
  }

  private String fresh(List<String> pool, Set<String> used) {
    for (int attempt = 0; attempt < 50; attempt++) {
      String name = pool.get(r.nextInt(pool.size()));
      if (used.add(name)) {
        return name;
      }
    }
    String name;
    int i = 0;
    do {
      name = pool.get(0) + (i++);
    } while (!used.add(name));
    return name;
  }

  // --- scopes -------------------------------------------------------------------------------

  private boolean visible(String name) {
    for (Map<String, T> scope : scopes) {
      if (scope.containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  private T typeOf(String name) {
    for (Map<String, T> scope : scopes) {
      if (scope.containsKey(name)) {
        return scope.get(name);
      }
    }
    return null;
  }

  /**
   * Int variables that may divide: not final ones, whose constant value javac folds (a constant
   * zero divisor is a {@code -Xlint:divzero} warning, even behind a guard).
   */
  private List<String> divisors() {
    List<String> out = readable(T.INT);
    out.removeIf(finals::contains);
    return out;
  }

  /** Variables of {@code type} in scope and definitely assigned. */
  private List<String> readable(T type) {
    List<String> out = new ArrayList<>();
    for (Map<String, T> scope : scopes) {
      scope.forEach((name, t) -> {
        if (t == type && da.contains(name)) {
          out.add(name);
        }
      });
    }
    Collections.sort(out); // deterministic order
    return out;
  }

  private List<String> writable(T type, boolean mustBeAssigned) {
    List<String> out = new ArrayList<>();
    for (Map<String, T> scope : scopes) {
      scope.forEach((name, t) -> {
        if (t == type && !finals.contains(name) && !frozen.contains(name)
            && (!mustBeAssigned || da.contains(name))) {
          out.add(name);
        }
      });
    }
    Collections.sort(out);
    return out;
  }

  private String newLocal(List<String> pool) {
    for (int attempt = 0; attempt < 30; attempt++) {
      String name = pool.get(r.nextInt(pool.size()));
      if (!visible(name)) {
        return name;
      }
    }
    int i = 0;
    while (visible("v" + i)) {
      i++;
    }
    return "v" + i;
  }

  private void declare(String name, T type, boolean assigned, boolean isFinal) {
    scopes.peek().put(name, type);
    if (type == T.DOUBLE && assigned) {
      wrote(name);
    }
    if (assigned) {
      da.add(name);
    } else {
      da.remove(name);
    }
    if (isFinal) {
      finals.add(name);
    } else {
      finals.remove(name);
    }
    positive.remove(name);
    nonzero.remove(name);
  }

  private void wrote(String name) {
    written.remove(name);
    written.add(name);
  }

  private void assigned(String name) {
    if (typeOf(name) == T.DOUBLE) {
      wrote(name);
    }
    da.add(name);
    positive.remove(name);
    nonzero.remove(name);
  }

  // --- statements ---------------------------------------------------------------------------

  private void statement(int depth, List<S> out) {
    if (flavour) {
      int roll = r.nextInt(100);
      if (roll < 12 && depth == 0 && loopDepth == 0 && localArrays.size() < 2) {
        arrayDecl(out);
        return;
      }
      if (roll < 30 && !(visibleLocalArrays().isEmpty() && visibleLocalMatrices().isEmpty())) {
        store(out);
        return;
      }
      if (roll < 50 && depth < 2 && loopDepth < 2) {
        List<String> arrays = visibleLocalArrays();
        arrays.removeAll(localMatrices);
        if (!visibleLocalMatrices().isEmpty() && r.nextInt(5) < 2) {
          matrixLoop(depth, out);
        } else if (LOOPS && (!arrays.isEmpty() || depth == 0 && loopDepth == 0
            && localArrays.size() < 2) && r.nextInt(3) == 0) {
          if (arrays.isEmpty()) {
            vectorDecl(out);
          }
          out.add(loop(depth)); // a counted loop, which may fill a local array
        } else {
          generalLoop(depth, out);
        }
        return;
      }
    }
    int roll = r.nextInt(100);
    if (roll < 24) {
      declareDouble(out);
    } else if (roll < 29) {
      declareLater(depth, out);
    } else if (roll < 43) {
      assignDouble(out);
    } else if (roll < 55) {
      compoundDouble(out);
    } else if (roll < 61) {
      declareInt(out);
    } else if (roll < 65) {
      assignInt(out);
    } else if (roll < 67) {
      declareOther(out);
    } else if (roll < 76 && depth < 2 && loopDepth < 2 && LOOPS) {
      out.add(loop(depth));
    } else if (roll < 90 && depth < 3) {
      out.add(ifStatement(depth));
    } else if (roll < 94 && depth < 3) {
      out.add(block(depth));
    } else if (roll < 96) {
      out.add(argumentCheck());
    } else if (roll < 98) {
      out.add(new Ast.Effect(dbl(1), r.nextBoolean()));
    } else {
      assignDouble(out);
    }
  }

  /** {@code if (v > 1e9 || Double.isNaN(v)) throw ...;}: an argument check, rarely taken. */
  private S argumentCheck() {
    E v = dbl(1);
    E c = r.nextBoolean() ? new Binary(">", new MathFn("Math", "abs", List.of(v)), dl("1e9", 1e9))
        : new MathFn("Double", "isNaN", List.of(v));
    return new If(c, List.of(new Ast.Throw(dbl(1))), null, r.nextBoolean());
  }

  private void declareDouble(List<S> out) {
    String name = newLocal(LOCALS);
    E init = dbl(1 + r.nextInt(3));
    int m = r.nextInt(10);
    String modifier = m == 0 ? "final" : m == 1 && init.type() == T.DOUBLE ? "var" : "";
    out.add(new Decl(modifier, T.DOUBLE, name, init));
    declare(name, T.DOUBLE, true, modifier.equals("final"));
  }

  /** {@code double z;} assigned afterwards, directly or in both branches of an if. */
  private void declareLater(int depth, List<S> out) {
    String name = newLocal(LOCALS);
    out.add(new Decl("", T.DOUBLE, name, null));
    declare(name, T.DOUBLE, false, false);
    if (r.nextBoolean() || depth >= 3) {
      out.add(new Assign(name, "=", dbl(1 + r.nextInt(3))));
      assigned(name);
      return;
    }
    E c = bool(2);
    Set<String> before = new HashSet<>(da);
    Set<String> factsBefore = new HashSet<>(positive);
    Set<String> nonzeroBefore = new HashSet<>(nonzero);
    List<S> then = new ArrayList<>();
    scopes.push(new LinkedHashMap<>());
    if (r.nextBoolean()) {
      statement(depth + 1, then);
    }
    if (alive) {
      then.add(new Assign(name, "=", dbl(1 + r.nextInt(3))));
    }
    scopes.pop();
    boolean thenAlive = alive;
    alive = true;
    da = new HashSet<>(before);
    positive = new HashSet<>(factsBefore);
    nonzero = new HashSet<>(nonzeroBefore);
    List<S> els = new ArrayList<>();
    scopes.push(new LinkedHashMap<>());
    if (r.nextBoolean()) {
      statement(depth + 1, els);
    }
    if (alive) {
      els.add(new Assign(name, "=", dbl(1 + r.nextInt(3))));
    }
    scopes.pop();
    alive = thenAlive || alive;
    da = before;
    positive = factsBefore;
    nonzero = nonzeroBefore;
    positive.removeAll(assignedIn(then));
    positive.removeAll(assignedIn(els));
    nonzero.removeAll(assignedIn(then));
    nonzero.removeAll(assignedIn(els));
    assigned(name);
    out.add(new If(c, then, els, true));
  }

  private void assignDouble(List<S> out) {
    List<String> targets = writable(T.DOUBLE, false);
    if (targets.isEmpty()) {
      declareDouble(out);
      return;
    }
    String name = targets.get(r.nextInt(targets.size()));
    E value;
    if (da.contains(name) && r.nextBoolean()) {
      // reassignment reading the old value
      String op = List.of("+", "-", "*", "*").get(r.nextInt(4));
      E old = new Var(name, T.DOUBLE);
      value = r.nextBoolean() ? new Binary(op, old, dbl(1 + r.nextInt(2)))
          : new Binary(op, dbl(1 + r.nextInt(2)), old);
      if (r.nextInt(4) == 0) {
        value = math(2, old);
      }
    } else {
      value = dbl(1 + r.nextInt(3));
    }
    out.add(new Assign(name, "=", value));
    assigned(name);
  }

  private void compoundDouble(List<S> out) {
    List<String> targets = writable(T.DOUBLE, true);
    if (targets.isEmpty()) {
      declareDouble(out);
      return;
    }
    String name = targets.get(r.nextInt(targets.size()));
    int roll = r.nextInt(20);
    String op;
    E value;
    if (roll == 0 && r.nextBoolean()) {
      op = "++";
      value = il("1", 1);
    } else if (roll < 6) {
      op = "+=";
      value = r.nextInt(5) == 0 ? integer(1, false) : dbl(1 + r.nextInt(2));
    } else if (roll < 10) {
      op = "-=";
      value = dbl(1 + r.nextInt(2));
    } else if (roll < 15) {
      op = "*=";
      value = r.nextInt(5) == 0 ? integer(1, false) : dbl(1 + r.nextInt(2));
    } else if (roll < 19) {
      op = "/=";
      value = denominator(1);
    } else {
      op = "%=";
      value = positiveLiteral();
    }
    out.add(new Assign(name, op, value));
    assigned(name);
  }

  private void declareInt(List<S> out) {
    String name = newLocal(INT_LOCALS);
    out.add(new Decl(r.nextInt(8) == 0 ? "final" : "", T.INT, name, integer(2, false)));
    declare(name, T.INT, true, false);
    if (out.get(out.size() - 1) instanceof Decl d && d.modifier().equals("final")) {
      finals.add(name);
    }
  }

  private void assignInt(List<S> out) {
    List<String> targets = writable(T.INT, true);
    if (targets.isEmpty()) {
      declareInt(out);
      return;
    }
    String name = targets.get(r.nextInt(targets.size()));
    int roll = r.nextInt(7);
    switch (roll) {
      case 6: out.add(new Assign(name, "++", il("1", 1))); break;
      case 0: out.add(new Assign(name, "=", integer(2, false))); break;
      case 1: out.add(new Assign(name, "+=", integer(1, false))); break;
      case 2: out.add(new Assign(name, "-=", integer(1, false))); break;
      case 3: out.add(new Assign(name, "*=", INT_LITS.get(r.nextInt(3)))); break;
      case 4: out.add(new Assign(name, "/=", il("2", 2))); break;
      default: out.add(new Assign(name, "%=", il("3", 3))); break;
    }
    assigned(name);
  }

  private void declareOther(List<S> out) {
    if (r.nextBoolean()) {
      String name = newLocal(List.of("big", "flag", "ok", "neg", "pos"));
      out.add(new Decl("", T.BOOLEAN, name, bool(2)));
      declare(name, T.BOOLEAN, true, false);
    } else {
      String name = newLocal(List.of("lg", "count", "big"));
      out.add(new Decl("", T.LONG, name, integer(2, true)));
      declare(name, T.LONG, true, false);
    }
  }

  private If ifStatement(int depth) {
    E c;
    String guarded = null;
    String guardedInt = null;
    List<String> doubles = readable(T.DOUBLE);
    List<String> ints = divisors();
    int guard = r.nextInt(10);
    if (guard < 2) {
      guarded = doubles.get(r.nextInt(doubles.size()));
      c = new Binary(r.nextBoolean() ? ">" : ">=", new Var(guarded, T.DOUBLE), positiveGuard());
    } else if (guard < 3 && !ints.isEmpty()) {
      guardedInt = ints.get(r.nextInt(ints.size()));
      c = new Binary("!=", new Var(guardedInt, T.INT), il("0", 0));
    } else {
      c = bool(2);
    }
    Set<String> before = new HashSet<>(da);
    Set<String> factsBefore = new HashSet<>(positive);
    Set<String> nonzeroBefore = new HashSet<>(nonzero);
    if (guarded != null) {
      positive.add(guarded);
    }
    if (guardedInt != null) {
      nonzero.add(guardedInt);
    }
    List<S> then = branch(depth + 1);
    boolean thenAlive = alive;
    Set<String> thenDa = da;

    da = new HashSet<>(before);
    positive = new HashSet<>(factsBefore);
    nonzero = new HashSet<>(nonzeroBefore);
    alive = true;
    List<S> els = null;
    int roll = r.nextInt(10);
    if (roll < 4) {
      els = null;
    } else if (roll < 7 || depth >= 2) {
      els = branch(depth + 1);
    } else {
      els = List.of(ifStatement(depth + 1));
    }
    boolean elsAlive = alive;
    Set<String> elsDa = da;

    if (thenAlive && elsAlive) {
      thenDa.retainAll(elsDa);
      da = thenDa;
    } else if (thenAlive) {
      da = thenDa;
    } else if (elsAlive) {
      da = elsDa;
    } else {
      da = before;
    }
    alive = thenAlive || elsAlive;
    positive = factsBefore;
    nonzero = nonzeroBefore;
    Set<String> changed = assignedIn(then);
    if (els != null) {
      changed.addAll(assignedIn(els));
    }
    positive.removeAll(changed);
    nonzero.removeAll(changed);
    boolean braces = r.nextInt(3) != 0;
    return new If(c, then, els, braces);
  }

  /** Whether to generate counted for loops ({@code -Dfuzz.loops=false} leaves them out). */
  private static final boolean LOOPS = !"false".equals(System.getProperty("fuzz.loops"));

  /**
   * {@code for (int i = a; i < b; i++) { ... }} with small constant or int-variable bounds; the
   * body leaves i and the bounds' variables alone and does not return.
   */
  private Ast.For loop(int depth) {
    String var = newLocal(List.of("i", "j", "l", "ii", "jj"));
    List<String> ints = readable(T.INT);
    // mostly a literal start; sometimes an int variable, which may be Integer.MIN_VALUE
    E from = !ints.isEmpty() && r.nextInt(8) == 0
        ? new Var(ints.get(r.nextInt(ints.size())), T.INT)
        : r.nextInt(3) == 0 ? il("1", 1) : il("0", 0);
    E to;
    int roll = r.nextInt(6);
    if (roll < 3 || ints.isEmpty()) {
      to = INT_LITS.get(r.nextInt(4)); // 1 .. 4
    } else if (roll < 5) {
      to = new Var(ints.get(r.nextInt(ints.size())), T.INT);
    } else {
      to = new Binary("+", new Var(ints.get(r.nextInt(ints.size())), T.INT), il("1", 1));
    }
    boolean inclusive = r.nextInt(4) == 0;
    Set<String> frozenBefore = new HashSet<>(frozen);
    frozen.add(var);
    for (E bound : List.of(from, to)) {
      Ast.visit(bound, e -> {
        if (e instanceof Var v) {
          frozen.add(v.name());
        }
      });
    }
    Set<String> daBefore = new HashSet<>(da);
    Set<String> factsBefore = new HashSet<>(positive);
    Set<String> nonzeroBefore = new HashSet<>(nonzero);
    Map<String, T> scope = new LinkedHashMap<>();
    scope.put(var, T.INT);
    scopes.push(scope);
    da.add(var);
    loopDepth++;
    List<S> body = new ArrayList<>();
    List<String> cheap = new ArrayList<>();
    if (r.nextInt(5) < 3) {
      // a value the reversed loop recomputes; the statements after it likely read it
      body.add(loopLocal(new Var(var, T.INT), cheap));
      if (r.nextBoolean()) {
        body.add(loopLocal(new Var(var, T.INT), cheap));
      }
    }
    List<String> fillable = visibleLocalArrays();
    fillable.removeAll(localMatrices);
    if (flavour && !fillable.isEmpty() && r.nextBoolean()) {
      body.add(fill(fillable.get(r.nextInt(fillable.size())), new Var(var, T.INT)));
    }
    int n = 1 + r.nextInt(3);
    for (int k = 0; k < n && alive; k++) {
      statement(depth + 1, body);
    }
    if (alive && (r.nextBoolean() || !cheap.isEmpty())) {
      accumulate(body, cheap.isEmpty() ? new Var(var, T.INT)
          : new Var(cheap.get(cheap.size() - 1), T.DOUBLE));
    }
    loopDepth--;
    scopes.pop();
    frozen.clear();
    frozen.addAll(frozenBefore);
    da = daBefore;
    positive = factsBefore;
    nonzero = nonzeroBefore;
    positive.removeAll(assignedIn(body));
    nonzero.removeAll(assignedIn(body));
    alive = true;
    return new Ast.For(var, from, to, inclusive, body);
  }

  /**
   * {@code for (int jf = 0; jf < h.length; jf++) { h[jf] = ...; }} at the top of a counted loop's
   * body: a local array each iteration fills from invariants and the counters, which the
   * processor fills again in the reversed iteration where nothing else reads its earlier contents.
   */
  private Ast.For fill(String h, Var counter) {
    String j = newLocal(List.of("jf", "jg", "jh"));
    E base = r.nextBoolean() ? leafOfParameters() : arrayReadOr(leafOfParameters());
    E value = new Binary(List.of("+", "*", "-").get(r.nextInt(3)), base,
        new Binary("+", new Binary("*", DOUBLE_LITS.get(r.nextInt(DOUBLE_LITS.size())),
            new Var(j, T.INT)), new Binary("*", DOUBLE_LITS.get(r.nextInt(DOUBLE_LITS.size())),
            counter)));
    Ast.visit(value, e -> {
      if (e instanceof Var v && !v.name().equals(j)) {
        frozen.add(v.name());
      }
    });
    return new Ast.For(j, il("0", 0), new Ast.Length(new Var(h, T.DARR)), false,
        List.of(new Ast.Store(h, new Var(j, T.INT), "=", value)));
  }

  /** An element of a parameter array, or {@code otherwise} when there is none to read. */
  private E arrayReadOr(E otherwise) {
    E read = arrayRead();
    return read != null ? read : otherwise;
  }

  /**
   * {@code acc += ... i ...}, {@code acc = acc * ... + ...} or {@code acc = Math.max(acc, ...)}: a
   * typical loop accumulator of a loop's counter or element i.
   */
  private void accumulate(List<S> body, E i) {
    List<String> targets = writable(T.DOUBLE, true);
    if (targets.isEmpty()) {
      return;
    }
    String name = targets.get(r.nextInt(targets.size()));
    E term = r.nextBoolean() ? new Binary("*", dbl(1), i) : math(2, new Binary("+", dbl(1), i));
    if (r.nextInt(4) == 0) {
      // a running maximum or minimum, the running value first or second
      String f = r.nextBoolean() ? "max" : "min";
      E running = new Var(name, T.DOUBLE);
      body.add(new Assign(name, "=", r.nextBoolean() ? fn(f, running, term) : fn(f, term, running)));
    } else if (r.nextBoolean()) {
      body.add(new Assign(name, r.nextBoolean() ? "+=" : "-=", term));
    } else {
      body.add(new Assign(name, "=", new Binary("+",
          new Binary("*", new Var(name, T.DOUBLE), dbl(1)), term)));
    }
    assigned(name);
  }

  private List<S> branch(int depth) {
    scopes.push(new LinkedHashMap<>());
    List<S> body = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n && alive; i++) {
      statement(depth, body);
    }
    // a return inside a loop leaves the method from the middle of the loop: rarer, so that
    // most loops still run to their end
    if (alive && r.nextInt(10) < (loopDepth == 0 ? 3 : 1)) {
      body.add(new Return(result()));
      alive = false;
    }
    scopes.pop();
    return body;
  }

  private Block block(int depth) {
    Set<String> factsBefore = new HashSet<>(positive);
    scopes.push(new LinkedHashMap<>());
    List<S> body = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n && alive; i++) {
      statement(depth + 1, body);
    }
    scopes.pop();
    positive = factsBefore;
    positive.removeAll(assignedIn(body));
    return new Block(body);
  }

  private static Set<String> assignedIn(List<S> body) {
    Set<String> out = new HashSet<>();
    for (S s : body) {
      if (s instanceof Assign a) {
        out.add(a.name());
      } else if (s instanceof If i) {
        out.addAll(assignedIn(i.then()));
        if (i.els() != null) {
          out.addAll(assignedIn(i.els()));
        }
      } else if (s instanceof Block b) {
        out.addAll(assignedIn(b.body()));
      } else if (s instanceof Ast.For f) {
        out.addAll(assignedIn(f.body()));
      } else if (s instanceof Ast.While w) {
        out.addAll(assignedIn(w.body()));
      } else if (s instanceof Ast.Loop l) {
        out.addAll(assignedIn(l.body()));
        out.add(l.var());
      } else if (s instanceof Ast.DoWhile d) {
        out.addAll(assignedIn(d.body()));
      } else if (s instanceof Ast.ForEach f) {
        out.addAll(assignedIn(f.body()));
      }
    }
    return out;
  }

  // --- double expressions -------------------------------------------------------------------

  /** What a method returns: mostly built on the variables written last, so little is dead. */
  private E result() {
    List<String> live = new ArrayList<>();
    List<String> readable = readable(T.DOUBLE);
    for (int i = written.size() - 1; i >= 0 && live.size() < 3; i--) {
      if (readable.contains(written.get(i))) {
        live.add(written.get(i));
      }
    }
    if (flavour && r.nextInt(3) == 0) {
      List<String> arrays = visibleLocalArrays();
      arrays.addAll(visibleLocalMatrices());
      if (!arrays.isEmpty()) {
        String h = arrays.get(r.nextInt(arrays.size()));
        E read = element(h);
        if (!live.isEmpty()) {
          return new Binary(List.of("+", "-", "*").get(r.nextInt(3)), new Var(live.get(0), T.DOUBLE), read);
        }
        return withVariable(read);
      }
    }
    if (live.isEmpty() || r.nextInt(5) == 0) {
      return withVariable(dbl(1 + r.nextInt(3)));
    }
    E e = new Var(live.get(0), T.DOUBLE);
    if (live.size() > 1 && r.nextBoolean()) {
      e = new Binary(List.of("+", "-", "*").get(r.nextInt(3)), e, new Var(live.get(1), T.DOUBLE));
    }
    int roll = r.nextInt(4);
    if (roll == 0) {
      return e;
    }
    if (roll == 1) {
      return math(2, e);
    }
    String op = List.of("+", "-", "*").get(r.nextInt(3));
    return r.nextBoolean() ? new Binary(op, e, dbl(1 + r.nextInt(2)))
        : new Binary(op, dbl(1 + r.nextInt(2)), e);
  }

  /** {@code e} if it reads a variable, else {@code e} combined with one. */
  private E withVariable(E e) {
    boolean[] reads = {false};
    Ast.visit(e, n -> reads[0] |= n instanceof Var v && v.type() == T.DOUBLE);
    if (reads[0]) {
      return e;
    }
    List<String> vars = readable(T.DOUBLE);
    E v = new Var(vars.get(r.nextInt(vars.size())), T.DOUBLE);
    return r.nextInt(3) == 0 ? v : new Binary(List.of("+", "*").get(r.nextInt(2)), v, e);
  }

  E dbl(int depth) {
    if (depth <= 0 || r.nextInt(10) < 2) {
      return leaf();
    }
    int roll = r.nextInt(117);
    if (roll < 30) {
      String op = List.of("+", "-", "*").get(r.nextInt(3));
      return new Binary(op, dbl(depth - 1), dbl(depth - 1));
    }
    if (roll < 36) {
      String op = List.of("+", "-", "*").get(r.nextInt(3));
      return r.nextBoolean() ? new Binary(op, dbl(depth - 1), integer(depth - 1, true))
          : new Binary(op, integer(depth - 1, true), dbl(depth - 1));
    }
    if (roll < 39) {
      // an int division inside a double expression: 1 / 2 is 0
      E quotient = new Binary("/", integer(depth - 1, false), INT_LITS.get(r.nextInt(3)));
      return new Binary("*", quotient, dbl(depth - 1));
    }
    if (roll < 49) {
      return new Binary("/", dbl(depth - 1), denominator(depth - 1));
    }
    if (roll < 51) {
      return new Binary("/", dbl(depth - 1), dbl(depth - 1)); // poles are rejected per point
    }
    if (roll < 56) {
      return new Unary("-", dbl(depth - 1));
    }
    if (roll < 57) {
      return new Unary("+", dbl(depth - 1));
    }
    if (roll < 82) {
      return math(depth, null);
    }
    if (roll < 90) {
      E call = call(depth);
      if (call != null) {
        return call;
      }
      return math(depth, null);
    }
    if (roll < 97) {
      return conditional(depth);
    }
    if (roll < 100) {
      return new Cast(T.DOUBLE, integer(depth - 1, true));
    }
    if (roll < 104) {
      return piecewise(depth);
    }
    if (roll < 106) {
      return new Binary("%", dbl(depth - 1), r.nextBoolean() ? positiveLiteral() : positiveExpr(depth - 1));
    }
    if (roll < 110) {
      E guarded = guardedUse(depth);
      if (guarded != null) {
        return guarded;
      }
      return conditional(depth);
    }
    return guardedTernary(depth);
  }

  private E leaf() {
    if (flavour && !(readable(T.DARR).isEmpty() && visibleLocalMatrices().isEmpty())
        && r.nextInt(12) == 0) {
      E call = call(1); // calls passing arrays are rare otherwise
      if (call != null) {
        return call;
      }
    }
    if (flavour && r.nextInt(20) < 7) {
      E read = arrayRead();
      if (read != null) {
        return read;
      }
    }
    int roll = r.nextInt(20);
    List<String> vars = readable(T.DOUBLE);
    if (roll < 13 && !vars.isEmpty()) {
      return new Var(vars.get(r.nextInt(vars.size())), T.DOUBLE);
    }
    if (roll < 17) {
      return DOUBLE_LITS.get(r.nextInt(DOUBLE_LITS.size()));
    }
    return constant();
  }

  private E constant() {
    int roll = r.nextInt(9);
    switch (roll) {
      case 0: return new Const(staticImport && r.nextBoolean() ? "PI" : "Math.PI", T.DOUBLE, Math.PI);
      case 1: return new Const(staticImport && r.nextBoolean() ? "E" : "Math.E", T.DOUBLE, Math.E);
      default: {
        List<ClassConstant> doubles = Ast.CONSTANTS.stream().filter(c -> c.type() == T.DOUBLE).toList();
        ClassConstant c = doubles.get(r.nextInt(doubles.size()));
        return new Const(c.name(), T.DOUBLE, c.value());
      }
    }
  }

  private String owner() {
    int roll = r.nextInt(100);
    if (roll < 12) {
      return "StrictMath";
    }
    if (roll < 30 && staticImport) {
      return "";
    }
    return "Math";
  }

  private E fn(String name, E... args) {
    return new MathFn(owner(), name, List.of(args));
  }

  /** A Math call with an argument in its domain; {@code arg} given or generated. */
  private E math(int depth, E arg) {
    int d = depth - 1;
    String[] all = {"exp", "log", "log10", "log1p", "expm1", "sqrt", "cbrt", "pow", "pow", "pow",
        "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "tanh",
        "hypot", "abs", "max", "min", "max", "toRadians", "toDegrees", "fma"};
    String f = all[r.nextInt(all.length)];
    E x = arg != null ? arg : dbl(d);
    switch (f) {
      case "log": case "log10": case "sqrt":
        return fn(f, positiveOf(x, d));
      case "log1p":
        return fn(f, r.nextBoolean() ? new Binary("*", x, x) : positiveOf(x, d));
      case "cbrt":
        return fn(f, r.nextBoolean() ? x : positiveOf(x, d));
      case "asin": case "acos":
        return fn(f, unitOf(x));
      case "exp": case "sinh": case "cosh":
        return fn(f, r.nextInt(3) == 0 ? new MathFn(owner(), "sin", List.of(x)) : x);
      case "atan2":
        return r.nextBoolean() ? fn(f, x, dbl(d)) : fn(f, dbl(d), x);
      case "hypot":
        return r.nextBoolean() ? fn(f, x, dbl(d)) : fn(f, x, DOUBLE_LITS.get(r.nextInt(DOUBLE_LITS.size())));
      case "max": case "min": {
        int roll = r.nextInt(5);
        if (roll == 0) {
          return fn(f, x, il("0", 0));
        }
        if (roll == 1) {
          return fn(f, DOUBLE_LITS.get(r.nextInt(DOUBLE_LITS.size())), x);
        }
        return r.nextBoolean() ? fn(f, x, dbl(d)) : fn(f, dbl(d), x);
      }
      case "pow":
        return pow(x, d);
      case "fma":
        return r.nextBoolean() ? fn(f, x, dbl(d), dbl(d)) : fn(f, dbl(d), x, constant());
      default:
        return fn(f, x);
    }
  }

  private E pow(E x, int d) {
    int roll = r.nextInt(14);
    switch (roll) {
      case 0: case 1: return fn("pow", x, il("2", 2));
      case 2: return fn("pow", x, dl("2.0", 2));
      case 3: return fn("pow", x, il("3", 3));
      case 4: return fn("pow", x, il("1", 1));
      case 5: return fn("pow", positiveOf(x, d), dl("0.5", 0.5));
      case 6: return fn("pow", positiveOf(x, d), dl("1.5", 1.5));
      case 7: return fn("pow", positiveOf(x, d), new Unary("-", il("1", 1)));
      case 8: return fn("pow", positiveOf(x, d), new Unary("-", dl("2.5", 2.5)));
      case 9: {
        // an int exponent: n, a local, an int expression
        return fn("pow", positiveOf(x, d), integer(1, false));
      }
      case 10: return fn("pow", positiveOf(x, d), constant());
      case 11: return fn("pow", x, il("0x2", 2));
      default: {
        // a differentiated exponent of modest size
        E exponent = new Binary("*", dl("0.5", 0.5), fn("sin", dbl(d)));
        return fn("pow", positiveOf(x, d), r.nextBoolean() ? exponent : fn("tanh", dbl(d)));
      }
    }
  }

  /** A positive expression built from x: 1.5 + x * x, exp(x), 1 + abs(x), ... */
  private E positiveOf(E x, int d) {
    int roll = r.nextInt(10);
    switch (roll) {
      case 0: case 1: case 2:
        return new Binary("+", DOUBLE_LITS.get(r.nextInt(4) + 4), new Binary("*", x, x));
      case 3: return new Binary("+", il("1", 1), new Binary("*", x, x));
      case 4: return fn("exp", x);
      case 5: return new Binary("+", il("1", 1), fn("abs", x));
      case 6: return fn("cosh", x);
      case 7: return fn("hypot", x, il("1", 1));
      case 8: return new Binary("+", il("2", 2), fn("sin", x));
      default: {
        List<String> facts = new ArrayList<>(positive);
        facts.retainAll(readable(T.DOUBLE));
        Collections.sort(facts);
        if (!facts.isEmpty()) {
          return new Var(facts.get(r.nextInt(facts.size())), T.DOUBLE);
        }
        return new Binary("+", dl("0.5", 0.5), new Binary("*", x, x));
      }
    }
  }

  private E positiveExpr(int d) {
    return positiveOf(dbl(d), d);
  }

  private E unitOf(E x) {
    int roll = r.nextInt(4);
    switch (roll) {
      case 0: return new Binary("*", dl("0.9", 0.9), fn("tanh", x));
      case 1: return new Binary("*", fn("sin", x), dl("0.5", 0.5));
      case 2: return new Binary("*", fn("tanh", x), dl("0.7", 0.7));
      default: return new Binary("/", x, new Binary("+", il("2", 2), fn("abs", x)));
    }
  }

  /** A denominator bounded away from zero. */
  private E denominator(int d) {
    int roll = r.nextInt(12);
    if (roll < 6) {
      return positiveExpr(d);
    }
    if (roll < 8) {
      return positiveLiteral();
    }
    if (roll < 9) {
      return constant();
    }
    List<String> ints = readable(T.INT);
    if (roll < 11 && !ints.isEmpty()) {
      E n = new Var(ints.get(r.nextInt(ints.size())), T.INT);
      return new Binary("+", new Binary("*", n, n), il("1", 1)); // n * n + 1 >= 1
    }
    return new Const("K", T.INT, 3);
  }

  private E positiveLiteral() {
    List<Lit> ok = List.of(dl("0.5", 0.5), dl("1.5", 1.5), dl("2.0", 2), il("2", 2), il("3", 3),
        dl("0.75", 0.75), dl("3.5", 3.5), dl("0x1p1", 2));
    return ok.get(r.nextInt(ok.size()));
  }

  private E positiveGuard() {
    List<E> ok = List.of(il("0", 0), dl("0.0", 0), dl("0.1", 0.1), dl("0.5", 0.5), il("1", 1));
    return ok.get(r.nextInt(ok.size()));
  }

  private E call(int depth) {
    if (calls >= 3 || depth < 1) {
      return null;
    }
    List<Fn> cheap = new ArrayList<>();
    for (Fn f : earlier) {
      if (cost.get(f.name()) <= (flavour ? 350 : 250)
          && (flavour || f.params().stream().noneMatch(p -> p.type().array()))) {
        cheap.add(f);
      }
    }
    if (flavour && !(readable(T.DARR).isEmpty() && visibleLocalMatrices().isEmpty())
        && r.nextInt(3) != 0) {
      // callers with arrays mostly call methods that take arrays
      List<Fn> takingArrays = new ArrayList<>(cheap);
      takingArrays.removeIf(f -> f.params().stream().noneMatch(p -> p.type().array()));
      if (!takingArrays.isEmpty()) {
        cheap = takingArrays;
      }
    }
    if (rowsFirst) {
      List<Fn> takingRows = new ArrayList<>(cheap);
      takingRows.removeIf(f -> {
        for (int i = 0; i < f.params().size(); i++) {
          if (f.params().get(i).type() == T.DARR && f.differentiates(i)) {
            return false;
          }
        }
        return true;
      });
      cheap = takingRows;
    }
    if (cheap.isEmpty()) {
      return null;
    }
    // prefer recent methods: longer chains of calls
    Fn callee = cheap.get(Math.max(0, cheap.size() - 1 - r.nextInt(Math.min(cheap.size(), 12))));
    // array arguments: all of one length group; data, int[] and double[][] ones are parameters
    String g = null;
    for (int i = 0; i < callee.params().size(); i++) {
      T type = callee.params().get(i).type();
      if (type == T.IARR || type == T.DMAT || (type == T.DARR && !callee.differentiates(i))) {
        g = "P";
      }
    }
    Set<String> usedArrays = new HashSet<>();
    E[] arrayArgs = new E[callee.params().size()];
    for (int i = 0; i < callee.params().size(); i++) {
      T type = callee.params().get(i).type();
      if (!type.array()) {
        continue;
      }
      List<String> candidates = new ArrayList<>();
      for (String a : readable(type)) {
        boolean ok = !usedArrays.contains(a) && (g == null || g.equals(group.get(a)))
            && !localMatrices.contains(a); // the processor takes a local matrix by rows only
        if (type == T.DARR && !callee.differentiates(i)) {
          ok &= dataArrays.contains(a);
        }
        if (ok) {
          candidates.add(a);
        }
      }
      // a row m[i] of a local matrix, as long as its columns: to a differentiated double[]
      List<String> rowsOf = new ArrayList<>();
      if (type == T.DARR && callee.differentiates(i)) {
        for (String m : visibleLocalMatrices()) {
          if (!usedArrays.contains(m) && (g == null || g.equals(colGroup.get(m)))) {
            rowsOf.add(m);
          }
        }
      }
      if (!rowsOf.isEmpty() && (candidates.isEmpty() || rowsFirst || r.nextInt(3) != 0)) {
        String m = rowsOf.get(r.nextInt(rowsOf.size()));
        g = colGroup.get(m);
        usedArrays.add(m); // two rows of one matrix: the same row, perhaps (aliasing)
        arrayArgs[i] = new Ast.Index(new Var(m, T.DMAT), index(group.get(m)));
        continue;
      }
      if (candidates.isEmpty()) {
        return null;
      }
      String a = candidates.get(r.nextInt(candidates.size()));
      g = group.get(a);
      usedArrays.add(a);
      arrayArgs[i] = new Var(a, type);
    }
    calls++;
    List<E> args = new ArrayList<>();
    for (int i = 0; i < callee.params().size(); i++) {
      T type = callee.params().get(i).type();
      switch (type) {
        case DOUBLE:
          args.add(callee.differentiates(i) ? dbl(depth - 1) : inactiveDouble());
          break;
        case INT: args.add(integer(depth - 1, false)); break;
        case LONG: args.add(integer(depth - 1, true)); break;
        case BOOLEAN: args.add(bool(depth - 1)); break;
        default: args.add(arrayArgs[i]); break;
      }
    }
    return new Call(callee.name(), args, r.nextInt(4) == 0);
  }

  // --- arrays and general loops -------------------------------------------------------------

  /** Share of methods with while loops, general for loops, break / continue and arrays. */
  static final int FLAVOUR_PERCENT = Integer.getInteger("fuzz.loopPercent", 35);
  private static final List<String> ARRAY_PARAMS = List.of("w", "v", "ws", "xs", "theta", "u");

  private List<String> visibleLocalArrays() {
    List<String> out = readable(T.DARR);
    out.retainAll(localArrays);
    return out;
  }

  private List<String> visibleLocalMatrices() {
    List<String> out = readable(T.DMAT);
    out.retainAll(localMatrices);
    return out;
  }

  /** A local array or matrix, at the top level. */
  private void arrayDecl(List<S> out) {
    if (r.nextInt(5) < 2) {
      matrixDecl(out);
      return;
    }
    vectorDecl(out);
  }

  /** {@code double[] h = new double[w.length];} (or a literal length), at the top level. */
  private void vectorDecl(List<S> out) {
    String name = newLocal(List.of("h", "buf", "hs", "acc2", "hid"));
    E size;
    String g;
    List<String> groups = new ArrayList<>(groupArray.keySet());
    groups.removeIf(k -> k.startsWith("L"));
    if (!groups.isEmpty() && r.nextInt(4) != 0) {
      g = groups.get(r.nextInt(groups.size()));
      size = new Ast.Length(groupArray.get(g));
    } else {
      size = INT_LITS.get(1 + r.nextInt(3)); // 2, 3, 4
      g = "L" + name;
      groupArray.put(g, new Var(name, T.DARR));
    }
    out.add(new Ast.ArrayDecl(name, size));
    declare(name, T.DARR, true, false);
    group.put(name, g);
    localArrays.add(name);
  }

  /**
   * {@code double[][] m = new double[rows][cols];} at the top level, each dimension an array's
   * length or a literal; the rows are never empty, so {@code m[0].length} stands for the
   * columns.
   */
  private void matrixDecl(List<S> out) {
    String name = newLocal(List.of("m2", "grid", "hm", "acts", "cells"));
    List<String> groups = new ArrayList<>(groupArray.keySet());
    groups.removeIf(k -> k.startsWith("L"));
    E[] dims = new E[2];
    String[] g = new String[2];
    for (int d = 0; d < 2; d++) {
      if (!groups.isEmpty() && r.nextInt(3) != 0) {
        g[d] = groups.get(r.nextInt(groups.size()));
        dims[d] = new Ast.Length(groupArray.get(g[d]));
      } else {
        dims[d] = INT_LITS.get(1 + r.nextInt(3)); // 2, 3, 4
        g[d] = "L" + name + (d == 0 ? "" : "c");
      }
    }
    Var m = new Var(name, T.DMAT);
    groupArray.putIfAbsent(g[0], m);
    groupArray.putIfAbsent(g[1], new Ast.Index(m, il("0", 0)));
    out.add(new Ast.ArrayDecl(name, dims[0], dims[1]));
    declare(name, T.DMAT, true, false);
    group.put(name, g[0]);
    colGroup.put(name, g[1]);
    localArrays.add(name);
    localMatrices.add(name);
  }

  /** An element {@code h[i]} of a local array or {@code m[i][j]} of a local matrix. */
  private E element(String h) {
    if (localMatrices.contains(h)) {
      return new Ast.Index(new Ast.Index(new Var(h, T.DMAT), index(group.get(h))),
          index(colGroup.get(h)));
    }
    return new Ast.Index(new Var(h, T.DARR), index(group.get(h)));
  }

  /**
   * {@code h[j] = ...}, {@code h[j] += ...}, {@code h[j] *= ...} into a local array, or
   * {@code m[i][j] op= ...} into a local matrix (also {@code /=} by a positive value).
   */
  private void store(List<S> out) {
    List<String> arrays = visibleLocalArrays();
    arrays.addAll(visibleLocalMatrices());
    String h = arrays.get(r.nextInt(arrays.size()));
    boolean matrix = localMatrices.contains(h);
    E index = index(group.get(h));
    E col = matrix ? index(colGroup.get(h)) : null;
    int roll = r.nextInt(matrix ? 11 : 10);
    String op = roll < 4 ? "=" : roll < 7 ? "+=" : roll < 8 ? "-=" : roll < 10 ? "*=" : "/=";
    E value = dbl(1 + r.nextInt(2));
    if (op.equals("*=")) {
      value = List.of(fn("tanh", value), fn("cos", value), new Binary("+", dl("0.5", 0.5),
          new Binary("*", dl("0.25", 0.25), fn("sin", value)))).get(r.nextInt(3));
    } else if (op.equals("/=")) {
      value = positiveOf(value, 1);
    }
    out.add(new Ast.Store(h, index, col, op, value));
  }

  /**
   * The usual nest over a local matrix: {@code for (i < m.length) { double t = ...; for (j <
   * m[i].length) { double u = ...; m[i][j] op= ... u ...; } }}. The declarations are loop-local
   * values computed from invariants, the counters and each other, which the processor
   * recomputes in the reversed iterations instead of taping them; other statements follow.
   */
  private void matrixLoop(int depth, List<S> out) {
    List<String> matrices = visibleLocalMatrices();
    String m = matrices.get(r.nextInt(matrices.size()));
    Var mv = new Var(m, T.DMAT);
    Set<String> frozenBefore = new HashSet<>(frozen);
    Set<String> daBefore = new HashSet<>(da);
    Set<String> factsBefore = new HashSet<>(positive);
    Set<String> nonzeroBefore = new HashSet<>(nonzero);
    List<String> cheap = new ArrayList<>();

    String i = newLocal(List.of("i", "r0", "n", "ii"));
    frozen.add(i);
    Map<String, T> outerScope = new LinkedHashMap<>();
    outerScope.put(i, T.INT);
    scopes.push(outerScope);
    da.add(i);
    inRange.put(i, group.get(m));
    loopDepth++;
    List<S> outer = new ArrayList<>();
    if (r.nextInt(3) != 0) {
      outer.add(loopLocal(new Var(i, T.INT), cheap));
    }

    String j = newLocal(List.of("j", "c0", "jj", "col"));
    frozen.add(j);
    Map<String, T> innerScope = new LinkedHashMap<>();
    innerScope.put(j, T.INT);
    scopes.push(innerScope);
    // what the inner loop assigns is not definitely assigned after it (it may not run)
    Set<String> daOuter = new HashSet<>(da);
    da.add(j);
    inRange.put(j, colGroup.get(m));
    loopDepth++;
    List<S> inner = new ArrayList<>();
    if (r.nextInt(3) != 0) {
      inner.add(loopLocal(new Var(j, T.INT), cheap));
    }
    E value = dbl(1);
    for (String t : cheap) {
      if (r.nextInt(4) != 0) {
        value = new Binary(List.of("+", "*", "-").get(r.nextInt(3)), value, new Var(t, T.DOUBLE));
      }
    }
    E self = new Ast.Index(new Ast.Index(mv, new Var(i, T.INT)), new Var(j, T.INT));
    if (r.nextInt(3) == 0) {
      value = new Binary("*", value, self); // the cell feeds itself
    }
    String op = List.of("=", "=", "+=", "-=").get(r.nextInt(4));
    inner.add(new Ast.Store(m, new Var(i, T.INT), new Var(j, T.INT), op, value));
    if (r.nextInt(3) == 0 && alive) {
      statement(depth + 2, inner);
    }
    loopDepth--;
    scopes.pop();
    inRange.remove(j);
    E columns = new Ast.Length(new Ast.Index(mv, new Var(i, T.INT)));
    outer.add(new Ast.For(j, il("0", 0), columns, false, inner));
    da = daOuter;
    alive = true;
    List<String> targets = writable(T.DOUBLE, true);
    if (r.nextBoolean() && !targets.isEmpty()) {
      // a row passed on: s += f(m[i], ...)
      rowsFirst = true;
      E call = call(2);
      rowsFirst = false;
      if (call != null) {
        String target = targets.get(r.nextInt(targets.size()));
        outer.add(new Assign(target, r.nextBoolean() ? "+=" : "-=", call));
        assigned(target);
      }
    }
    if (r.nextBoolean()) {
      statement(depth + 1, outer);
    }
    loopDepth--;
    scopes.pop();
    inRange.remove(i);
    out.add(new Ast.For(i, il("0", 0), new Ast.Length(mv), false, outer));
    frozen.clear();
    frozen.addAll(frozenBefore);
    da = daBefore;
    positive = factsBefore;
    nonzero = nonzeroBefore;
    positive.removeAll(assignedIn(outer));
    nonzero.removeAll(assignedIn(outer));
    alive = true;
  }

  /**
   * {@code double t = ...;} from invariants, the loop counter and earlier such values (added
   * to cheap), read later in the iteration.
   */
  private Decl loopLocal(Var counter, List<String> cheap) {
    String name = newLocal(LOCALS);
    // mostly arithmetic and indexing, which the processor recomputes; sometimes a Math call or
    // another expression, which it tapes
    int roll = r.nextInt(8);
    E read = flavour && roll < 3 ? arrayRead() : null;
    E base = read != null ? read : roll < 6 ? leafOfParameters() : dbl(1);
    E counterTerm = roll != 7
        ? new Binary("*", DOUBLE_LITS.get(r.nextInt(DOUBLE_LITS.size())), counter)
        : fn(List.of("sin", "cos", "tanh").get(r.nextInt(3)), new Binary("+", counter, base));
    E init = new Binary(List.of("+", "*", "-").get(r.nextInt(3)), base, counterTerm);
    if (!cheap.isEmpty() && r.nextBoolean()) {
      init = new Binary(List.of("+", "*").get(r.nextInt(2)), init,
          new Var(cheap.get(r.nextInt(cheap.size())), T.DOUBLE));
    }
    // what it reads stays invariant, and it is assigned once per iteration (the enclosing loop
    // restores frozen)
    Ast.visit(init, e -> {
      if (e instanceof Var v) {
        frozen.add(v.name());
      }
    });
    boolean isFinal = r.nextInt(4) == 0;
    declare(name, T.DOUBLE, true, isFinal);
    frozen.add(name);
    cheap.add(name);
    return new Decl(isFinal ? "final" : "", T.DOUBLE, name, init);
  }

  /** A double of the method's top level, else a literal. */
  private E leafOfParameters() {
    List<String> vars = readable(T.DOUBLE);
    vars.retainAll(scopes.getLast().keySet());
    return vars.isEmpty() ? DOUBLE_LITS.get(r.nextInt(DOUBLE_LITS.size()))
        : new Var(vars.get(r.nextInt(vars.size())), T.DOUBLE);
  }

  /** An int expression in [0, length of group g). */
  private E index(String g) {
    E len = new Ast.Length(groupArray.get(g));
    List<E> options = new ArrayList<>();
    List<String> visibleCounters = new ArrayList<>();
    inRange.forEach((v, k) -> {
      if (k.equals(g) && visible(v)) {
        visibleCounters.add(v);
      }
    });
    Collections.sort(visibleCounters);
    for (String v : visibleCounters) {
      E i = new Var(v, T.INT);
      options.add(i);
      options.add(i);
      options.add(i);
      options.add(new Binary("-", new Binary("-", len, il("1", 1)), i));
      options.add(new Binary("%", new Binary("+", i, il("1", 1)), len));
      if (g.equals("P")) {
        for (String idx : readable(T.IARR)) {
          options.add(new Ast.Index(new Var(idx, T.IARR), i));
        }
      }
    }
    List<String> counters = new ArrayList<>(nonneg);
    counters.removeIf(v -> !visible(v));
    Collections.sort(counters);
    for (String v : counters) {
      E k = new Var(v, T.INT);
      options.add(new Binary("%", k, len));
      options.add(new MathFn(owner(), "min", List.of(k, new Binary("-", len, il("1", 1)))));
    }
    options.add(il("0", 0));
    options.add(new Binary("-", len, il("1", 1)));
    return options.get(r.nextInt(options.size()));
  }

  /** An element of a double[] or double[][] in scope, or null if there is none. */
  private E arrayRead() {
    List<String> arrays = readable(T.DARR);
    List<String> matrices = readable(T.DMAT);
    if (arrays.isEmpty() && matrices.isEmpty()) {
      return null;
    }
    if (!matrices.isEmpty() && (arrays.isEmpty() || r.nextInt(4) == 0)) {
      String m = matrices.get(r.nextInt(matrices.size()));
      if (localMatrices.contains(m)) {
        return element(m);
      }
      return new Ast.Index(new Ast.Index(new Var(m, T.DMAT), index("P")), index("C"));
    }
    String a = arrays.get(r.nextInt(arrays.size()));
    return new Ast.Index(new Var(a, T.DARR), index(group.get(a)));
  }

  /** An int[] element or an array length, or null. */
  private E intArrayLeaf() {
    List<String> ints = readable(T.IARR);
    if (!ints.isEmpty() && r.nextBoolean()) {
      return new Ast.Index(new Var(ints.get(r.nextInt(ints.size())), T.IARR), index("P"));
    }
    if (groupArray.isEmpty()) {
      return null;
    }
    List<E> arrays = new ArrayList<>(groupArray.values());
    E a = arrays.get(r.nextInt(arrays.size()));
    boolean[] ok = {true};
    Ast.visit(a, e -> ok[0] &= !(e instanceof Var v) || visible(v.name()));
    return ok[0] ? new Ast.Length(a) : null;
  }

  /**
   * A loop of the general kinds: over an array's length (counted, counting down, stride 2, a
   * bound the body lowers), a while loop with a counter that bounds its trip count, a do-while
   * loop with such a counter, a {@code while (true)} loop left by a break (or a return) once
   * the counter passes its bound, a for-each loop ({@link #forEachLoop}); with break, continue
   * or a return under an if sometimes.
   */
  private void generalLoop(int depth, List<S> out) {
    List<String> groups = new ArrayList<>(groupArray.keySet());
    groups.removeIf(k -> {
      boolean[] ok = {true};
      Ast.visit(groupArray.get(k), e -> ok[0] &= !(e instanceof Var v) || visible(v.name()));
      return !ok[0];
    });
    String g = groups.isEmpty() || r.nextInt(5) == 0 ? null : groups.get(r.nextInt(groups.size()));
    E len = g != null ? new Ast.Length(groupArray.get(g)) : INT_LITS.get(1 + r.nextInt(4));
    if (g == null && r.nextInt(4) == 0 && !readable(T.INT).isEmpty()) {
      List<String> ints = readable(T.INT);
      len = new Var(ints.get(r.nextInt(ints.size())), T.INT);
    }
    // 0 to 5: the for and while forms of the switch below; 6 do-while, 7 and 8 for-each,
    // 9 while (true): 4 loops in 10
    int kind = r.nextInt(10);
    if (kind == 7 || kind == 8) {
      forEachLoop(depth, out);
      return;
    }
    // kinds whose trip count a counter k, incremented first thing in the body, bounds
    boolean counter = kind == 4 || kind == 6 || kind == 9;
    Set<String> frozenBefore = new HashSet<>(frozen);
    Set<String> daBefore = new HashSet<>(da);
    Set<String> factsBefore = new HashSet<>(positive);
    Set<String> nonzeroBefore = new HashSet<>(nonzero);
    Ast.visit(len, e -> {
      if (e instanceof Var v) {
        frozen.add(v.name());
      }
    });
    String var;
    String limit = null;
    if (counter) {
      // int k = 0; while (k < len && c) { k++; ... }
      var = newLocal(List.of("k", "iter", "steps", "kk"));
      out.add(new Decl("", T.INT, var, il("0", 0)));
      declare(var, T.INT, true, false);
    } else {
      var = newLocal(List.of("i", "j", "l", "ii", "jj"));
      if (kind == 3) {
        limit = newLocal(List.of("lim", "end", "stop"));
        out.add(new Decl("", T.INT, limit, len));
        declare(limit, T.INT, true, false);
        frozen.add(limit);
      }
    }
    frozen.add(var);
    // reads only what is assigned before the loop (so also definitely assigned where a
    // do-while tests it, after the body)
    E whileCondition = kind == 4 || kind == 6 ? bool(1) : null;
    E bound = counter ? (g != null ? len : INT_LITS.get(1 + r.nextInt(4))) : null;
    Map<String, T> scope = new LinkedHashMap<>();
    if (!counter) {
      scope.put(var, T.INT);
    }
    scopes.push(scope);
    da.add(var);
    if (g != null && !counter) {
      inRange.put(var, g);
    }
    nonneg.add(var);
    loopDepth++;
    List<S> body = new ArrayList<>();
    E i = new Var(var, T.INT);
    boolean breaks = false;
    if (counter) {
      body.add(new Assign(var, "++", il("1", 1)));
    }
    if (kind == 9) {
      // while (true): the counter check comes first, so no continue can skip it
      boolean isBreak = r.nextInt(3) != 0;
      body.add(new If(new Binary(">", i, bound),
          List.of(isBreak ? new Ast.Break() : new Return(result())), null, r.nextBoolean()));
      breaks = isBreak;
    }
    int exit = r.nextInt(10); // < 2: break, < 4: continue, 4: return; at the start or the end
    boolean atStart = r.nextBoolean();
    boolean jumps = false; // a break or continue of this loop
    if (exit < 5 && atStart) {
      body.add(exit(exit));
      jumps = exit < 4;
      breaks |= exit < 2;
    }
    int n = 1 + r.nextInt(2);
    for (int k = 0; k < n && alive; k++) {
      statement(depth + 1, body);
    }
    if (alive && r.nextBoolean()) {
      accumulate(body, i);
    }
    if (alive && exit < 5 && !atStart) {
      body.add(exit(exit));
      jumps = exit < 4;
      breaks |= exit < 2;
    }
    if (alive && r.nextInt(20) == 0) {
      // a body that always returns: the loop runs once at most, its update is unreachable
      body.add(new Return(result()));
      alive = false;
    }
    if (alive && kind == 3) {
      List<S> lower = new ArrayList<>();
      lower.add(new Assign(limit, "-=", il("1", 1)));
      body.add(new If(bool(1), lower, null, r.nextBoolean()));
    }
    boolean bodyCompletes = alive;
    loopDepth--;
    scopes.pop();
    Ast.S loop;
    switch (kind) {
      case 0: // counted, up to the length
        loop = new Ast.For(var, il("0", 0), len, false, body);
        break;
      case 1: // counting down
        loop = new Ast.Loop(var, new Binary("-", len, il("1", 1)),
            new Binary(">=", i, il("0", 0)), new Assign(var, "--", il("1", 1)), body);
        break;
      case 2: // stride 2
        loop = new Ast.Loop(var, r.nextBoolean() ? il("0", 0) : il("1", 1),
            new Binary("<", i, len), new Assign(var, "+=", il("2", 2)), body);
        break;
      case 3: // a bound the body lowers
        loop = new Ast.Loop(var, il("0", 0), new Binary("<", i, new Var(limit, T.INT)),
            new Assign(var, "++", il("1", 1)), body);
        break;
      case 4: { // while with a counter
        E test = new Binary("<", i, bound);
        loop = new Ast.While(r.nextBoolean() ? new Binary("&&", test, whileCondition)
            : new Binary("&&", whileCondition, test), body);
        break;
      }
      case 6: { // do-while with a counter
        E test = new Binary("<", i, bound);
        loop = new Ast.DoWhile(body, r.nextBoolean() ? new Binary("&&", test, whileCondition)
            : new Binary("&&", whileCondition, test));
        break;
      }
      case 9: // while (true), left by the counter check
        loop = new Ast.While(new Lit(T.BOOLEAN, "true", 1), body);
        break;
      default: // counted, inclusive bound
        loop = new Ast.For(var, il("0", 0), new Binary("-", len, il("1", 1)), true, body);
        break;
    }
    out.add(loop);
    inRange.remove(var);
    nonneg.remove(var);
    frozen.clear();
    frozen.addAll(frozenBefore);
    da = daBefore;
    if (counter || kind == 3) {
      da.add(counter ? var : limit);
    }
    positive = factsBefore;
    nonzero = nonzeroBefore;
    positive.removeAll(assignedIn(body));
    nonzero.removeAll(assignedIn(body));
    // Java's reachability: a while (true) completes only through a break, a do-while when its
    // body completes or continues (or through a break), the other loops always
    alive = kind == 9 ? breaks : kind == 6 ? bodyCompletes || jumps : true;
  }

  /**
   * {@code for (double v : w)}, {@code for (int c : idx)}, {@code for (double[] row : m)} over a
   * parameter, a local array, a row {@code m[i]}, a row variable of an enclosing for-each or an
   * array constant. The body may assign a double element variable; an int one is left alone
   * (the elements of an int[] parameter are indices into the parameters' arrays).
   */
  private void forEachLoop(int depth, List<S> out) {
    List<E> arrays = new ArrayList<>();
    for (String a : readable(T.DARR)) {
      arrays.add(new Var(a, T.DARR));
    }
    for (String a : readable(T.IARR)) {
      arrays.add(new Var(a, T.IARR));
    }
    for (String m : readable(T.DMAT)) {
      if (localMatrices.contains(m)) {
        continue; // the processor rejects a for-each over a local matrix
      }
      arrays.add(new Var(m, T.DMAT));
      arrays.add(new Ast.Index(new Var(m, T.DMAT), index("P")));
    }
    E array;
    if (arrays.isEmpty() || r.nextInt(5) == 0) {
      array = Ast.ARRAY_CONSTANTS.get(r.nextInt(Ast.ARRAY_CONSTANTS.size())).ref();
    } else {
      array = arrays.get(r.nextInt(arrays.size()));
    }
    T type = array.type().element();
    String var = newLocal(type == T.DOUBLE ? List.of("v", "e", "xi", "wi", "el")
        : type == T.INT ? List.of("c", "ix", "lab", "step") : List.of("row", "xr", "r0"));
    Set<String> frozenBefore = new HashSet<>(frozen);
    Set<String> daBefore = new HashSet<>(da);
    Set<String> factsBefore = new HashSet<>(positive);
    Set<String> nonzeroBefore = new HashSet<>(nonzero);
    scopes.push(new LinkedHashMap<>());
    declare(var, type, true, false);
    if (type == T.INT) {
      frozen.add(var);
      nonneg.add(var); // int[] parameters hold indices, STEPS small counts
      if (array instanceof Var) {
        inRange.put(var, "P");
      }
    } else if (type == T.DARR) {
      // a row: its length is the matrix's column count
      String rows = array instanceof Var ? "C" : "CT";
      if (rows.equals("CT")) {
        groupArray.putIfAbsent(rows, new Ast.Index(array, il("0", 0)));
      }
      group.put(var, rows);
    }
    loopDepth++;
    List<S> body = new ArrayList<>();
    int exit = r.nextInt(10); // as in generalLoop
    boolean atStart = r.nextBoolean();
    if (exit < 5 && atStart) {
      body.add(exit(exit));
    }
    int n = 1 + r.nextInt(2);
    for (int k = 0; k < n && alive; k++) {
      statement(depth + 1, body);
    }
    if (alive && type != T.DARR && r.nextBoolean()) {
      accumulate(body, new Var(var, type));
    }
    if (alive && exit < 5 && !atStart) {
      body.add(exit(exit));
    }
    if (alive && r.nextInt(20) == 0) {
      body.add(new Return(result())); // a body that always returns
    }
    loopDepth--;
    scopes.pop();
    out.add(new Ast.ForEach(type, var, array, body));
    inRange.remove(var);
    nonneg.remove(var);
    frozen.clear();
    frozen.addAll(frozenBefore);
    da = daBefore;
    positive = factsBefore;
    nonzero = nonzeroBefore;
    positive.removeAll(assignedIn(body));
    nonzero.removeAll(assignedIn(body));
    alive = true; // the array may be empty
  }

  /**
   * {@code if (c) break;}, {@code continue} or {@code return ...} (roll below 2, below 4, 4),
   * sometimes after an assignment.
   */
  private S exit(int roll) {
    List<S> then = new ArrayList<>();
    List<String> targets = writable(T.DOUBLE, true);
    if (r.nextInt(3) == 0 && !targets.isEmpty()) {
      String name = targets.get(r.nextInt(targets.size()));
      then.add(new Assign(name, "=", dbl(2)));
      positive.remove(name);
      nonzero.remove(name);
    }
    then.add(roll < 2 ? new Ast.Break() : roll < 4 ? new Ast.Continue() : new Return(result()));
    return new If(bool(1), then, null, r.nextBoolean());
  }

  /** A double that depends on no differentiated value (for a callee's parameter outside wrt). */
  private E inactiveDouble() {
    int roll = r.nextInt(4);
    if (roll == 0) {
      return new Cast(T.DOUBLE, integer(1, false));
    }
    if (roll == 1) {
      return constant();
    }
    return DOUBLE_LITS.get(r.nextInt(DOUBLE_LITS.size()));
  }

  private E conditional(int depth) {
    return new Cond(bool(depth - 1), dbl(depth - 1), dbl(depth - 1));
  }

  /** {@code v > 0 ? log(v) ... : ...}, {@code k != 0 ? ... / k ... : ...}: guards in ternaries. */
  private E guardedTernary(int depth) {
    List<String> ints = divisors();
    if (!ints.isEmpty() && r.nextBoolean()) {
      String k = ints.get(r.nextInt(ints.size()));
      E test = new Binary("!=", new Var(k, T.INT), il("0", 0));
      E quotient = new Binary("/", INT_LITS.get(r.nextInt(INT_LITS.size())), new Var(k, T.INT));
      E use = new Binary("*", dbl(depth - 1), quotient);
      if (r.nextBoolean()) {
        use = fn(List.of("exp", "sin", "tanh", "atan").get(r.nextInt(4)), use);
      }
      return r.nextBoolean() ? new Cond(test, use, dbl(depth - 1))
          : new Cond(new Binary("==", new Var(k, T.INT), il("0", 0)), dbl(depth - 1), use);
    }
    List<String> doubles = readable(T.DOUBLE);
    String v = doubles.get(r.nextInt(doubles.size()));
    E guard = positiveGuard();
    Set<String> before = new HashSet<>(positive);
    positive.add(v);
    E use = guardedUse(depth);
    positive = before;
    E other = dbl(depth - 1);
    if (r.nextBoolean()) {
      return new Cond(new Binary(r.nextBoolean() ? ">" : ">=", new Var(v, T.DOUBLE), guard), use, other);
    }
    return new Cond(new Binary(r.nextBoolean() ? "<" : "<=", new Var(v, T.DOUBLE), guard), other, use);
  }

  /** log / sqrt / pow of a variable known to be positive here, or null if none is. */
  private E guardedUse(int depth) {
    List<String> facts = new ArrayList<>(positive);
    facts.retainAll(readable(T.DOUBLE));
    if (facts.isEmpty()) {
      return null;
    }
    Collections.sort(facts);
    E v = new Var(facts.get(r.nextInt(facts.size())), T.DOUBLE);
    int roll = r.nextInt(5);
    E use;
    switch (roll) {
      case 0: use = fn("log", v); break;
      case 1: use = fn("sqrt", v); break;
      case 2: use = fn("pow", v, dl("1.5", 1.5)); break;
      case 3: use = fn("log10", v); break;
      default: use = new Binary("*", v, fn("log", v)); break;
    }
    return r.nextBoolean() ? use : new Binary(r.nextBoolean() ? "*" : "+", use, dbl(depth - 1));
  }

  private E piecewise(int depth) {
    String f = List.of("floor", "ceil", "rint", "signum", "round").get(r.nextInt(5));
    E arg = dbl(depth - 1);
    E call = fn(f, arg);
    return r.nextBoolean() ? new Binary(List.of("+", "*").get(r.nextInt(2)), dbl(depth - 1), call)
        : (f.equals("round") ? new Cast(T.DOUBLE, call) : call);
  }

  // --- int and boolean expressions ----------------------------------------------------------

  /** An int expression (long allowed when {@code wide}). */
  E integer(int depth, boolean wide) {
    List<String> ints = readable(T.INT);
    if (wide) {
      ints.addAll(readable(T.LONG));
    }
    if (depth <= 0 || r.nextInt(10) < 3) {
      if (flavour && r.nextInt(10) < 3) {
        E read = intArrayLeaf();
        if (read != null) {
          return read;
        }
      }
      int roll = r.nextInt(10);
      if (roll < 6 && !ints.isEmpty()) {
        String name = ints.get(r.nextInt(ints.size()));
        return new Var(name, typeOf(name));
      }
      if (roll < 8) {
        return INT_LITS.get(r.nextInt(INT_LITS.size()));
      }
      return r.nextBoolean() ? new Const("K", T.INT, 3) : new Const("KN", T.INT, -2);
    }
    int roll = r.nextInt(20);
    if (roll < 6) {
      return new Binary(List.of("+", "-", "*").get(r.nextInt(3)), integer(depth - 1, wide),
          integer(depth - 1, wide));
    }
    if (roll < 9) {
      return new Binary(r.nextBoolean() ? "/" : "%", integer(depth - 1, wide), INT_LITS.get(r.nextInt(3)));
    }
    if (roll < 11) {
      return new Cast(T.INT, dbl(depth - 1)); // truncation: a jump at every nonzero integer
    }
    if (roll < 12) {
      return new Cast(T.INT, fn("floor", dbl(depth - 1)));
    }
    if (roll < 13) {
      if (r.nextInt(3) == 0) { // a library's int function: no gradient, called as written
        return r.nextBoolean() ? new MathFn("Integer", "bitCount", List.of(integer(depth - 1, false)))
            : fn("floorMod", integer(depth - 1, false), INT_LITS.get(r.nextInt(3)));
      }
      return fn("abs", integer(depth - 1, wide));
    }
    if (roll < 14) {
      return fn(r.nextBoolean() ? "max" : "min", integer(depth - 1, wide), integer(depth - 1, wide));
    }
    if (roll < 15) {
      return new Unary("-", integer(depth - 1, wide));
    }
    if (roll < 16) {
      return new Cond(bool(depth - 1), integer(depth - 1, false), integer(depth - 1, false));
    }
    if (roll < 17 && wide) {
      return new Binary("*", new Lit(T.LONG, "2L", 2), integer(depth - 1, false));
    }
    List<String> nz = new ArrayList<>(nonzero);
    nz.retainAll(ints);
    if (!nz.isEmpty()) {
      Collections.sort(nz);
      String k = nz.get(r.nextInt(nz.size()));
      return new Binary("/", INT_LITS.get(r.nextInt(INT_LITS.size())), new Var(k, typeOf(k)));
    }
    return integer(depth - 1, wide);
  }

  E bool(int depth) {
    int roll = r.nextInt(100);
    List<String> flags = readable(T.BOOLEAN);
    if (roll < 55 || depth <= 0) {
      String op = List.of("<", "<=", ">", ">=").get(r.nextInt(4));
      E right = r.nextInt(3) == 0 ? DOUBLE_LITS.get(r.nextInt(DOUBLE_LITS.size())) : dbl(Math.max(0, depth - 1));
      return new Binary(op, withVariable(dbl(Math.max(0, depth - 1))), right);
    }
    if (roll < 68) {
      String op = List.of("<", "<=", ">", ">=", "==", "!=").get(r.nextInt(6));
      return new Binary(op, integer(1, true), r.nextBoolean() ? INT_LITS.get(r.nextInt(INT_LITS.size())) : integer(1, false));
    }
    if (roll < 78 && !flags.isEmpty()) {
      return new Var(flags.get(r.nextInt(flags.size())), T.BOOLEAN);
    }
    if (roll < 84) {
      return new Unary("!", bool(depth - 1));
    }
    if (roll < 87) { // a library's predicate on a double: no gradient, called as written
      return new MathFn("Double", r.nextBoolean() ? "isNaN" : "isFinite",
          List.of(dbl(Math.max(0, depth - 1))));
    }
    String op = List.of("&&", "||", "&&", "||", "&", "|", "^").get(r.nextInt(7));
    return new Binary(op, bool(depth - 1), bool(depth - 1));
  }
}
