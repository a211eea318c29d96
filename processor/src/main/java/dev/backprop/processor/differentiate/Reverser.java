package dev.backprop.processor.differentiate;

import dev.backprop.processor.analysis.Activity;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the backward sweep: the forward statements in reverse order, each followed by the
 * chain rule through its expression ({@link ChainRule}) under a comment quoting it. A variable
 * that is assigned more than once gets its earlier value back ({@link Sweep.Restore}, paired
 * with the forward sweep's {@link Sweep.Save}) before its earlier uses are differentiated. Counted
 * loops run backwards by their index; counting loops run as many iterations as they counted.
 */
final class Reverser extends ForwardSweepVisitor<Void> {

  private final Activity activity;
  private final Adjoints adjoints;
  private final Names names;
  private final Set<String> singleDefinitions;
  private final Set<String> recomputed;
  private final Map<String, Type> types;
  private final ChainRule chain;
  private final Map<Stmt.Assign, Selections.Selection> selections;
  /** Int locals defined once from a length or a literal, so never Integer.MIN_VALUE. */
  private final Set<String> nonNegative = new HashSet<>();
  private List<Stmt> out;
  /** The save right before the statement being reversed, if any. */
  private Sweep.Save save;

  private Reverser(Activity activity, Adjoints adjoints, Names names,
      Set<String> singleDefinitions, Set<String> recomputed, Map<String, Type> types,
      Map<Stmt.Assign, Selections.Selection> selections) {
    this.activity = activity;
    this.selections = selections;
    this.adjoints = adjoints;
    this.names = names;
    this.singleDefinitions = singleDefinitions;
    this.recomputed = recomputed;
    this.types = types;
    this.chain = new ChainRule(activity, adjoints, names);
  }

  /**
   * The backward sweep of {@code forward} (which holds its saves): seeded at {@code result}'s
   * adjoint, it ends by handing each differentiated scalar's adjoint to {@code grad}.
   *
   * @param scalars the differentiated scalar parameters, in {@code grad}'s order
   * @param recomputed variables whose assignment a reversed loop iteration repeats first
   * @param selections running maxima and minima whose winning iteration the forward sweep tracks
   */
  static List<Stmt> backward(List<Stmt> forward, String result, List<String> scalars,
      Activity activity, Adjoints adjoints, Names names, Set<String> singleDefinitions,
      Set<String> recomputed, Map<String, Type> types,
      Map<Stmt.Assign, Selections.Selection> selections) {
    List<Stmt> backward = new ArrayList<>();
    if (activity.isActive(result)) {
      backward.add(new Sweep.Seed(adjoints.of(result)));
    }
    Reverser reverser = new Reverser(activity, adjoints, names, singleDefinitions, recomputed,
        types, selections);
    Statements.forEach(forward, s -> {
      if (s instanceof Stmt.Declare d && d.type() == Type.INT && d.init() != null
          && singleDefinitions.contains(d.name()) && reverser.isNonNegative(d.init())) {
        reverser.nonNegative.add(d.name());
      }
    });
    backward.addAll(reverser.reverse(forward));
    for (int i = 0; i < scalars.size(); i++) {
      backward.add(new Sweep.GradientOut(i, activity.isActive(scalars.get(i))
          ? Exprs.scalar(adjoints.of(scalars.get(i))) : Exprs.ZERO));
    }
    return backward;
  }

  private List<Stmt> reverse(List<Stmt> forward) {
    List<Stmt> outer = out;
    out = new ArrayList<>();
    for (int i = forward.size() - 1; i >= 0; i--) {
      Stmt s = forward.get(i);
      if (s instanceof Sweep.Save) {
        continue; // the write it precedes restores it
      }
      save = i > 0 && forward.get(i - 1) instanceof Sweep.Save before ? before : null;
      s.accept(this);
    }
    List<Stmt> reversed = out;
    out = outer;
    return reversed;
  }

  /** The chain rule through one statement, under a comment that quotes the statement. */
  private void commented(Stmt forward, List<Stmt> chainRule) {
    if (chainRule.stream()
        .anyMatch(s -> !(s instanceof Sweep.Restore || s instanceof Sweep.Undo))) {
      out.add(new Sweep.Reversing(forward));
    }
    out.addAll(chainRule);
  }

  /** What puts back the value the statement being reversed overwrote, or null if nothing must. */
  private Stmt restore(Stmt forward) {
    if (save != null) {
      return new Sweep.Restore(save.target(), save.local(), save.id());
    }
    if (forward instanceof Stmt.Assign a && !singleDefinitions.contains(a.name())
        && !recomputed.contains(a.name()) && Saves.invertible(a, types)) {
      return new Sweep.Undo(a.name(),
          a.compound() == BinaryOp.PLUS ? BinaryOp.MINUS : BinaryOp.PLUS, a.value());
    }
    return null;
  }

  @Override
  public Void visitDeclare(Stmt.Declare d) {
    if (d.init() != null && activity.isActive(d.name()) && d.type() == Type.DOUBLE) {
      List<Stmt> rule = new ArrayList<>();
      chain.propagate(d.init(), Exprs.scalar(adjoints.of(d.name())), d.ref(), rule, null);
      commented(d, rule);
    }
    return null;
  }

  @Override
  public Void visitAssign(Stmt.Assign a) {
    List<Stmt> rule = new ArrayList<>();
    reverseAssign(a, restore(a), rule);
    commented(a, rule);
    return null;
  }

  private void reverseAssign(Stmt.Assign a, Stmt restore, List<Stmt> rule) {
    Selections.Selection selection = selections.get(a);
    if (selection != null) {
      reverseSelection(a, selection, restore, rule);
      return;
    }
    String v = a.name();
    boolean active = types.get(v) == Type.DOUBLE && activity.isActive(v);
    Expr dv = active ? Exprs.scalar(adjoints.of(v)) : null;
    if (singleDefinitions.contains(v)) {
      if (active) {
        chain.propagate(a.value(), dv, Exprs.scalar(v), rule, null);
      }
      return;
    }
    if (!a.isCompound() && !Expressions.reads(a.value(), v)) {
      // v is not an operand: differentiate while v still holds the new value (a rule may read
      // it, as tanh does), then forget its adjoint and put the old value back. (A recomputed v
      // needs none: the reversed iteration set it to this iteration's value.)
      if (active) {
        chain.propagate(a.value(), dv, Exprs.scalar(v), rule, null);
        rule.add(Stmt.Assign.of(adjoints.of(v), Exprs.ZERO));
      }
      if (restore != null) {
        rule.add(restore);
      }
      return;
    }
    if (restore != null) {
      rule.add(restore);
    }
    if (!active) {
      return;
    }
    Expr value = a.isCompound()
        ? new Expr.Binary(a.compound(), Exprs.scalar(v), a.value(), Type.DOUBLE)
        : a.value();
    if (Exprs.containsConditional(value)) {
      // Contributions to v may sit in a branch: hand the new value's adjoint to a local first.
      String held = names.fresh("g");
      rule.add(new Stmt.Declare(held, Type.DOUBLE, dv));
      rule.add(Stmt.Assign.of(adjoints.of(v), Exprs.ZERO));
      chain.propagate(value, Exprs.scalar(held), null, rule, null);
      return;
    }
    // The new value's adjoint flows into the operands; the old value's adjoint starts afresh
    // from what flows into v itself (x = x * x gives dx = x * dx + x * dx).
    List<Expr> self = new ArrayList<>();
    chain.propagate(value, dv, null, rule, new ChainRule.SelfSink(Exprs.scalar(v), self));
    if (self.size() == 1 && self.get(0).equals(dv)) {
      return;
    }
    Expr sum = self.stream().reduce(Exprs::plus).orElse(Exprs.ZERO);
    rule.add(Stmt.Assign.of(adjoints.of(v), sum));
  }

  /**
   * {@code m = Math.max(m, v)} in iteration {@code i}: the whole gradient of {@code m} goes to
   * {@code v} in the iteration that set {@code m} last, and none before it.
   */
  private void reverseSelection(Stmt.Assign a, Selections.Selection selection, Stmt restore,
      List<Stmt> rule) {
    if (restore != null) {
      rule.add(restore);
    }
    Expr.MathCall call = (Expr.MathCall) a.value();
    Expr running = Exprs.scalar(a.name());
    Expr v = call.args().get(0).equals(running) ? call.args().get(1) : call.args().get(0);
    Expr dm = Exprs.scalar(adjoints.of(a.name()));
    List<Stmt> handOn = new ArrayList<>();
    chain.propagate(v, dm, null, handOn, null);
    handOn.add(Stmt.Assign.of(adjoints.of(a.name()), Exprs.ZERO));
    rule.add(new Stmt.If(Exprs.compare(BinaryOp.EQUAL, new Expr.Ref(selection.counter(),
        Type.INT), new Expr.Ref(selection.index(), Type.INT)), handOn, List.of(), null));
  }

  @Override
  public Void visitStore(Stmt.Store store) {
    // a[i] = e: the element's old value comes back from the tape, then the chain rule
    List<Stmt> rule = new ArrayList<>();
    if (save != null) {
      rule.add(restore(store));
    }
    String a = store.array();
    if (activity.isActive(a)) {
      String da = adjoints.of(a);
      Expr g = store.element(da);
      Expr value = store.isCompound()
          ? new Expr.Binary(store.compound(), store.element(), store.value(), Type.DOUBLE)
          : store.value();
      if (Exprs.containsConditional(value) || Expressions.reads(store.value(), a)) {
        // Hold the element's adjoint first: a branch, or a read of a (a[j] that may be a[i]
        // itself, or a passed whole to a callee's pullback), must not see it change while it
        // is handed on.
        String held = names.fresh("g");
        rule.add(new Stmt.Declare(held, Type.DOUBLE, g));
        rule.add(store.into(da, null, Exprs.ZERO));
        chain.propagate(value, Exprs.scalar(held), null, rule, null);
      } else {
        List<Expr> self = new ArrayList<>();
        chain.propagate(value, g, null, rule,
            new ChainRule.SelfSink(store.element(), self));
        if (!(self.size() == 1 && self.get(0).equals(g))) {
          Expr sum = self.stream().reduce(Exprs::plus).orElse(Exprs.ZERO);
          rule.add(store.into(da, null, sum));
        }
      }
    }
    commented(store, rule);
    return null;
  }

  @Override
  public Void visitFor(Stmt.For loop) {
    List<Stmt> body = recomputedFirst(loop, reverse(loop.body()));
    if (!body.isEmpty()) {
      // Counted loops run backwards: for (int i = b - 1; i >= a; i--).
      Expr.Binary condition = (Expr.Binary) loop.condition();
      Expr last = condition.op() == BinaryOp.LESS
          ? Exprs.minus(condition.right(), Exprs.ONE) : condition.right();
      String counter = loop.counter();
      Expr down = Exprs.compare(BinaryOp.GREATER_EQUAL, new Expr.Ref(counter, Type.INT),
          loop.init().init());
      if (Exprs.decimalInt(loop.init().init()) == null
          || condition.op() == BinaryOp.LESS && !isAboveMinValue(condition.right())) {
        // a start that may be Integer.MIN_VALUE, past which i-- wraps to Integer.MAX_VALUE, or
        // an end b that may be, so that b - 1 wraps to it: the forward loop's own test (i < b)
        // stops it there
        down = new Expr.Binary(BinaryOp.CONDITIONAL_AND, down, loop.condition(), Type.BOOLEAN);
      }
      out.add(new Stmt.For(
          new Stmt.Declare(counter, Type.INT, last), down,
          new Stmt.Assign(counter, BinaryOp.MINUS, Exprs.ONE, null),
          body, loop.position()));
    }
    return null;
  }

  /** Whether {@code e} is never Integer.MIN_VALUE: never negative, or such less a literal. */
  private boolean isAboveMinValue(Expr e) {
    return isNonNegative(e) || e instanceof Expr.Binary b && b.op() == BinaryOp.MINUS
        && isNonNegative(b.left()) && Exprs.decimalInt(b.right()) != null;
  }

  /**
   * Whether {@code e} is an int that is never negative, so never Integer.MIN_VALUE: a length, a
   * literal, a quotient of such (a product may overflow).
   */
  private boolean isNonNegative(Expr e) {
    return Exprs.decimalInt(e) != null || e instanceof Expr.Length
        || e instanceof Expr.Ref ref && nonNegative.contains(ref.name())
        || e instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE && b.type() == Type.INT
            && isNonNegative(b.left()) && isNonNegative(b.right());
  }

  /**
   * The reversed iteration, after the values it recomputes: those its statements read, and
   * those these read in turn.
   */
  private List<Stmt> recomputedFirst(Stmt.For loop, List<Stmt> reversed) {
    Set<String> needed = Statements.reads(reversed);
    List<Stmt> first = new ArrayList<>();
    for (int i = loop.body().size() - 1; i >= 0; i--) {
      Stmt s = loop.body().get(i);
      if (s instanceof Stmt.Assign a && recomputed.contains(a.name())
          && needed.contains(a.name())) {
        first.add(0, Stmt.Assign.of(a.name(), a.value()));
        needed.addAll(Expressions.variables(a.value()));
      } else if (s instanceof Stmt.For fill && Recomputation.repeats(fill, recomputed)
          && needed.containsAll(Statements.writes(fill.body()))) {
        first.add(0, Statements.withoutEffects(List.of(fill)).get(0));
        needed.addAll(Statements.reads(fill));
      }
    }
    first.addAll(reversed);
    return first;
  }

  @Override
  public Void visitWhile(Stmt.While loop) {
    List<Stmt> body = reverse(loop.body());
    if (!body.isEmpty()) {
      // One reversed iteration per forward one: the loop counted them.
      String iteration = names.fresh("iteration");
      Expr.Ref ref = new Expr.Ref(iteration, Type.LONG);
      out.add(new Stmt.For(
          new Stmt.Declare(iteration, Type.LONG, new Expr.Ref(loop.counter(), Type.LONG)),
          Exprs.compare(BinaryOp.GREATER, ref, Exprs.ZERO),
          new Stmt.Assign(iteration, BinaryOp.MINUS, Exprs.ONE, null),
          body, loop.position()));
    }
    return null;
  }

  @Override
  public Void visitIf(Stmt.If branch) {
    List<Stmt> then = reverse(branch.then());
    List<Stmt> otherwise = reverse(branch.otherwise());
    if (!then.isEmpty() || !otherwise.isEmpty()) {
      out.add(new Stmt.If(branch.condition(), then, otherwise, branch.position()));
    }
    return null;
  }

  @Override
  public Void visitCount(Sweep.Count s) {
    return null; // the forward sweep's bookkeeping
  }

  @Override
  public Void visitThrow(Stmt.Throw s) {
    return null; // had it thrown, there would be no backward sweep
  }

  @Override
  public Void visitEffect(Stmt.Effect s) {
    return null; // its effect was had in the forward sweep
  }

  @Override
  public Void visitSave(Sweep.Save s) {
    return null; // restored with the statement it precedes
  }
}
