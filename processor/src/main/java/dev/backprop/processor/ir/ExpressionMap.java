package dev.backprop.processor.ir;

import java.util.List;
import java.util.function.UnaryOperator;

/** Rebuilds the visited statement with {@code f} applied to its expressions, at any depth. */
record ExpressionMap(UnaryOperator<Expr> f) implements Stmt.Visitor<Stmt> {
  private Expr map(Expr e) {
    return e == null ? null : f.apply(e);
  }

  private List<Stmt> map(List<Stmt> body) {
    return body.stream().map(s -> s.accept(this)).toList();
  }

  @Override
  public Stmt visitDeclare(Stmt.Declare s) {
    return new Stmt.Declare(s.name(), s.type(), map(s.init()), s.position());
  }

  @Override
  public Stmt visitAssign(Stmt.Assign s) {
    return new Stmt.Assign(s.name(), s.compound(), map(s.value()), s.position());
  }

  @Override
  public Stmt visitStore(Stmt.Store s) {
    return new Stmt.Store(s.array(), map(s.row()), map(s.index()), s.compound(),
        map(s.value()), s.position());
  }

  @Override
  public Stmt visitFor(Stmt.For s) {
    return new Stmt.For((Stmt.Declare) s.init().accept(this), map(s.condition()),
        (Stmt.Assign) s.update().accept(this), map(s.body()), s.position());
  }

  @Override
  public Stmt visitWhile(Stmt.While s) {
    return new Stmt.While(map(s.condition()), map(s.body()), s.bodyFirst(), s.counter(),
        s.position());
  }

  @Override
  public Stmt visitIf(Stmt.If s) {
    return new Stmt.If(map(s.condition()), map(s.then()), map(s.otherwise()), s.position());
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
    return new Stmt.Return(map(s.value()), s.position());
  }

  @Override
  public Stmt visitThrow(Stmt.Throw s) {
    return new Stmt.Throw(s.packageName(), s.exception(),
        s.args().stream().map(this::map).toList(), s.position());
  }

  @Override
  public Stmt visitEffect(Stmt.Effect s) {
    return new Stmt.Effect(s.call(), s.args().stream().map(this::map).toList(), s.position());
  }

  @Override
  public Stmt visitUnsupported(Stmt.Unsupported s) {
    return s;
  }

  @Override
  public Stmt visitCount(Sweep.Count s) {
    return s;
  }

  @Override
  public Stmt visitSave(Sweep.Save s) {
    return new Sweep.Save(map(s.target()), s.local(), s.id());
  }

  @Override
  public Stmt visitRestore(Sweep.Restore s) {
    return new Sweep.Restore(map(s.target()), s.local(), s.id());
  }

  @Override
  public Stmt visitUndo(Sweep.Undo s) {
    return new Sweep.Undo(s.name(), s.step(), map(s.value()));
  }

  @Override
  public Stmt visitReversing(Sweep.Reversing s) {
    return s;
  }

  @Override
  public Stmt visitComment(Sweep.Comment s) {
    return s;
  }

  @Override
  public Stmt visitSeed(Sweep.Seed s) {
    return s;
  }

  @Override
  public Stmt visitGradientOut(Sweep.GradientOut s) {
    return new Sweep.GradientOut(s.index(), map(s.value()));
  }

  @Override
  public Stmt visitPullback(Sweep.Pullback s) {
    return new Sweep.Pullback(s.callee(), s.args().stream().map(this::map).toList(),
        map(s.seed()), s.partials(), s.arrayAdjoints().stream().map(this::map).toList());
  }
}
