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
  /** Assignments whose previous value the backward sweep restores, with the save's name. */
  final Map<Stmt.Assign, String> saves = new IdentityHashMap<>();
  private boolean failed;

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

  /** Names the saves in forward order ({@code xPrev} before {@code xPrev2}), before reversing. */
  void nameSaves(List<Stmt> forward) {
    for (Stmt s : forward) {
      if (s instanceof Stmt.Assign && !singleDefinition.contains(((Stmt.Assign) s).name())) {
        saves.computeIfAbsent((Stmt.Assign) s, a -> names.fresh(a.name() + "Prev"));
      } else if (s instanceof Stmt.If) {
        nameSaves(((Stmt.If) s).then());
        nameSaves(((Stmt.If) s).otherwise());
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

  /** The chain rule through one statement, under a comment that quotes the statement. */
  private void commented(Stmt forward, List<Stmt> chain, List<Stmt> out) {
    if (chain.stream().anyMatch(s -> !isRestore(s))) {
      out.add(new Stmt.Reversing(forward));
    }
    out.addAll(chain);
  }

  /** Whether {@code s} puts back a saved value ({@code x = xPrev;}). */
  boolean isRestore(Stmt s) {
    return s instanceof Stmt.Assign && !((Stmt.Assign) s).isCompound()
        && ((Stmt.Assign) s).value() instanceof Expr.Ref
        && saves.containsValue(((Expr.Ref) ((Stmt.Assign) s).value()).name());
  }

  private void reverseAssign(Stmt.Assign a, List<Stmt> out) {
    String v = a.name();
    Type type = types.get(v);
    boolean single = singleDefinition.contains(v);
    if (!single) {
      // Put back the value the assignment overwrote; dropped later if nothing reads it.
      String save = saves.computeIfAbsent(a, x -> names.fresh(v + "Prev"));
      out.add(new Stmt.Assign(v, null, new Expr.Ref(save, type), null));
    }
    if (type != Type.DOUBLE || !activity.isActive(v)) {
      return;
    }
    Expr dv = new Expr.Ref(adjoint(v), Type.DOUBLE);
    Expr value = a.isCompound()
        ? new Expr.Binary(a.compound(), new Expr.Ref(v, Type.DOUBLE), a.value(), Type.DOUBLE)
        : a.value();
    if (single) {
      propagate(value, dv, new Expr.Ref(v, Type.DOUBLE), out, null);
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

  /** Collects contributions to the variable being reassigned instead of adding them. */
  private record SelfSink(String variable, List<Expr> terms) {}

  /** Adds {@code g * d e / d (each active variable in e)} to those variables' adjoints. */
  private void propagate(Expr e, Expr g, Expr y, List<Stmt> out, SelfSink self) {
    if (!activity.isActive(e)) {
      return;
    }
    if (e instanceof Expr.Ref) {
      contribute(((Expr.Ref) e).name(), g, out, self);
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
    String scratch = names.fresh("d" + callee.method());
    out.add(new Stmt.Pullback(callee, call.args(), g, scratch));
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
    if (self != null && self.variable().equals(variable)) {
      self.terms().add(g);
      return;
    }
    String adjoint = adjoint(variable);
    Expr positive = Exprs.positive(g);
    if (positive != null) {
      out.add(new Stmt.Assign(adjoint, BinaryOp.MINUS, positive, null));
    } else {
      out.add(new Stmt.Assign(adjoint, BinaryOp.PLUS, g, null));
    }
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
