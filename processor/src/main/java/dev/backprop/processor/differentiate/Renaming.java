package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.GradientMethod;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renames every variable of a gradient method, in statements, expressions and comments. */
final class Renaming implements Stmt.Visitor<Stmt> {

  private final Map<String, String> names;

  private Renaming(Map<String, String> names) {
    this.names = names;
  }

  /** {@code m} with each variable renamed by {@code names} (those it leaves out stay). */
  static GradientMethod apply(GradientMethod m, Map<String, String> names) {
    Renaming r = new Renaming(names);
    List<String> parameters = new ArrayList<>();
    m.source().parameters().forEach(p -> parameters.add(r.name(p.name())));
    return new GradientMethod(m.source(), parameters, m.differentiated(),
        m.differentiatedArrays(), m.arrayAdjoints().stream().map(r::name).toList(),
        r.name(m.gradName()), r.name(m.seedName()), r.name(m.tapeName()),
        r.name(m.tapeMarkName()), r.statements(m.forward()), r.statements(m.pullbackForward()),
        r.statements(m.backward()), r.statements(m.pullbackBackward()), r.name(m.result()));
  }

  private String name(String name) {
    return name == null ? null : names.getOrDefault(name, name);
  }

  private List<Stmt> statements(List<Stmt> body) {
    return body.stream().map(s -> s.accept(this)).toList();
  }

  private List<Expr> expressions(List<Expr> list) {
    return list.stream().map(this::expression).toList();
  }

  private Expr expression(Expr e) {
    return e == null ? null : e.accept(inExpressions);
  }

  /** Renames the variables an expression reads; the rest of it stays. */
  private final Expr.Visitor<Expr> inExpressions = new Expr.Visitor<>() {
    private Expr operands(Expr e) {
      return e.withChildren(expressions(e.children()));
    }

    @Override
    public Expr visitLiteral(Expr.Literal e) {
      return e;
    }

    @Override
    public Expr visitRef(Expr.Ref e) {
      return new Expr.Ref(name(e.name()), e.type());
    }

    @Override
    public Expr visitConstant(Expr.Constant e) {
      return e;
    }

    @Override
    public Expr visitUnary(Expr.Unary e) {
      return operands(e);
    }

    @Override
    public Expr visitBinary(Expr.Binary e) {
      return operands(e);
    }

    @Override
    public Expr visitMathCall(Expr.MathCall e) {
      return operands(e);
    }

    @Override
    public Expr visitCall(Expr.Call e) {
      return operands(e);
    }

    @Override
    public Expr visitConditional(Expr.Conditional e) {
      return operands(e);
    }

    @Override
    public Expr visitCast(Expr.Cast e) {
      return operands(e);
    }

    @Override
    public Expr visitIndex(Expr.Index e) {
      return operands(e);
    }

    @Override
    public Expr visitLength(Expr.Length e) {
      return operands(e);
    }

    @Override
    public Expr visitNewArray(Expr.NewArray e) {
      return operands(e);
    }

    @Override
    public Expr visitZerosLike(Expr.ZerosLike e) {
      return operands(e);
    }

    @Override
    public Expr visitPartial(Expr.Partial e) {
      return new Expr.Partial(name(e.partials()), e.index());
    }

    @Override
    public Expr visitUnsupported(Expr.Unsupported e) {
      return e;
    }
  };

  @Override
  public Stmt visitDeclare(Stmt.Declare s) {
    return new Stmt.Declare(name(s.name()), s.type(), expression(s.init()), s.position());
  }

  @Override
  public Stmt visitAssign(Stmt.Assign s) {
    return new Stmt.Assign(name(s.name()), s.compound(), expression(s.value()), s.position());
  }

  @Override
  public Stmt visitStore(Stmt.Store s) {
    return new Stmt.Store(name(s.array()), expression(s.row()), expression(s.index()),
        s.compound(), expression(s.value()), s.position());
  }

  @Override
  public Stmt visitFor(Stmt.For s) {
    return new Stmt.For((Stmt.Declare) s.init().accept(this), expression(s.condition()),
        (Stmt.Assign) s.update().accept(this), statements(s.body()), s.position());
  }

  @Override
  public Stmt visitWhile(Stmt.While s) {
    return new Stmt.While(expression(s.condition()), statements(s.body()), s.bodyFirst(),
        name(s.counter()), s.position());
  }

  @Override
  public Stmt visitIf(Stmt.If s) {
    return new Stmt.If(expression(s.condition()), statements(s.then()),
        statements(s.otherwise()), s.position());
  }

  @Override
  public Stmt visitBreak(Stmt.Break s) {
    return s;
  }

  @Override
  public Stmt visitContinue(Stmt.Continue s) {
    return s;
  }

  @Override
  public Stmt visitReturn(Stmt.Return s) {
    return new Stmt.Return(expression(s.value()), s.position());
  }

  @Override
  public Stmt visitThrow(Stmt.Throw s) {
    return new Stmt.Throw(s.packageName(), s.exception(),
        s.args().stream().map(this::expression).toList(), s.position());
  }

  @Override
  public Stmt visitEffect(Stmt.Effect s) {
    return new Stmt.Effect(s.call(), s.args().stream().map(this::expression).toList(),
        s.position());
  }

  @Override
  public Stmt visitUnsupported(Stmt.Unsupported s) {
    return s;
  }

  @Override
  public Stmt visitCount(Sweep.Count s) {
    return new Sweep.Count(name(s.counter()));
  }

  @Override
  public Stmt visitSave(Sweep.Save s) {
    return new Sweep.Save(expression(s.target()), name(s.local()), s.id());
  }

  @Override
  public Stmt visitRestore(Sweep.Restore s) {
    return new Sweep.Restore(expression(s.target()), name(s.local()), s.id());
  }

  @Override
  public Stmt visitUndo(Sweep.Undo s) {
    return new Sweep.Undo(name(s.name()), s.step(), expression(s.value()));
  }

  @Override
  public Stmt visitReversing(Sweep.Reversing s) {
    return new Sweep.Reversing(s.forward().accept(this));
  }

  @Override
  public Stmt visitComment(Sweep.Comment s) {
    return s;
  }

  @Override
  public Stmt visitSeed(Sweep.Seed s) {
    return new Sweep.Seed(name(s.name()));
  }

  @Override
  public Stmt visitGradientOut(Sweep.GradientOut s) {
    return new Sweep.GradientOut(s.index(), expression(s.value()));
  }

  @Override
  public Stmt visitPullback(Sweep.Pullback s) {
    return new Sweep.Pullback(s.callee(), expressions(s.args()), expression(s.seed()),
        name(s.partials()), expressions(s.arrayAdjoints()));
  }
}
