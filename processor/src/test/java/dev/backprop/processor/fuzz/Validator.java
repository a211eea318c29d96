package dev.backprop.processor.fuzz;

import dev.backprop.processor.fuzz.Ast.Assign;
import dev.backprop.processor.fuzz.Ast.Block;
import dev.backprop.processor.fuzz.Ast.Call;
import dev.backprop.processor.fuzz.Ast.Decl;
import dev.backprop.processor.fuzz.Ast.E;
import dev.backprop.processor.fuzz.Ast.Fn;
import dev.backprop.processor.fuzz.Ast.If;
import dev.backprop.processor.fuzz.Ast.Param;
import dev.backprop.processor.fuzz.Ast.Return;
import dev.backprop.processor.fuzz.Ast.S;
import dev.backprop.processor.fuzz.Ast.T;
import dev.backprop.processor.fuzz.Ast.Unit;
import dev.backprop.processor.fuzz.Ast.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A conservative check that a (shrunk) unit is valid Java: every name in scope and definitely
 * assigned where read, no shadowing, finals assigned once, no unreachable statement, every path
 * returns, calls only to earlier methods with matching arguments, loops that complete normally
 * (or the statements after them are unreachable) as Java's rules say: a {@code while (true)}
 * only through a break, a do-while only if its body completes or continues (or it breaks).
 * Rejects some valid programs, never accepts an invalid one of the shapes the fuzzer builds.
 */
final class Validator {

  private final Deque<Map<String, T>> scopes = new ArrayDeque<>();
  /** Loop variables and bounds of the enclosing loops: the body must leave them alone. */
  private final Set<String> frozen = new HashSet<>();
  private int loops;
  /** Per enclosing loop, innermost first: whether a break / a continue targets it. */
  private final Deque<boolean[]> jumps = new ArrayDeque<>();
  private final Set<String> finals = new HashSet<>();
  private final Set<String> localArrays = new HashSet<>();
  private final Map<String, Fn> earlier = new HashMap<>();

  private Validator() {}

  static boolean valid(Unit unit) {
    Validator v = new Validator();
    for (Fn f : unit.methods()) {
      if (!v.method(f)) {
        return false;
      }
      v.earlier.put(f.name(), f);
    }
    return true;
  }

  private boolean method(Fn f) {
    scopes.clear();
    finals.clear();
    localArrays.clear();
    Map<String, T> top = new HashMap<>();
    Set<String> da = new HashSet<>();
    for (Param p : f.params()) {
      if (top.put(p.name(), p.type()) != null) {
        return false;
      }
      da.add(p.name());
    }
    if (f.wrt() != null) {
      for (String w : f.wrt()) {
        if (f.params().stream().noneMatch(p -> p.name().equals(w)
            && (p.type() == T.DOUBLE || p.type() == T.DARR))) {
          return false;
        }
      }
    }
    if (f.params().stream().noneMatch(p -> p.type() == T.DOUBLE)) {
      return false;
    }
    scopes.push(top);
    try {
      Set<String> after = block(f.body(), da);
      return after == null; // must not complete normally
    } catch (Invalid e) {
      return false;
    }
  }

  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1;

    Invalid() {
      super(null, null, false, false);
    }
  }

  /** Definitely-assigned set after the statements, or null when they cannot complete. */
  private Set<String> block(List<S> body, Set<String> da) {
    Set<String> current = new HashSet<>(da);
    for (S s : body) {
      if (current == null) {
        throw new Invalid(); // unreachable statement
      }
      current = statement(s, current);
    }
    return current;
  }

  private Set<String> statement(S s, Set<String> da) {
    if (s instanceof Decl d) {
      if (lookup(d.name()) != null) {
        throw new Invalid();
      }
      if (d.init() != null) {
        expr(d.init(), da);
        assignable(d.type(), d.init().type());
        if (d.type().array() && d.init() instanceof Ast.Index ix && localMatrix(ix.array())) {
          throw new Invalid(); // the processor rejects a row of a local matrix held in a variable
        }
      } else if (d.modifier().equals("var")) {
        throw new Invalid();
      }
      if (d.modifier().equals("var") && d.init().type() != d.type()) {
        throw new Invalid();
      }
      scopes.peek().put(d.name(), d.type());
      if (d.modifier().equals("final")) {
        finals.add(d.name());
      } else {
        finals.remove(d.name());
      }
      Set<String> out = new HashSet<>(da);
      if (d.init() != null) {
        out.add(d.name());
      } else {
        out.remove(d.name());
      }
      return out;
    }
    if (s instanceof Assign a) {
      T type = lookup(a.name());
      if (type == null || finals.contains(a.name()) || frozen.contains(a.name())) {
        throw new Invalid();
      }
      expr(a.value(), da);
      if (a.op().equals("++")) {
        if (!da.contains(a.name()) || !type.numeric()) {
          throw new Invalid();
        }
      } else if (a.op().equals("=")) {
        assignable(type, a.value().type());
      } else {
        if (!da.contains(a.name()) || type == T.BOOLEAN || !a.value().type().numeric()) {
          throw new Invalid();
        }
        if (type != T.DOUBLE && a.value().type() == T.DOUBLE) {
          throw new Invalid(); // lossy: the fuzzer never writes it
        }
      }
      Set<String> out = new HashSet<>(da);
      out.add(a.name());
      return out;
    }
    if (s instanceof Ast.For f) {
      if (lookup(f.var()) != null) {
        throw new Invalid();
      }
      expr(f.from(), da);
      expr(f.to(), da);
      if (f.from().type() != T.INT || f.to().type() != T.INT) {
        throw new Invalid();
      }
      Set<String> frozenBefore = new HashSet<>(frozen);
      frozen.add(f.var());
      Ast.visit(f.to(), e -> {
        if (e instanceof Var v) {
          frozen.add(v.name());
        }
      });
      Ast.visit(f.from(), e -> {
        if (e instanceof Var v) {
          frozen.add(v.name());
        }
      });
      scopes.push(new HashMap<>(Map.of(f.var(), T.INT)));
      Set<String> inside = new HashSet<>(da);
      inside.add(f.var());
      loopBody(f.body(), inside);
      scopes.pop();
      frozen.clear();
      frozen.addAll(frozenBefore);
      return da; // the body may not run
    }
    if (s instanceof Ast.ForEach f) {
      if (lookup(f.var()) != null) {
        throw new Invalid();
      }
      expr(f.array(), da);
      T array = f.array().type();
      if (!array.array() || array.element() != f.type() || !(f.array() instanceof Var
          || f.array() instanceof Ast.Const || f.array() instanceof Ast.Index)
          || localMatrix(f.array())) {
        throw new Invalid(); // the processor rejects a for-each over a local matrix
      }
      scopes.push(new HashMap<>(Map.of(f.var(), f.type())));
      Set<String> inside = new HashSet<>(da);
      inside.add(f.var());
      loopBody(f.body(), inside);
      scopes.pop();
      return da; // the array may be empty
    }
    if (s instanceof Ast.DoWhile d) {
      scopes.push(new HashMap<>());
      boolean[] jumped = loopBody(d.body(), da);
      boolean bodyCompletes = lastBodyCompletes;
      scopes.pop();
      // the test runs after the body: reading only what was assigned before is conservative
      condition(d.c(), da);
      boolean completes = (bodyCompletes || jumped[1]) && !isTrue(d.c());
      return completes || jumped[0] ? da : null;
    }
    if (s instanceof Ast.ArrayDecl d) {
      if (lookup(d.name()) != null || scopes.size() != 1 || loops > 0) {
        throw new Invalid();
      }
      expr(d.size(), da);
      if (d.size().type() != T.INT) {
        throw new Invalid();
      }
      if (d.matrix()) {
        expr(d.cols(), da);
        if (d.cols().type() != T.INT) {
          throw new Invalid();
        }
      }
      scopes.peek().put(d.name(), d.matrix() ? T.DMAT : T.DARR);
      localArrays.add(d.name());
      Set<String> out = new HashSet<>(da);
      out.add(d.name());
      return out;
    }
    if (s instanceof Ast.Store st) {
      T type = st.col() == null ? T.DARR : T.DMAT;
      if (lookup(st.name()) != type || !localArrays.contains(st.name()) || !da.contains(st.name())) {
        throw new Invalid();
      }
      if (st.col() != null) {
        expr(st.col(), da);
        if (st.col().type() != T.INT) {
          throw new Invalid();
        }
      }
      expr(st.index(), da);
      expr(st.value(), da);
      if (st.index().type() != T.INT || !st.value().type().numeric()) {
        throw new Invalid();
      }
      return da;
    }
    if (s instanceof Ast.Break || s instanceof Ast.Continue) {
      if (loops == 0) {
        throw new Invalid();
      }
      jumps.peek()[s instanceof Ast.Break ? 0 : 1] = true;
      return null;
    }
    if (s instanceof Ast.While w) {
      condition(w.c(), da);
      scopes.push(new HashMap<>());
      boolean[] jumped = loopBody(w.body(), da);
      scopes.pop();
      return !isTrue(w.c()) || jumped[0] ? da : null;
    }
    if (s instanceof Ast.Loop l) {
      if (lookup(l.var()) != null) {
        throw new Invalid();
      }
      expr(l.from(), da);
      if (l.from().type() != T.INT) {
        throw new Invalid();
      }
      Set<String> frozenBefore = new HashSet<>(frozen);
      scopes.push(new HashMap<>(Map.of(l.var(), T.INT)));
      Set<String> inside = new HashSet<>(da);
      inside.add(l.var());
      condition(l.c(), inside);
      if (isTrue(l.c()) || !l.update().name().equals(l.var())) {
        throw new Invalid();
      }
      expr(l.update().value(), inside);
      frozen.add(l.var());
      loopBody(l.body(), inside);
      scopes.pop();
      frozen.clear();
      frozen.addAll(frozenBefore);
      return da;
    }
    if (s instanceof Ast.Throw t) {
      expr(t.value(), da);
      return null;
    }
    if (s instanceof Ast.Effect e) {
      expr(e.value(), da);
      return null;
    }
    if (s instanceof Return r) {
      expr(r.value(), da);
      if (!r.value().type().numeric()) {
        throw new Invalid();
      }
      return null;
    }
    if (s instanceof Block b) {
      scopes.push(new HashMap<>());
      Set<String> out = block(b.body(), da);
      scopes.pop();
      return out;
    }
    If i = (If) s;
    expr(i.c(), da);
    if (i.c().type() != T.BOOLEAN) {
      throw new Invalid();
    }
    if (i.then().isEmpty() && (i.els() == null || i.els().isEmpty())) {
      throw new Invalid(); // legal, but the printer would print an empty braceless body
    }
    scopes.push(new HashMap<>());
    Set<String> then = block(i.then(), da);
    scopes.pop();
    Set<String> els;
    if (i.els() == null) {
      els = da;
    } else {
      scopes.push(new HashMap<>());
      els = block(i.els(), da);
      scopes.pop();
    }
    if (then == null) {
      return els;
    }
    if (els == null) {
      return then;
    }
    Set<String> out = new HashSet<>(then);
    out.retainAll(els);
    return out;
  }

  /** Whether the last loop body checked by {@link #loopBody} can complete normally. */
  private boolean lastBodyCompletes;

  /**
   * Checks a loop body (the body may end in a return: a return inside a loop leaves the
   * method); returns whether a break, a continue targets this loop.
   */
  private boolean[] loopBody(List<S> body, Set<String> da) {
    loops++;
    jumps.push(new boolean[2]);
    Set<String> after = block(body, da);
    loops--;
    lastBodyCompletes = after != null;
    return jumps.pop();
  }

  /**
   * A loop condition: boolean, and either the literal true or reading a variable. Java treats
   * a constant condition ({@code 2 < 3}, which shrinking may leave) as always true or never,
   * which changes what is reachable; such conditions are rejected rather than evaluated.
   */
  private void condition(E c, Set<String> da) {
    expr(c, da);
    if (c.type() != T.BOOLEAN) {
      throw new Invalid();
    }
    boolean[] variable = {false};
    Ast.visit(c, e -> variable[0] |= e instanceof Var || e instanceof Ast.Index
        || e instanceof Ast.Length || e instanceof Call || e instanceof Ast.MathFn);
    if (!variable[0] && !isTrue(c)) {
      throw new Invalid();
    }
  }

  private static boolean isTrue(E c) {
    return c instanceof Ast.Lit l && l.type() == T.BOOLEAN && l.value() != 0;
  }

  private static void assignable(T target, T value) {
    if (target == value) {
      return;
    }
    if (target == T.DOUBLE && value.numeric()) {
      return;
    }
    if (target == T.LONG && value == T.INT) {
      return;
    }
    throw new Invalid();
  }

  private T lookup(String name) {
    for (Map<String, T> scope : scopes) {
      if (scope.containsKey(name)) {
        return scope.get(name);
      }
    }
    return null;
  }

  /** Whether e names a local matrix. */
  private boolean localMatrix(E e) {
    return e instanceof Var v && v.type() == T.DMAT && localArrays.contains(v.name());
  }

  private void expr(E e, Set<String> da) {
    Ast.visit(e, node -> {
      if (node instanceof Var v) {
        if (lookup(v.name()) != v.type() || !da.contains(v.name())) {
          throw new Invalid();
        }
      } else if (node instanceof Ast.Index ix) {
        if (!ix.array().type().array() || ix.index().type() != T.INT) {
          throw new Invalid();
        }
      } else if (node instanceof Ast.Length l) {
        if (!l.array().type().array()) {
          throw new Invalid();
        }
      } else if (node instanceof Ast.Const c && c.type().array()) {
        if (Ast.ARRAY_CONSTANTS.stream().noneMatch(a -> a.name().equals(c.text())
            && a.type() == c.type())) {
          throw new Invalid();
        }
      } else if (node instanceof Call c) {
        Fn callee = earlier.get(c.method());
        if (callee == null || callee.params().size() != c.args().size()) {
          throw new Invalid();
        }
        for (int i = 0; i < c.args().size(); i++) {
          T param = callee.params().get(i).type();
          T arg = c.args().get(i).type();
          if (localMatrix(c.args().get(i))) {
            throw new Invalid(); // a local matrix is passed by rows only
          }
          if (param.array() || arg.array() ? arg != param : param == T.BOOLEAN ? arg != T.BOOLEAN : !(arg == param
              || (param == T.DOUBLE && arg.numeric()) || (param == T.LONG && arg == T.INT))) {
            throw new Invalid();
          }
        }
      }
    });
  }
}
