package dev.backprop.processor.fuzz;

import dev.backprop.processor.fuzz.Ast.Block;
import dev.backprop.processor.fuzz.Ast.Call;
import dev.backprop.processor.fuzz.Ast.Decl;
import dev.backprop.processor.fuzz.Ast.E;
import dev.backprop.processor.fuzz.Ast.Fn;
import dev.backprop.processor.fuzz.Ast.If;
import dev.backprop.processor.fuzz.Ast.Lit;
import dev.backprop.processor.fuzz.Ast.Param;
import dev.backprop.processor.fuzz.Ast.Return;
import dev.backprop.processor.fuzz.Ast.S;
import dev.backprop.processor.fuzz.Ast.T;
import dev.backprop.processor.fuzz.Ast.Unit;
import dev.backprop.processor.fuzz.Ast.Var;
import dev.backprop.processor.fuzz.Checker.Failure;
import dev.backprop.processor.fuzz.Checker.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Shrinks a failing program while the failure persists (same kind, same key): drops
 * statements, flattens ifs, blocks and loops (a loop's body once, a for-each's with its first
 * element; a while loop without one of the conjuncts of its condition; a for loop that is not
 * counted as a counted one; a do-while as a while loop), replaces
 * sub-expressions (array reads included) by one of their operands, a parameter or a constant,
 * turns compound stores into plain ones, drops unused parameters (arrays too), {@code wrt}
 * and methods no longer called.
 * Candidates are compiled in batches, each in its own class, so one compilation tries many.
 */
final class Shrinker {

  /** A program: a unit, the method that fails, and the failing point. */
  record Program(Unit unit, String target, Object[] args) {
    Fn fn() {
      return unit.method(target);
    }
  }

  /** The smallest failing program found, its failure and its generated gradient source. */
  record Shrunk(Program program, Failure failure, String generatedSource, int compilations,
      int steps) {}

  private static final int BATCH = 40;

  private final Failure original;
  private final long seed;
  private final int maxCompilations;
  private final long deadline;
  private int compilations;
  private int counter;

  private Shrinker(Failure original, long seed, int maxCompilations, long millis) {
    this.original = original;
    this.seed = seed;
    this.maxCompilations = maxCompilations;
    this.deadline = System.currentTimeMillis() + millis;
  }

  static Shrunk shrink(Program program, Failure failure, long seed, int maxCompilations,
      long millis) {
    return new Shrinker(failure, seed, maxCompilations, millis).run(program);
  }

  /** The program being shrunk. */
  private Program current;

  private Shrunk run(Program start) {
    current = closure(start);
    Tested tested = test(List.of(current));
    if (tested == null) {
      current = start; // the closure alone lost the failure: keep everything
      tested = test(List.of(current));
      if (tested == null) {
        return new Shrunk(start, original, "", compilations, 0);
      }
    }
    int steps = 0;
    boolean progress = true;
    while (progress && compilations < maxCompilations && System.currentTimeMillis() < deadline) {
      progress = false;
      List<Program> candidates = new ArrayList<>();
      int size = size(current);
      for (Program c : candidates(current)) {
        if (size(c) < size && plausible(c)) {
          candidates.add(c);
        }
      }
      for (int from = 0; from < candidates.size(); from += BATCH) {
        if (compilations >= maxCompilations || System.currentTimeMillis() >= deadline) {
          break;
        }
        Tested found = test(candidates.subList(from, Math.min(candidates.size(), from + BATCH)));
        if (found != null) {
          current = found.program;
          tested = found;
          steps++;
          progress = true;
          break;
        }
      }
    }
    return new Shrunk(tested.program, tested.failure, tested.generated, compilations, steps);
  }

  /** A measure every accepted step decreases, so shrinking ends. */
  static int size(Program p) {
    int n = 0;
    for (Fn f : p.unit().methods()) {
      n += Generator.size(f);
    }
    return n;
  }

  private record Tested(Program program, Failure failure, String generated) {}

  /** The first candidate that still fails the same way, renamed back; null if none. */
  private Tested test(List<Program> batch) {
    List<Unit> units = new ArrayList<>();
    for (Program p : batch) {
      Unit u = p.unit();
      units.add(new Unit(u.pkg(), "Shrink" + (counter++), u.staticImport(), u.methods()));
    }
    compilations++;
    FuzzCompiler.Outcome outcome = FuzzCompiler.compile(units);
    for (int i = 0; i < batch.size(); i++) {
      Unit u = units.get(i);
      Program p = batch.get(i);
      Failure f;
      FuzzCompiler.CompileError e = outcome.firstError(u);
      if (e != null) {
        f = new Failure(Kind.COMPILE, e.key(), e.text());
      } else if (original.kind() == Kind.COMPILE || !outcome.compiled(u, p.target())) {
        f = null;
      } else {
        Oracle.Result oracle = Checker.usable(u, p.target(), p.args());
        f = oracle == null ? null : Checker.check(u, u.method(p.target()),
            outcome.load(u.qualifiedName()), outcome.load(u.gradName()),
            new Checker.Point(p.args(), oracle), seed);
      }
      if (original.sameAs(f)) {
        String generated = e != null && !e.generated().isEmpty()
            ? e.generated() : outcome.generatedSources.get(u.qualifiedName());
        return new Tested(p, f, generated != null ? generated : FuzzCompiler.generatedSource(u));
      }
    }
    return null;
  }

  private final java.util.Set<KnownShapes.Shape> avoided = KnownShapes.avoided();

  private boolean plausible(Program p) {
    if (!Validator.valid(p.unit())) {
      return false;
    }
    for (Fn f : p.unit().methods()) {
      Fn before = null;
      for (Fn g : current.unit().methods()) {
        if (g.name().equals(f.name())) {
          before = g;
        }
      }
      if (KnownShapes.introduces(f, before, avoided)) {
        return false; // do not drift into a bug that is already known
      }
    }
    if (original.kind() == Kind.COMPILE) {
      return true;
    }
    try {
      return Checker.usable(p.unit(), p.target(), p.args()) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  // --- candidates ---------------------------------------------------------------------------

  private List<Program> candidates(Program p) {
    Set<Program> out = new LinkedHashSet<>();
    List<Fn> methods = p.unit().methods();
    // 1. statements: removals and flattenings, in every method (target first)
    List<Integer> order = new ArrayList<>();
    for (int i = methods.size() - 1; i >= 0; i--) {
      order.add(i);
    }
    // 0. big steps: halves of the target's body, every unused parameter at once
    int target = methods.indexOf(p.fn());
    List<S> targetBody = p.fn().body();
    for (int chunk = targetBody.size() / 2; chunk >= 2; chunk /= 2) {
      for (int from = 0; from + chunk < targetBody.size(); from += chunk) {
        List<S> smaller = new ArrayList<>(targetBody.subList(0, from));
        smaller.addAll(targetBody.subList(from + chunk, targetBody.size()));
        out.add(closure(withMethod(p, target, p.fn().withBody(smaller))));
      }
    }
    Program lean = p;
    for (int i = p.fn().params().size() - 1; i >= 0; i--) {
      Program without = withoutParameter(lean, lean.unit().methods().indexOf(lean.fn()), i);
      if (without != null) {
        lean = without;
      }
    }
    if (lean != p) {
      out.add(lean);
    }
    for (int pass = 0; pass < 2; pass++) {
      for (int m : order) {
        Fn f = methods.get(m);
        List<List<S>> bodies = pass == 0 ? statementVariants(f.body()) : expressionVariants(f, f.body());
        for (List<S> body : bodies) {
          out.add(closure(withMethod(p, m, f.withBody(body))));
        }
      }
    }
    // 2. parameters no one reads, wrt, callees
    for (int m : order) {
      Fn f = methods.get(m);
      if (f.wrt() != null) {
        out.add(withMethod(p, m, new Fn(f.name(), f.params(), null, f.annotation(), f.body())));
      }
      for (int i = 0; i < f.params().size(); i++) {
        Program without = withoutParameter(p, m, i);
        if (without != null) {
          out.add(without);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static Program withMethod(Program p, int index, Fn f) {
    List<Fn> methods = new ArrayList<>(p.unit().methods());
    methods.set(index, f);
    return new Program(withMethods(p.unit(), methods), p.target(), p.args());
  }

  private static Unit withMethods(Unit u, List<Fn> methods) {
    return new Unit(u.pkg(), u.className(), u.staticImport(), methods);
  }

  /** Only the target and the methods it calls, directly or not. */
  static Program closure(Program p) {
    Set<String> needed = new HashSet<>();
    List<String> work = new ArrayList<>(List.of(p.target()));
    while (!work.isEmpty()) {
      String name = work.remove(work.size() - 1);
      if (needed.add(name)) {
        Set<String> called = new HashSet<>();
        Ast.calls(p.unit().method(name).body(), called);
        work.addAll(called);
      }
    }
    List<Fn> kept = new ArrayList<>();
    for (Fn f : p.unit().methods()) {
      if (needed.contains(f.name())) {
        kept.add(f);
      }
    }
    return new Program(withMethods(p.unit(), kept), p.target(), p.args());
  }

  private static Program withoutParameter(Program p, int m, int index) {
    Fn f = p.unit().methods().get(m);
    Param param = f.params().get(index);
    boolean[] used = {false};
    for (S s : f.body()) {
      Ast.forEachExpr(s, e -> used[0] |= e instanceof Var v && v.name().equals(param.name()));
      used[0] |= assigns(s, param.name());
    }
    if (used[0]) {
      return null;
    }
    List<Param> params = new ArrayList<>(f.params());
    params.remove(index);
    List<String> wrt = f.wrt();
    if (wrt != null && wrt.contains(param.name())) {
      wrt = new ArrayList<>(wrt);
      wrt.remove(param.name());
      if (wrt.isEmpty()) {
        return null;
      }
    }
    Fn smaller = new Fn(f.name(), params, wrt, f.annotation(), f.body());
    List<Fn> methods = new ArrayList<>();
    for (Fn other : p.unit().methods()) {
      if (other == f) {
        methods.add(smaller);
      } else {
        methods.add(other.withBody(mapExprs(other.body(), e -> dropArgument(e, f.name(), index))));
      }
    }
    Object[] args = p.args();
    if (f.name().equals(p.target())) {
      List<Object> list = new ArrayList<>(Arrays.asList(args));
      list.remove(index);
      args = list.toArray();
    }
    return new Program(withMethods(p.unit(), methods), p.target(), args);
  }

  private static boolean assigns(S s, String name) {
    if (s instanceof Ast.Assign a) {
      return a.name().equals(name);
    }
    if (s instanceof If i) {
      return i.then().stream().anyMatch(t -> assigns(t, name))
          || (i.els() != null && i.els().stream().anyMatch(t -> assigns(t, name)));
    }
    if (s instanceof Block b) {
      return b.body().stream().anyMatch(t -> assigns(t, name));
    }
    if (s instanceof Ast.For loop) {
      return loop.var().equals(name) || loop.body().stream().anyMatch(t -> assigns(t, name));
    }
    if (s instanceof Ast.Loop loop) {
      return loop.var().equals(name) || loop.body().stream().anyMatch(t -> assigns(t, name));
    }
    if (s instanceof Ast.While loop) {
      return loop.body().stream().anyMatch(t -> assigns(t, name));
    }
    if (s instanceof Ast.DoWhile loop) {
      return loop.body().stream().anyMatch(t -> assigns(t, name));
    }
    if (s instanceof Ast.ForEach loop) {
      return loop.var().equals(name) || loop.body().stream().anyMatch(t -> assigns(t, name));
    }
    if (s instanceof Ast.Store st) {
      return st.name().equals(name);
    }
    return false;
  }

  private static E dropArgument(E e, String method, int index) {
    List<E> kids = new ArrayList<>();
    for (E k : Ast.children(e)) {
      kids.add(dropArgument(k, method, index));
    }
    if (e instanceof Call c && c.method().equals(method)) {
      kids.remove(index);
      return new Call(c.method(), kids, c.custom());
    }
    return kids.isEmpty() ? e : Ast.withChildren(e, kids);
  }

  private static List<S> mapExprs(List<S> body, Function<E, E> f) {
    List<S> out = new ArrayList<>();
    for (S s : body) {
      out.add(mapExprs(s, f));
    }
    return out;
  }

  private static S mapExprs(S s, Function<E, E> f) {
    if (s instanceof Decl d) {
      return d.init() == null ? d : new Decl(d.modifier(), d.type(), d.name(), f.apply(d.init()));
    }
    if (s instanceof Ast.Assign a) {
      return new Ast.Assign(a.name(), a.op(), f.apply(a.value()));
    }
    if (s instanceof Return r) {
      return new Return(f.apply(r.value()));
    }
    if (s instanceof Ast.Throw t) {
      return new Ast.Throw(f.apply(t.value()));
    }
    if (s instanceof Ast.Effect e) {
      return new Ast.Effect(f.apply(e.value()), e.asserted());
    }
    if (s instanceof Block b) {
      return new Block(mapExprs(b.body(), f));
    }
    if (s instanceof Ast.For loop) {
      return new Ast.For(loop.var(), f.apply(loop.from()), f.apply(loop.to()), loop.inclusive(),
          mapExprs(loop.body(), f));
    }
    if (s instanceof Ast.Loop loop) {
      return new Ast.Loop(loop.var(), f.apply(loop.from()), f.apply(loop.c()),
          (Ast.Assign) mapExprs(loop.update(), f), mapExprs(loop.body(), f));
    }
    if (s instanceof Ast.While loop) {
      return new Ast.While(f.apply(loop.c()), mapExprs(loop.body(), f));
    }
    if (s instanceof Ast.DoWhile loop) {
      return new Ast.DoWhile(mapExprs(loop.body(), f), f.apply(loop.c()));
    }
    if (s instanceof Ast.ForEach loop) {
      return new Ast.ForEach(loop.type(), loop.var(), f.apply(loop.array()),
          mapExprs(loop.body(), f));
    }
    if (s instanceof Ast.ArrayDecl d) {
      return new Ast.ArrayDecl(d.name(), f.apply(d.size()),
          d.cols() == null ? null : f.apply(d.cols()));
    }
    if (s instanceof Ast.Store st) {
      return new Ast.Store(st.name(), f.apply(st.index()),
          st.col() == null ? null : f.apply(st.col()), st.op(), f.apply(st.value()));
    }
    if (!(s instanceof If)) {
      return s; // break, continue
    }
    If i = (If) s;
    return new If(f.apply(i.c()), mapExprs(i.then(), f),
        i.els() == null ? null : mapExprs(i.els(), f), i.braces());
  }

  // --- statement variants -------------------------------------------------------------------

  /** The body with one statement removed, or one if / block flattened, at any depth. */
  private static List<List<S>> statementVariants(List<S> body) {
    List<List<S>> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      out.add(replace(body, i, List.of()));
    }
    for (int i = 0; i < body.size(); i++) {
      S s = body.get(i);
      if (s instanceof If f) {
        out.add(replace(body, i, f.then()));
        if (f.els() != null) {
          out.add(replace(body, i, f.els()));
          out.add(replace(body, i, List.of(new If(f.c(), f.then(), null, true))));
        }
        for (List<S> then : statementVariants(f.then())) {
          if (!then.isEmpty()) {
            out.add(replace(body, i, List.of(new If(f.c(), then, f.els(), f.braces()))));
          }
        }
        if (f.els() != null) {
          for (List<S> els : statementVariants(f.els())) {
            out.add(replace(body, i, List.of(new If(f.c(), f.then(),
                els.isEmpty() ? null : els, f.braces()))));
          }
        }
      } else if (s instanceof Block b) {
        out.add(replace(body, i, b.body()));
        for (List<S> inner : statementVariants(b.body())) {
          out.add(replace(body, i, List.of(new Block(inner))));
        }
      } else if (s instanceof Ast.For f) {
        // the body once, with the loop variable at its first value
        List<S> once = new ArrayList<>();
        once.add(new Decl("", T.INT, f.var(), f.from()));
        once.addAll(f.body());
        out.add(replace(body, i, List.of(new Block(once))));
        for (List<S> inner : statementVariants(f.body())) {
          if (!inner.isEmpty()) {
            out.add(replace(body, i, List.of(
                new Ast.For(f.var(), f.from(), f.to(), f.inclusive(), inner))));
          }
        }
      } else if (s instanceof Ast.Loop f) {
        // the body once, with the loop variable at its first value (no break / continue left)
        List<S> once = new ArrayList<>();
        once.add(new Decl("", T.INT, f.var(), f.from()));
        once.addAll(f.body());
        out.add(replace(body, i, List.of(new Block(once))));
        for (List<S> inner : statementVariants(f.body())) {
          if (!inner.isEmpty()) {
            out.add(replace(body, i, List.of(new Ast.Loop(f.var(), f.from(), f.c(), f.update(), inner))));
          }
        }
        // a counted loop instead
        if (f.c() instanceof Ast.Binary c && c.op().equals("<") && f.update().op().equals("++")
            && c.l() instanceof Ast.Var v && v.name().equals(f.var())) {
          out.add(replace(body, i, List.of(new Ast.For(f.var(), f.from(), c.r(), false, f.body()))));
        }
      } else if (s instanceof Ast.While w) {
        out.add(replace(body, i, List.of(new Block(w.body()))));
        for (List<S> inner : statementVariants(w.body())) {
          if (!inner.isEmpty()) {
            out.add(replace(body, i, List.of(new Ast.While(w.c(), inner))));
          }
        }
        if (w.c() instanceof Ast.Binary c && c.op().equals("&&")) {
          out.add(replace(body, i, List.of(new Ast.While(c.l(), w.body()))));
          out.add(replace(body, i, List.of(new Ast.While(c.r(), w.body()))));
        }
      } else if (s instanceof Ast.DoWhile w) {
        out.add(replace(body, i, List.of(new Block(w.body()))));
        for (List<S> inner : statementVariants(w.body())) {
          if (!inner.isEmpty()) {
            out.add(replace(body, i, List.of(new Ast.DoWhile(inner, w.c()))));
          }
        }
        out.add(replace(body, i, List.of(new Ast.While(w.c(), w.body()))));
        if (w.c() instanceof Ast.Binary c && c.op().equals("&&")) {
          out.add(replace(body, i, List.of(new Ast.DoWhile(w.body(), c.l()))));
          out.add(replace(body, i, List.of(new Ast.DoWhile(w.body(), c.r()))));
        }
      } else if (s instanceof Ast.ForEach f) {
        // the body once, with the first element
        List<S> once = new ArrayList<>();
        once.add(new Decl("", f.type(), f.var(), new Ast.Index(f.array(), new Lit(T.INT, "0", 0))));
        once.addAll(f.body());
        out.add(replace(body, i, List.of(new Block(once))));
        for (List<S> inner : statementVariants(f.body())) {
          if (!inner.isEmpty()) {
            out.add(replace(body, i, List.of(new Ast.ForEach(f.type(), f.var(), f.array(), inner))));
          }
        }
      } else if (s instanceof Decl d && d.init() != null && !d.modifier().isEmpty()) {
        out.add(replace(body, i, List.of(new Decl("", d.type(), d.name(), d.init()))));
      }
    }
    return out;
  }

  private static List<S> replace(List<S> body, int index, List<S> with) {
    List<S> out = new ArrayList<>(body.subList(0, index));
    out.addAll(with);
    out.addAll(body.subList(index + 1, body.size()));
    return out;
  }

  // --- expression variants ------------------------------------------------------------------

  /** The body with one sub-expression simplified, at any depth. */
  private static List<List<S>> expressionVariants(Fn f, List<S> body) {
    List<List<S>> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      for (S s : statementExprVariants(f, body.get(i))) {
        out.add(replace(body, i, List.of(s)));
      }
    }
    return out;
  }

  private static List<S> statementExprVariants(Fn f, S s) {
    List<S> out = new ArrayList<>();
    if (s instanceof Decl d && d.init() != null) {
      for (E e : exprVariants(f, d.init())) {
        out.add(new Decl(d.modifier(), d.type(), d.name(), e));
      }
    } else if (s instanceof Ast.Assign a) {
      for (E e : exprVariants(f, a.value())) {
        out.add(new Ast.Assign(a.name(), a.op(), e));
      }
      if (!a.op().equals("=") && !a.op().equals("++")) {
        out.add(new Ast.Assign(a.name(), "=", a.value()));
      }
    } else if (s instanceof Return r) {
      for (E e : exprVariants(f, r.value())) {
        out.add(new Return(e));
      }
    } else if (s instanceof Ast.Throw t) {
      for (E e : exprVariants(f, t.value())) {
        out.add(new Ast.Throw(e));
      }
    } else if (s instanceof Ast.Effect effect) {
      for (E e : exprVariants(f, effect.value())) {
        out.add(new Ast.Effect(e, effect.asserted()));
      }
    } else if (s instanceof Block b) {
      for (List<S> inner : expressionVariants(f, b.body())) {
        out.add(new Block(inner));
      }
    } else if (s instanceof Ast.Store st) {
      for (E e : exprVariants(f, st.value())) {
        out.add(new Ast.Store(st.name(), st.index(), st.col(), st.op(), e));
      }
      for (E e : exprVariants(f, st.index())) {
        out.add(new Ast.Store(st.name(), e, st.col(), st.op(), st.value()));
      }
      if (st.col() != null) {
        for (E e : exprVariants(f, st.col())) {
          out.add(new Ast.Store(st.name(), st.index(), e, st.op(), st.value()));
        }
      }
      if (!st.op().equals("=")) {
        out.add(new Ast.Store(st.name(), st.index(), st.col(), "=", st.value()));
      }
    } else if (s instanceof Ast.While loop) {
      for (E c : exprVariants(f, loop.c())) {
        out.add(new Ast.While(c, loop.body()));
      }
      for (List<S> inner : expressionVariants(f, loop.body())) {
        out.add(new Ast.While(loop.c(), inner));
      }
    } else if (s instanceof Ast.DoWhile loop) {
      for (E c : exprVariants(f, loop.c())) {
        out.add(new Ast.DoWhile(loop.body(), c));
      }
      for (List<S> inner : expressionVariants(f, loop.body())) {
        out.add(new Ast.DoWhile(inner, loop.c()));
      }
    } else if (s instanceof Ast.ForEach loop) {
      for (List<S> inner : expressionVariants(f, loop.body())) {
        out.add(new Ast.ForEach(loop.type(), loop.var(), loop.array(), inner));
      }
    } else if (s instanceof Ast.Loop loop) {
      for (E c : exprVariants(f, loop.c())) {
        out.add(new Ast.Loop(loop.var(), loop.from(), c, loop.update(), loop.body()));
      }
      for (List<S> inner : expressionVariants(f, loop.body())) {
        out.add(new Ast.Loop(loop.var(), loop.from(), loop.c(), loop.update(), inner));
      }
    } else if (s instanceof Ast.For loop) {
      for (E to : exprVariants(f, loop.to())) {
        out.add(new Ast.For(loop.var(), loop.from(), to, loop.inclusive(), loop.body()));
      }
      for (List<S> inner : expressionVariants(f, loop.body())) {
        out.add(new Ast.For(loop.var(), loop.from(), loop.to(), loop.inclusive(), inner));
      }
    } else if (s instanceof If i) {
      for (E e : exprVariants(f, i.c())) {
        out.add(new If(e, i.then(), i.els(), i.braces()));
      }
      for (List<S> then : expressionVariants(f, i.then())) {
        out.add(new If(i.c(), then, i.els(), i.braces()));
      }
      if (i.els() != null) {
        for (List<S> els : expressionVariants(f, i.els())) {
          out.add(new If(i.c(), i.then(), els, i.braces()));
        }
      }
    }
    return out;
  }

  /** Simpler expressions of the same type: an operand, a parameter, a constant; then deeper. */
  private static List<E> exprVariants(Fn f, E e) {
    List<E> out = new ArrayList<>();
    boolean leaf = Ast.children(e).isEmpty();
    for (E child : Ast.children(e)) {
      if (child.type() == e.type()) {
        out.add(child);
      }
    }
    if (!leaf || !(e instanceof Lit)) {
      switch (e.type()) {
        case DOUBLE:
          for (Param p : f.params()) {
            if (p.type() == T.DOUBLE && !(e instanceof Var v && v.name().equals(p.name()))) {
              out.add(new Var(p.name(), T.DOUBLE));
              break;
            }
          }
          out.add(new Lit(T.DOUBLE, "1.5", 1.5));
          break;
        case INT:
          out.add(new Lit(T.INT, "2", 2));
          break;
        case LONG:
          out.add(new Lit(T.INT, "2", 2));
          break;
        default:
          break;
      }
    }
    List<E> kids = Ast.children(e);
    for (int j = 0; j < kids.size(); j++) {
      for (E v : exprVariants(f, kids.get(j))) {
        if (v.type() != kids.get(j).type() && !(kids.get(j).type() == T.LONG && v.type() == T.INT)) {
          continue;
        }
        List<E> replaced = new ArrayList<>(kids);
        replaced.set(j, v);
        E candidate = Ast.withChildren(e, replaced);
        if (candidate.type() == e.type()) {
          out.add(candidate);
        }
      }
    }
    return out;
  }
}
