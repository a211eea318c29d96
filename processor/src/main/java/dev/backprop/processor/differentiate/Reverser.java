package dev.backprop.processor.differentiate;

import dev.backprop.processor.check.Message;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the backward sweep: the forward statements in reverse order, each followed by the
 * chain rule through its expression, one local derivative times the upstream adjoint per line,
 * {@code +=} where a wire fans out. A variable that is assigned more than once is restored to
 * its earlier value before its earlier uses are differentiated.
 */
final class Reverser {

  private final Activity activity;
  private final Names names;
  private final Set<String> singleDefinition;
  private final Map<String, Type> types;
  private final Reporter reporter;
  private final Map<String, String> adjoints = new HashMap<>();
  /** What {@link #saves} maps a statement to when its previous value goes on the tape. */
  static final String TAPE = "\0tape";

  /**
   * Assignments and stores whose previous value the backward sweep restores: the save's name,
   * or {@link #TAPE} inside loops, where the statement runs many times.
   */
  final Map<Stmt, String> saves = new IdentityHashMap<>();
  private int loopDepth;
  private boolean failed;
  private Recomputation recomputation;

  Reverser(Activity activity, Names names, Set<String> singleDefinition, Map<String, Type> types,
      Reporter reporter) {
    this.activity = activity;
    this.names = names;
    this.singleDefinition = singleDefinition;
    this.types = types;
    this.reporter = reporter;
  }

  boolean failed() {
    return failed;
  }

  /** The adjoint's name for {@code variable}: {@code d} + its name. */
  String adjoint(String variable) {
    return adjoints.computeIfAbsent(variable, names::adjoint);
  }

  /** Every adjoint handed out, by variable. */
  Map<String, String> adjoints() {
    return Collections.unmodifiableMap(adjoints);
  }

  /**
   * Finds what reversed loop iterations recompute, then names the saves in forward order
   * ({@code xPrev} before {@code xPrev2}), before reversing.
   */
  void nameSaves(List<Stmt> forward, String result) {
    recomputation = Recomputation.of(forward, result);
    nameSaves(forward);
  }

  private void nameSaves(List<Stmt> forward) {
    for (Stmt s : forward) {
      if (recomputation.contains(s)) {
        continue; // the reversed iteration computes it again: nothing to save
      }
      if (s instanceof Stmt.Assign && !singleDefinition.contains(((Stmt.Assign) s).name())) {
        saves.computeIfAbsent(s, a -> loopDepth > 0
            ? TAPE : names.fresh(((Stmt.Assign) a).name() + "Prev"));
      } else if (s instanceof Stmt.Store) {
        saves.put(s, TAPE);
      } else if (s instanceof Stmt.If) {
        nameSaves(((Stmt.If) s).then());
        nameSaves(((Stmt.If) s).otherwise());
      } else if (s instanceof Stmt.For) {
        loopDepth++;
        nameSaves(((Stmt.For) s).body());
        loopDepth--;
      }
    }
  }

  List<Stmt> reverse(List<Stmt> forward) {
    List<Stmt> out = new ArrayList<>();
    for (int i = forward.size() - 1; i >= 0; i--) {
      Stmt s = forward.get(i);
      if (s instanceof Stmt.Declare) {
        Stmt.Declare d = (Stmt.Declare) s;
        if (d.init() != null && activity.isActive(d.name()) && d.type() == Type.DOUBLE) {
          Expr y = new Expr.Ref(d.name(), d.type());
          List<Stmt> chain = new ArrayList<>();
          propagate(d.init(), new Expr.Ref(adjoint(d.name()), Type.DOUBLE), y, chain, null);
          commented(s, chain, out);
        }
      } else if (s instanceof Stmt.Assign) {
        List<Stmt> chain = new ArrayList<>();
        reverseAssign((Stmt.Assign) s, chain);
        commented(s, chain, out);
      } else if (s instanceof Stmt.Store) {
        List<Stmt> chain = new ArrayList<>();
        reverseStore((Stmt.Store) s, chain);
        commented(s, chain, out);
      } else if (s instanceof Stmt.For && ((Stmt.For) s).isCounting()) {
        Stmt.For loop = (Stmt.For) s;
        List<Stmt> body = reverse(loop.body());
        if (!body.isEmpty()) {
          // One reversed iteration per forward one: the loop counted them.
          String iteration = names.fresh("iteration");
          Expr.Ref ref = new Expr.Ref(iteration, Type.INT);
          out.add(new Stmt.For(
              new Stmt.Declare(iteration, Type.INT, new Expr.Ref(loop.counter(), Type.INT), null),
              Exprs.compare(BinaryOp.GREATER, ref, Exprs.ZERO),
              new Stmt.Assign(iteration, BinaryOp.MINUS, Exprs.ONE, null),
              body, loop.position()));
        }
      } else if (s instanceof Stmt.For) {
        Stmt.For loop = (Stmt.For) s;
        List<Stmt> body = recomputedFirst(loop, reverse(loop.body()));
        if (!body.isEmpty()) {
          // Counted loops run backwards: for (int i = b - 1; i >= a; i--).
          Expr.Binary condition = (Expr.Binary) loop.condition();
          Expr last = condition.op() == BinaryOp.LESS
              ? Exprs.minus(condition.right(), Exprs.ONE) : condition.right();
          String counter = loop.init().name();
          out.add(new Stmt.For(
              new Stmt.Declare(counter, Type.INT, last, null),
              Exprs.compare(BinaryOp.GREATER_EQUAL, new Expr.Ref(counter, Type.INT),
                  loop.init().init()),
              new Stmt.Assign(counter, BinaryOp.MINUS, Exprs.ONE, null),
              body, loop.position()));
        }
      } else if (s instanceof Stmt.If) {
        Stmt.If branch = (Stmt.If) s;
        List<Stmt> then = reverse(branch.then());
        List<Stmt> otherwise = reverse(branch.otherwise());
        if (!then.isEmpty() || !otherwise.isEmpty()) {
          out.add(new Stmt.If(branch.condition(), then, otherwise, branch.position()));
        }
      }
    }
    return out;
  }

  /**
   * The reversed iteration, after the values it recomputes: those its statements read, and
   * those these read in turn.
   */
  private List<Stmt> recomputedFirst(Stmt.For loop, List<Stmt> reversed) {
    Set<String> needed = Statements.reads(reversed, new java.util.HashSet<>());
    List<Stmt.Assign> candidates = recomputation.in(loop);
    List<Stmt> first = new ArrayList<>();
    for (int i = candidates.size() - 1; i >= 0; i--) {
      Stmt.Assign a = candidates.get(i);
      if (needed.contains(a.name())) {
        first.add(0, new Stmt.Assign(a.name(), null, a.value(), null));
        Exprs.refs(a.value(), needed);
      }
    }
    if (first.isEmpty()) {
      return reversed;
    }
    first.addAll(reversed);
    return first;
  }

  /** The chain rule through one statement, under a comment that quotes the statement. */
  private void commented(Stmt forward, List<Stmt> chain, List<Stmt> out) {
    if (chain.stream().anyMatch(s -> !isRestore(s))) {
      out.add(new Stmt.Reversing(forward));
    }
    out.addAll(chain);
  }

  /** Whether {@code s} puts back a saved value ({@code x = xPrev;}, {@code x = tape.pop()}). */
  boolean isRestore(Stmt s) {
    Expr value = s instanceof Stmt.Assign && !((Stmt.Assign) s).isCompound()
        ? ((Stmt.Assign) s).value()
        : s instanceof Stmt.Store && !((Stmt.Store) s).isCompound() ? ((Stmt.Store) s).value()
        : null;
    return value instanceof Expr.Pop
        || (value instanceof Expr.Ref && saves.containsValue(((Expr.Ref) value).name()));
  }

  private void reverseAssign(Stmt.Assign a, List<Stmt> out) {
    String v = a.name();
    Type type = types.get(v);
    boolean single = singleDefinition.contains(v);
    Stmt restore = null;
    if (!single && !recomputation.contains(a)) {
      // Put back the value the assignment overwrote; dropped later if nothing reads it. (A
      // recomputed v needs none: the reversed iteration set it to this iteration's value.)
      String save = saves.computeIfAbsent(a, x -> names.fresh(v + "Prev"));
      Expr saved = save.equals(TAPE) ? new Expr.Pop(type) : new Expr.Ref(save, type);
      restore = new Stmt.Assign(v, null, saved, null);
    }
    boolean active = type == Type.DOUBLE && activity.isActive(v);
    Expr dv = active ? new Expr.Ref(adjoint(v), Type.DOUBLE) : null;
    if (single) {
      if (active) {
        propagate(a.value(), dv, new Expr.Ref(v, Type.DOUBLE), out, null);
      }
      return;
    }
    if (!a.isCompound() && !Statements.reads(a.value(), v)) {
      // v is not an operand: differentiate while v still holds the new value (a rule may read
      // it, as tanh does), then forget its adjoint and put the old value back.
      if (active) {
        propagate(a.value(), dv, new Expr.Ref(v, Type.DOUBLE), out, null);
        out.add(new Stmt.Assign(adjoint(v), null, Exprs.ZERO, null));
      }
      if (restore != null) {
        out.add(restore);
      }
      return;
    }
    out.add(restore);
    if (!active) {
      return;
    }
    Expr value = a.isCompound()
        ? new Expr.Binary(a.compound(), new Expr.Ref(v, Type.DOUBLE), a.value(), Type.DOUBLE)
        : a.value();
    if (containsConditional(value)) {
      // Contributions to v may sit in a branch: hand the new value's adjoint to a local first.
      String held = names.fresh(adjoint(v) + "New");
      out.add(new Stmt.Declare(held, Type.DOUBLE, dv, null));
      out.add(new Stmt.Assign(adjoint(v), null, Exprs.ZERO, null));
      propagate(value, new Expr.Ref(held, Type.DOUBLE), null, out, null);
      return;
    }
    // The new value's adjoint flows into the operands; the old value's adjoint starts afresh
    // from what flows into v itself (x = x * x gives dx = x * dx + x * dx).
    List<Expr> self = new ArrayList<>();
    propagate(value, dv, null, out, new SelfSink(v, self));
    if (self.size() == 1 && self.get(0).equals(dv)) {
      return;
    }
    Expr sum = self.stream().reduce(Exprs::plus).orElse(Exprs.ZERO);
    out.add(new Stmt.Assign(adjoint(v), null, sum, null));
  }

  /** {@code a[i] = e}: the element's old value comes back from the tape, then the chain rule. */
  private void reverseStore(Stmt.Store store, List<Stmt> out) {
    String a = store.array();
    Expr element = store.element();
    out.add(store.into(a, null, new Expr.Pop(Type.DOUBLE)));
    if (!activity.isActive(a)) {
      return;
    }
    String da = adjoint(a);
    Expr g = store.element(da);
    Expr value = store.isCompound()
        ? new Expr.Binary(store.compound(), element, store.value(), Type.DOUBLE)
        : store.value();
    if (containsConditional(value) || Statements.reads(value, a)) {
      // Hold the element's adjoint first: a branch, or a read of a (a[j] that may be a[i]
      // itself, or a passed whole to a callee's pullback), must not see it change while it is
      // handed on.
      String held = names.fresh(da + "New");
      out.add(new Stmt.Declare(held, Type.DOUBLE, g, null));
      out.add(store.into(da, null, Exprs.ZERO));
      propagate(value, new Expr.Ref(held, Type.DOUBLE), null, out, null);
      return;
    }
    List<Expr> self = new ArrayList<>();
    propagate(value, g, null, out, new SelfSink(element, self));
    if (self.size() == 1 && self.get(0).equals(g)) {
      return;
    }
    Expr sum = self.stream().reduce(Exprs::plus).orElse(Exprs.ZERO);
    out.add(store.into(da, null, sum));
  }

  /**
   * Collects contributions to the variable (or array element) being reassigned instead of
   * adding them.
   */
  private record SelfSink(Expr target, List<Expr> terms) {
    SelfSink(String variable, List<Expr> terms) {
      this(new Expr.Ref(variable, Type.DOUBLE), terms);
    }
  }

  /** Adds {@code g * d e / d (each active variable in e)} to those variables' adjoints. */
  private void propagate(Expr e, Expr g, Expr y, List<Stmt> out, SelfSink self) {
    if (!activity.isActive(e)) {
      return;
    }
    if (self != null && self.target().equals(e)) {
      self.terms().add(g);
    } else if (e instanceof Expr.Ref) {
      contribute(((Expr.Ref) e).name(), g, out, self);
    } else if (e instanceof Expr.Index) {
      Expr.Index index = (Expr.Index) e;
      if (activity.isActiveArray(index.array())) {
        // da[i] += g, or dm[r][i] += g for an element of a local matrix
        String da = adjoint(Exprs.arrayName(index.array()));
        Expr row = index.array() instanceof Expr.Index ? ((Expr.Index) index.array()).index() : null;
        Expr positive = Exprs.positive(g);
        out.add(positive != null
            ? new Stmt.Store(da, row, index.index(), BinaryOp.MINUS, positive, null)
            : new Stmt.Store(da, row, index.index(), BinaryOp.PLUS, g, null));
      }
    } else if (e instanceof Expr.Cast) {
      propagate(((Expr.Cast) e).operand(), g, null, out, self);
    } else if (e instanceof Expr.Conditional) {
      // Only the branch that was taken carries gradient.
      Expr.Conditional c = (Expr.Conditional) e;
      List<Stmt> then = new ArrayList<>();
      List<Stmt> otherwise = new ArrayList<>();
      propagate(c.whenTrue(), g, null, then, self);
      propagate(c.whenFalse(), g, null, otherwise, self);
      if (!then.isEmpty() || !otherwise.isEmpty()) {
        out.add(new Stmt.If(c.condition(), then, otherwise, null));
      }
    } else if (e instanceof Expr.Call) {
      pullback((Expr.Call) e, g, out, self);
    } else {
      Rules.Rule rule = Rules.of(e);
      if (rule == null) {
        throw new IllegalStateException("no rule for " + e);
      }
      List<Expr> args = Exprs.children(e);
      Expr value = y != null ? y : new Expr.Ref("<result not kept>", Type.DOUBLE);
      List<Expr> partials = rule.partials(value, args, g);
      for (int i = 0; i < args.size(); i++) {
        Expr arg = args.get(i);
        Expr partial = partials.get(i);
        if (partial == null || !activity.isActive(arg)) {
          continue;
        }
        if (!Exprs.isAtom(partial) && !Exprs.isAtom(arg) && activeLeaves(arg) > 1) {
          // The adjoint fans out to several wires: name it once.
          String name = names.fresh("d" + Linearizer.nameFor(arg));
          out.add(new Stmt.Declare(name, Type.DOUBLE, partial, null));
          partial = new Expr.Ref(name, Type.DOUBLE);
        }
        propagate(arg, partial, null, out, self);
      }
    }
  }

  private void pullback(Expr.Call call, Expr g, List<Stmt> out, SelfSink self) {
    var callee = call.callee();
    String scratch = callee.gradientSize() > 0 ? names.fresh("d" + callee.method()) : null;
    List<Expr> arrayAdjoints = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      boolean active = activity.isActiveArray(arg);
      if (callee.arrays().get(i) && callee.differentiated().get(i)) {
        // the callee adds into the caller's adjoint array; a data array gets a throwaway one
        arrayAdjoints.add(active ? adjointOf(arg) : new Expr.NewArray(new Expr.Length(arg)));
      } else if (active && arg.type() == Type.DOUBLE_MATRIX) {
        reporter.error(call.position(), Message.MATRIX_ARGUMENT.format(
            call.argumentTexts().get(i), callee.method()));
        failed = true;
      } else if (active) {
        String parameter = callee.parameterNames().get(i);
        reporter.error(call.position(), Message.ACTIVE_ARGUMENT_NOT_IN_WRT.format(
            call.argumentTexts().get(i), callee.method(), callee.method(), parameter, parameter));
        failed = true;
      }
    }
    out.add(new Stmt.Pullback(callee, call.args(), g, scratch, arrayAdjoints));
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (!activity.isActive(arg)) {
        continue;
      }
      int index = callee.gradientIndex(i);
      if (index < 0) {
        String parameter = callee.parameterNames().get(i);
        reporter.error(call.position(), Message.ACTIVE_ARGUMENT_NOT_IN_WRT.format(
            call.argumentTexts().get(i), callee.method(), callee.method(), parameter, parameter));
        failed = true;
        continue;
      }
      propagate(arg, new Expr.Element(scratch, index), null, out, self);
    }
  }

  private void contribute(String variable, Expr g, List<Stmt> out, SelfSink self) {
    String adjoint = adjoint(variable);
    Expr positive = Exprs.positive(g);
    if (positive != null) {
      out.add(new Stmt.Assign(adjoint, BinaryOp.MINUS, positive, null));
    } else {
      out.add(new Stmt.Assign(adjoint, BinaryOp.PLUS, g, null));
    }
  }

  /** The adjoint of an active array argument: {@code da} for {@code a}, {@code dm[i]} for {@code m[i]}. */
  private Expr adjointOf(Expr array) {
    Expr.Ref adjoint = new Expr.Ref(adjoint(Exprs.arrayName(array)),
        array instanceof Expr.Index ? Type.DOUBLE_MATRIX : Type.DOUBLE_ARRAY);
    return array instanceof Expr.Index
        ? new Expr.Index(adjoint, ((Expr.Index) array).index(), Type.DOUBLE_ARRAY)
        : adjoint;
  }

  private static boolean containsConditional(Expr e) {
    boolean[] found = {false};
    Exprs.forEach(e, x -> found[0] |= x instanceof Expr.Conditional);
    return found[0];
  }

  private int activeLeaves(Expr e) {
    if (!activity.isActive(e)) {
      return 0;
    }
    if (Exprs.isAtom(e)) {
      return 1;
    }
    int n = 0;
    for (Expr child : Exprs.children(e)) {
      n += activeLeaves(child);
    }
    return n;
  }
}
