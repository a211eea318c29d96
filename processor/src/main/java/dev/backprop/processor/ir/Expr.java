package dev.backprop.processor.ir;

import java.util.List;

/**
 * An expression of the accepted subset: pure (no side effects), primitive-typed, and already
 * resolved by the compiler (every name is a known local, parameter, constant or method).
 *
 * <p>Passes that treat kinds differently implement {@link Visitor}, so adding a kind fails to
 * compile until each of them handles it; {@link #children()} and {@link #withChildren} are
 * built on a visitor too.
 */
public sealed interface Expr {

  /** The expression's Java type (after numeric promotion, as the compiler computed it). */
  Type type();

  /** Calls the visitor's method for this kind of expression. */
  <R> R accept(Visitor<R> visitor);

  /** The operands, in evaluation order (none for names, literals and constants). */
  default List<Expr> children() {
    return accept(ExprParts.CHILDREN);
  }

  /** This expression with its operands replaced: as many as {@link #children()}, in order. */
  default Expr withChildren(List<Expr> children) {
    return accept(new ExprParts.Rebuild(children));
  }

  /** One method per kind of expression. */
  interface Visitor<R> {
    R visitLiteral(Literal e);

    R visitRef(Ref e);

    R visitConstant(Constant e);

    R visitUnary(Unary e);

    R visitBinary(Binary e);

    R visitMathCall(MathCall e);

    R visitCall(Call e);

    R visitConditional(Conditional e);

    R visitCast(Cast e);

    R visitIndex(Index e);

    R visitLength(Length e);

    R visitNewArray(NewArray e);

    R visitZerosLike(ZerosLike e);

    R visitPartial(Partial e);

    R visitUnsupported(Unsupported e);
  }

  /** A literal, kept exactly as the user wrote it ({@code 1e-3}, {@code 2}, {@code 0.5}). */
  record Literal(Type type, String text) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitLiteral(this);
    }
  }

  /** A parameter or local variable, by its (method-unique) name. */
  record Ref(String name, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitRef(this);
    }
  }

  /**
   * A compile-time or {@code static final} constant, as qualified source text ({@code Math.PI}).
   */
  record Constant(String text, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitConstant(this);
    }
  }

  /** A prefix operation. */
  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitUnary(this);
    }
  }

  /** An infix operation with Java's semantics for {@code type} (int division stays int). */
  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitBinary(this);
    }
  }

  /** A call of {@code owner.function(args)} where owner is {@code Math} or {@code StrictMath}. */
  record MathCall(MathFunction function, String owner, List<Expr> args, Type type) implements Expr {
    public MathCall {
      args = List.copyOf(args);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitMathCall(this);
    }
  }

  /**
   * A call of another {@code @Differentiable} method.
   *
   * @param argumentTexts each argument as the user wrote it, for messages
   */
  record Call(Callee callee, List<Expr> args, List<String> argumentTexts, Type type,
      Position position) implements Expr {
    public Call {
      args = List.copyOf(args);
      argumentTexts = List.copyOf(argumentTexts);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitCall(this);
    }
  }

  /** {@code condition ? whenTrue : whenFalse}. */
  record Conditional(Expr condition, Expr whenTrue, Expr whenFalse, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitConditional(this);
    }
  }

  /** {@code (type) operand}. */
  record Cast(Type type, Expr operand) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitCast(this);
    }
  }

  /** {@code array[index]}. */
  record Index(Expr array, Expr index, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitIndex(this);
    }
  }

  /** {@code array.length}. */
  record Length(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitLength(this);
    }
  }

  /**
   * A zeroed {@code new double[length]}, or {@code new double[length][columns]} when columns is
   * not null; generated code takes it from the tape's pool.
   */
  record NewArray(Expr length, Expr columns) implements Expr {

    /** {@code new double[length]}. */
    public NewArray(Expr length) {
      this(length, null);
    }

    @Override
    public Type type() {
      return columns == null ? Type.DOUBLE_ARRAY : Type.DOUBLE_MATRIX;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitNewArray(this);
    }
  }

  /** A zeroed {@code double[][]} of the same shape as {@code matrix}: a local matrix's adjoint. */
  record ZerosLike(Expr matrix) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE_MATRIX;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitZerosLike(this);
    }
  }

  /**
   * {@code partials[index]}: a callee's partial derivative, from the array its pullback filled
   * (backward sweep only).
   */
  record Partial(String partials, int index) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitPartial(this);
    }
  }

  /** Something the read stage saw but the processor does not accept; the check stage reports it. */
  record Unsupported(Construct construct, String detail, Position position) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitUnsupported(this);
    }
  }
}
