package dev.backprop.processor.ir;

import java.util.List;

/** The operands of each kind of expression, and rebuilding one with new operands. */
final class ExprParts {

  private ExprParts() {}

  static final Expr.Visitor<List<Expr>> CHILDREN = new Expr.Visitor<>() {
    @Override
    public List<Expr> visitLiteral(Expr.Literal e) {
      return List.of();
    }

    @Override
    public List<Expr> visitRef(Expr.Ref e) {
      return List.of();
    }

    @Override
    public List<Expr> visitConstant(Expr.Constant e) {
      return List.of();
    }

    @Override
    public List<Expr> visitUnary(Expr.Unary e) {
      return List.of(e.operand());
    }

    @Override
    public List<Expr> visitBinary(Expr.Binary e) {
      return List.of(e.left(), e.right());
    }

    @Override
    public List<Expr> visitMathCall(Expr.MathCall e) {
      return e.args();
    }

    @Override
    public List<Expr> visitCall(Expr.Call e) {
      return e.args();
    }

    @Override
    public List<Expr> visitConditional(Expr.Conditional e) {
      return List.of(e.condition(), e.whenTrue(), e.whenFalse());
    }

    @Override
    public List<Expr> visitCast(Expr.Cast e) {
      return List.of(e.operand());
    }

    @Override
    public List<Expr> visitIndex(Expr.Index e) {
      return List.of(e.array(), e.index());
    }

    @Override
    public List<Expr> visitLength(Expr.Length e) {
      return List.of(e.array());
    }

    @Override
    public List<Expr> visitNewArray(Expr.NewArray e) {
      return e.columns() == null ? List.of(e.length()) : List.of(e.length(), e.columns());
    }

    @Override
    public List<Expr> visitZerosLike(Expr.ZerosLike e) {
      return List.of(e.matrix());
    }

    @Override
    public List<Expr> visitPartial(Expr.Partial e) {
      return List.of();
    }

    @Override
    public List<Expr> visitUnsupported(Expr.Unsupported e) {
      return List.of();
    }
  };

  /** The visited expression with {@code children} as its operands. */
  record Rebuild(List<Expr> children) implements Expr.Visitor<Expr> {

    private Expr child(Expr e, int i) {
      if (children.size() != e.children().size()) {
        throw new IllegalArgumentException(
            children.size() + " operands for " + e + ", which has " + e.children().size());
      }
      return children.get(i);
    }

    @Override
    public Expr visitLiteral(Expr.Literal e) {
      return e;
    }

    @Override
    public Expr visitRef(Expr.Ref e) {
      return e;
    }

    @Override
    public Expr visitConstant(Expr.Constant e) {
      return e;
    }

    @Override
    public Expr visitUnary(Expr.Unary e) {
      return new Expr.Unary(e.op(), child(e, 0), e.type());
    }

    @Override
    public Expr visitBinary(Expr.Binary e) {
      return new Expr.Binary(e.op(), child(e, 0), child(e, 1), e.type());
    }

    @Override
    public Expr visitMathCall(Expr.MathCall e) {
      child(e, 0);
      return new Expr.MathCall(e.function(), e.owner(), children, e.type());
    }

    @Override
    public Expr visitCall(Expr.Call e) {
      if (!e.args().isEmpty()) {
        child(e, 0);
      }
      return new Expr.Call(e.callee(), children, e.argumentTexts(), e.type(), e.position());
    }

    @Override
    public Expr visitConditional(Expr.Conditional e) {
      return new Expr.Conditional(child(e, 0), child(e, 1), child(e, 2), e.type());
    }

    @Override
    public Expr visitCast(Expr.Cast e) {
      return new Expr.Cast(e.type(), child(e, 0));
    }

    @Override
    public Expr visitIndex(Expr.Index e) {
      return new Expr.Index(child(e, 0), child(e, 1), e.type());
    }

    @Override
    public Expr visitLength(Expr.Length e) {
      return new Expr.Length(child(e, 0));
    }

    @Override
    public Expr visitNewArray(Expr.NewArray e) {
      return new Expr.NewArray(child(e, 0), e.columns() == null ? null : child(e, 1));
    }

    @Override
    public Expr visitZerosLike(Expr.ZerosLike e) {
      return new Expr.ZerosLike(child(e, 0));
    }

    @Override
    public Expr visitPartial(Expr.Partial e) {
      return e;
    }

    @Override
    public Expr visitUnsupported(Expr.Unsupported e) {
      return e;
    }
  }
}
