package dev.backprop.processor.differentiate;

import dev.backprop.processor.analysis.Activity;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Callee;
import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The chain rule through one expression: adds {@code g * d e / d v} to the adjoint of each
 * active variable {@code v} in {@code e}, one line per local derivative, {@code +=} where a
 * wire fans out. The local derivatives come from {@link Rules}; calls of other differentiable
 * methods chain through their pullbacks.
 */
final class ChainRule {

  /** Stands for a value the forward sweep did not keep; printing it is an internal error. */
  private static final Expr NOT_KEPT =
      new Expr.Unsupported(Construct.OTHER_EXPRESSION, "a value the forward sweep dropped", null);

  private final Activity activity;
  private final Adjoints adjoints;
  private final Names names;

  ChainRule(Activity activity, Adjoints adjoints, Names names) {
    this.activity = activity;
    this.adjoints = adjoints;
    this.names = names;
  }

  /**
   * Collects the contributions to the variable (or array element) being reassigned instead of
   * adding them: {@code x = x * x} gives {@code dx = x * dx + x * dx}.
   */
  record SelfSink(Expr target, List<Expr> terms) {}

  /**
   * Adds to the adjoints of {@code e}'s active variables.
   *
   * @param g the adjoint of {@code e}'s value
   * @param y a name holding {@code e}'s value, or null (a rule that reads it then has a kept
   *     temporary: see {@link Linearizer})
   * @param self where contributions to the reassigned variable go, or null
   */
  void propagate(Expr e, Expr g, Expr y, List<Stmt> out, SelfSink self) {
    if (!activity.isActive(e)) {
      return;
    }
    if (self != null && self.target().equals(e)) {
      self.terms().add(g);
    } else {
      e.accept(new Step(g, y, out, self));
    }
  }

  /** The chain rule through one node of an expression, whose adjoint is {@code g}. */
  private final class Step implements Expr.Visitor<Void> {
    private final Expr g;
    private final Expr y;
    private final List<Stmt> out;
    private final SelfSink self;

    Step(Expr g, Expr y, List<Stmt> out, SelfSink self) {
      this.g = g;
      this.y = y;
      this.out = out;
      this.self = self;
    }

    @Override
    public Void visitRef(Expr.Ref e) {
      contribute(e.name(), g, out);
      return null;
    }

    @Override
    public Void visitIndex(Expr.Index e) {
      if (activity.isActiveArray(e.array())) {
        // da[i] += g, or dm[r][i] += g for an element of a local matrix
        String da = adjoints.of(Expressions.arrayName(e.array()));
        Expr row = e.array() instanceof Expr.Index r ? r.index() : null;
        Expr positive = Exprs.positive(g);
        out.add(positive != null
            ? new Stmt.Store(da, row, e.index(), BinaryOp.MINUS, positive, null)
            : new Stmt.Store(da, row, e.index(), BinaryOp.PLUS, g, null));
      }
      return null;
    }

    @Override
    public Void visitCast(Expr.Cast e) {
      propagate(e.operand(), g, null, out, self);
      return null;
    }

    @Override
    public Void visitConditional(Expr.Conditional e) {
      // Only the branch that was taken carries gradient.
      List<Stmt> then = new ArrayList<>();
      List<Stmt> otherwise = new ArrayList<>();
      propagate(e.whenTrue(), g, null, then, self);
      propagate(e.whenFalse(), g, null, otherwise, self);
      if (!then.isEmpty() || !otherwise.isEmpty()) {
        out.add(new Stmt.If(e.condition(), then, otherwise));
      }
      return null;
    }

    @Override
    public Void visitCall(Expr.Call e) {
      pullback(e, g, out, self);
      return null;
    }

    @Override
    public Void visitUnary(Expr.Unary e) {
      return primitive(e);
    }

    @Override
    public Void visitBinary(Expr.Binary e) {
      return primitive(e);
    }

    @Override
    public Void visitMathCall(Expr.MathCall e) {
      return primitive(e);
    }

    /** A primitive: its rule's local derivatives, one per argument. */
    private Void primitive(Expr e) {
      Rules.Rule rule = Rules.of(e);
      if (rule == null) {
        throw new IllegalStateException("no derivative rule for " + e);
      }
      List<Expr> args = e.children();
      List<Expr> partials = rule.partials(y != null ? y : NOT_KEPT, args, g);
      for (int i = 0; i < args.size(); i++) {
        Expr arg = args.get(i);
        Expr partial = partials.get(i);
        if (partial == null || !activity.isActive(arg)) {
          continue;
        }
        if (!Exprs.isAtom(partial) && !Exprs.isAtom(arg)
            && Exprs.activeLeaves(arg, activity) > 1) {
          // The linearizer names such a wire; where it could not, name its gradient once.
          String name = names.fresh("g");
          out.add(new Stmt.Declare(name, Type.DOUBLE, partial));
          partial = Exprs.scalar(name);
        }
        propagate(arg, partial, null, out, self);
      }
      return null;
    }

    // Constants and the rest carry no gradient (they are never active).

    @Override
    public Void visitLiteral(Expr.Literal e) {
      return null;
    }

    @Override
    public Void visitConstant(Expr.Constant e) {
      return null;
    }

    @Override
    public Void visitLength(Expr.Length e) {
      return null;
    }

    @Override
    public Void visitNewArray(Expr.NewArray e) {
      return null;
    }

    @Override
    public Void visitZerosLike(Expr.ZerosLike e) {
      return null;
    }

    @Override
    public Void visitPartial(Expr.Partial e) {
      return null;
    }

    @Override
    public Void visitUnsupported(Expr.Unsupported e) {
      throw new IllegalStateException("the check stage lets through " + e);
    }
  }

  private void pullback(Expr.Call call, Expr g, List<Stmt> out, SelfSink self) {
    Callee callee = call.callee();
    String partials = callee.gradientSize() > 0 ? names.fresh(callee.method() + "Grad") : null;
    List<Expr> arrayAdjoints = new ArrayList<>();
    Set<String> passed = new HashSet<>();
    List<Stmt> addedBack = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (callee.differentiatedArray(i)) {
        // the callee adds into the caller's adjoint array; a data array gets a throwaway one
        if (!activity.isActiveArray(arg)) {
          arrayAdjoints.add(new Expr.NewArray(new Expr.Length(arg)));
        } else if (passed.add(Expressions.arrayName(arg))) {
          arrayAdjoints.add(adjointOf(arg));
        } else {
          // the same array (or a row of the same matrix) again, dot(w, w): the callee takes
          // gradient arrays that are distinct arrays, so this one goes into a zeroed one first
          String held = names.fresh("d" + callee.method() + i);
          out.add(new Stmt.Declare(held, Type.DOUBLE_ARRAY,
              new Expr.NewArray(new Expr.Length(arg))));
          arrayAdjoints.add(new Expr.Ref(held, Type.DOUBLE_ARRAY));
          addedBack.add(addInto(adjointOf(arg), held));
        }
      } else if (activity.isActiveArray(arg)) {
        throw new IllegalStateException("the check stage lets gradient into " + call);
      }
    }
    out.add(new Sweep.Pullback(callee, call.args(), g, partials, arrayAdjoints));
    out.addAll(addedBack);
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (!activity.isActive(arg)) {
        continue;
      }
      int index = callee.gradientIndex(i);
      if (index < 0) {
        throw new IllegalStateException("the check stage lets gradient into " + call);
      }
      propagate(arg, new Expr.Partial(partials, index), null, out, self);
    }
  }

  /** {@code for (int j = 0; j < held.length; j++) adjoint[j] += held[j];} */
  private Stmt addInto(Expr adjoint, String held) {
    String j = names.fresh("j");
    Expr.Ref index = new Expr.Ref(j, Type.INT);
    Expr.Ref from = new Expr.Ref(held, Type.DOUBLE_ARRAY);
    Expr row = adjoint instanceof Expr.Index r ? r.index() : null;
    String array = Expressions.arrayName(adjoint);
    return new Stmt.For(new Stmt.Declare(j, Type.INT, Exprs.ZERO),
        Exprs.compare(BinaryOp.LESS, index, new Expr.Length(from)),
        new Stmt.Assign(j, BinaryOp.PLUS, Exprs.ONE, null),
        List.of(new Stmt.Store(array, row, index, BinaryOp.PLUS,
            new Expr.Index(from, index, Type.DOUBLE), null)),
        null);
  }

  private void contribute(String variable, Expr g, List<Stmt> out) {
    String adjoint = adjoints.of(variable);
    Expr positive = Exprs.positive(g);
    out.add(positive != null
        ? new Stmt.Assign(adjoint, BinaryOp.MINUS, positive, null)
        : new Stmt.Assign(adjoint, BinaryOp.PLUS, g, null));
  }

  /**
   * The adjoint of an active array argument: {@code da} for {@code a}, {@code dm[i]} for {@code
   * m[i]}.
   */
  private Expr adjointOf(Expr array) {
    String adjoint = adjoints.of(Expressions.arrayName(array));
    if (array instanceof Expr.Index row) {
      return new Expr.Index(new Expr.Ref(adjoint, Type.DOUBLE_MATRIX), row.index(),
          Type.DOUBLE_ARRAY);
    }
    return new Expr.Ref(adjoint, Type.DOUBLE_ARRAY);
  }
}
