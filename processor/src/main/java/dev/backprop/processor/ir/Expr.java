package dev.backprop.processor.ir;

import java.util.List;

/**
 * An expression of the accepted subset: pure (no side effects), primitive-typed, and already
 * resolved by the compiler (every name is a known local, parameter, constant or method).
 */
public sealed interface Expr {

  /** The expression's Java type (after numeric promotion, as the compiler computed it). */
  Type type();

  /** The operands, in evaluation order (none for names, literals and constants). */
  default List<Expr> children() {
    if (this instanceof Unary) {
      return List.of(((Unary) this).operand());
    } else if (this instanceof Binary) {
      return List.of(((Binary) this).left(), ((Binary) this).right());
    } else if (this instanceof MathCall) {
      return ((MathCall) this).args();
    } else if (this instanceof Call) {
      return ((Call) this).args();
    } else if (this instanceof Conditional) {
      Conditional c = (Conditional) this;
      return List.of(c.condition(), c.whenTrue(), c.whenFalse());
    } else if (this instanceof Cast) {
      return List.of(((Cast) this).operand());
    } else if (this instanceof Index) {
      return List.of(((Index) this).array(), ((Index) this).index());
    } else if (this instanceof Length) {
      return List.of(((Length) this).array());
    } else if (this instanceof NewArray) {
      NewArray n = (NewArray) this;
      return n.columns() == null ? List.of(n.length()) : List.of(n.length(), n.columns());
    } else if (this instanceof ZerosLike) {
      return List.of(((ZerosLike) this).matrix());
    }
    return List.of();
  }

  /** A literal, kept exactly as the user wrote it ({@code 1e-3}, {@code 2}, {@code 0.5}). */
  record Literal(Type type, String text) implements Expr {}

  /** A parameter or local variable, by its (method-unique) name. */
  record Ref(String name, Type type) implements Expr {}

  /** A compile-time or {@code static final} constant, as qualified source text ({@code Math.PI}). */
  record Constant(String text, Type type) implements Expr {}

  /** A prefix operation. */
  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {}

  /** An infix operation with Java's semantics for {@code type} (int division stays int). */
  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {}

  /** A call of {@code owner.function(args)} where owner is {@code Math} or {@code StrictMath}. */
  record MathCall(MathFunction function, String owner, List<Expr> args, Type type) implements Expr {
    public MathCall {
      args = List.copyOf(args);
    }
  }

  /** A call of another {@code @Differentiable} method. */
  record Call(Callee callee, List<Expr> args, List<String> argumentTexts, Type type,
      Position position) implements Expr {
    public Call {
      args = List.copyOf(args);
      argumentTexts = List.copyOf(argumentTexts);
    }
  }

  /** {@code condition ? whenTrue : whenFalse}. */
  record Conditional(Expr condition, Expr whenTrue, Expr whenFalse, Type type) implements Expr {}

  /** {@code (type) operand}. */
  record Cast(Type type, Expr operand) implements Expr {}

  /** {@code array[index]}. */
  record Index(Expr array, Expr index, Type type) implements Expr {}

  /** {@code array.length}. */
  record Length(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /** {@code new double[length]}, or {@code new double[length][columns]} when columns is set. */
  record NewArray(Expr length, Expr columns) implements Expr {

    /** {@code new double[length]}. */
    public NewArray(Expr length) {
      this(length, null);
    }

    @Override
    public Type type() {
      return columns == null ? Type.DOUBLE_ARRAY : Type.DOUBLE_MATRIX;
    }
  }

  /** A zeroed {@code double[][]} of the same shape as {@code matrix}: a local matrix's adjoint. */
  record ZerosLike(Expr matrix) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE_MATRIX;
    }
  }

  /** The value the forward sweep saved last on the tape (backward sweep only). */
  record Pop(Type type) implements Expr {}

  /** {@code array[index]} of a scratch array the backward sweep filled (a callee's partials). */
  record Element(String array, int index) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }

  /** Something the read stage saw but the processor does not accept; the check stage reports it. */
  record Unsupported(Construct construct, String detail, Position position) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }
}
