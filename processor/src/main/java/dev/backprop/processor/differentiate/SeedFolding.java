package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The value-and-gradient form's backward sweep starts from 1: where the seed's adjoint is only
 * read ({@code double dscore = 1;} and never assigned again), each read is the literal 1 and a
 * product by it drops out, {@code grad[9] = n1}, not {@code n1 * dscore}. A hand-writer does
 * the same, and the method's bytecode stays small enough for the JIT to inline it.
 */
final class SeedFolding {

  private SeedFolding() {}

  static List<Stmt> folded(List<Stmt> backward) {
    if (backward.isEmpty() || !(backward.get(0) instanceof Sweep.Seed seed)) {
      return backward;
    }
    List<Stmt> rest = backward.subList(1, backward.size());
    if (Statements.writes(rest).contains(seed.name())) {
      return backward;
    }
    Substitution one = new Substitution(seed.name());
    return new ArrayList<>(Statements.mapExpressions(rest, e -> e.accept(one)));
  }

  /**
   * An expression with the seed's adjoint replaced by 1.0, and a product or quotient by that 1.0
   * replaced by the other operand where that is a double already (so no arithmetic turns
   * integer).
   */
  private record Substitution(String seed) implements Expr.Visitor<Expr> {

    private static final Expr ONE = new Expr.Literal(Type.DOUBLE, "1.0");

    private List<Expr> children(Expr e) {
      return e.children().stream().map(c -> c.accept(this)).toList();
    }

    private Expr rebuilt(Expr e) {
      return e.children().isEmpty() ? e : e.withChildren(children(e));
    }

    @Override
    public Expr visitRef(Expr.Ref e) {
      return e.name().equals(seed) ? ONE : e;
    }

    @Override
    public Expr visitBinary(Expr.Binary e) {
      Expr left = e.left().accept(this);
      Expr right = e.right().accept(this);
      boolean product = e.op() == BinaryOp.TIMES;
      if (product && left.equals(ONE) && Exprs.decimalInt(right) != null) {
        return new Expr.Literal(Type.DOUBLE, Exprs.decimalInt(right) + ".0"); // 2 * 1.0 is 2.0
      }
      if (product && right.equals(ONE) && Exprs.decimalInt(left) != null) {
        return new Expr.Literal(Type.DOUBLE, Exprs.decimalInt(left) + ".0");
      }
      if (product && left.equals(ONE) && right.type() == Type.DOUBLE) {
        return right;
      }
      if ((product || e.op() == BinaryOp.DIVIDE) && right.equals(ONE)
          && left.type() == Type.DOUBLE) {
        return left;
      }
      if (product && left.equals(Exprs.neg(ONE)) && right.type() == Type.DOUBLE) {
        return Exprs.neg(right);
      }
      return new Expr.Binary(e.op(), left, right, e.type());
    }

    @Override
    public Expr visitUnary(Expr.Unary e) {
      return rebuilt(e);
    }

    @Override
    public Expr visitLiteral(Expr.Literal e) {
      return e;
    }

    @Override
    public Expr visitConstant(Expr.Constant e) {
      return e;
    }

    @Override
    public Expr visitMathCall(Expr.MathCall e) {
      return rebuilt(e);
    }

    @Override
    public Expr visitCall(Expr.Call e) {
      return rebuilt(e);
    }

    @Override
    public Expr visitConditional(Expr.Conditional e) {
      return rebuilt(e);
    }

    @Override
    public Expr visitCast(Expr.Cast e) {
      return rebuilt(e);
    }

    @Override
    public Expr visitIndex(Expr.Index e) {
      return rebuilt(e);
    }

    @Override
    public Expr visitLength(Expr.Length e) {
      return rebuilt(e);
    }

    @Override
    public Expr visitNewArray(Expr.NewArray e) {
      return rebuilt(e);
    }

    @Override
    public Expr visitZerosLike(Expr.ZerosLike e) {
      return rebuilt(e);
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
