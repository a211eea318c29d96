package dev.backprop.processor.differentiate;

import dev.backprop.processor.analysis.Activity;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.MathFunction;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import java.util.List;

/**
 * Small constructors that build derivative expressions already simplified (no {@code * 1},
 * no {@code + 0}, no {@code - -x}).
 */
final class Exprs {

  static final Expr ZERO = new Expr.Literal(Type.INT, "0");
  static final Expr ONE = new Expr.Literal(Type.INT, "1");
  static final Expr TRUE = new Expr.Literal(Type.BOOLEAN, "true");
  static final Expr FALSE = new Expr.Literal(Type.BOOLEAN, "false");

  private Exprs() {}

  static Expr lit(int value) {
    return new Expr.Literal(Type.INT, Integer.toString(value));
  }

  static Expr.Ref ref(String name, Type type) {
    return new Expr.Ref(name, type);
  }

  static Expr.Ref scalar(String name) {
    return new Expr.Ref(name, Type.DOUBLE);
  }

  static boolean isLiteral(Expr e, String text) {
    return e instanceof Expr.Literal literal && literal.text().equals(text);
  }

  /**
   * The value of an int literal written in decimal ({@code 0}, {@code 12}, {@code 1_000}), or
   * null: octal ({@code 010} is 8), hexadecimal and binary are not read.
   */
  static Integer decimalInt(Expr e) {
    if (!(e instanceof Expr.Literal literal) || literal.type() != Type.INT) {
      return null;
    }
    String text = literal.text().replace("_", "");
    try {
      return text.matches("0|[1-9][0-9]*") ? Integer.valueOf(text) : null;
    } catch (NumberFormatException tooLarge) {
      return null;
    }
  }

  static boolean isZero(Expr e) {
    return isLiteral(e, "0") || isLiteral(e, "0.0");
  }

  static boolean isOne(Expr e) {
    return isLiteral(e, "1") || isLiteral(e, "1.0");
  }

  static Type promote(Expr a, Expr b) {
    if (a.type() == Type.DOUBLE || b.type() == Type.DOUBLE) {
      return Type.DOUBLE;
    }
    return a.type() == Type.LONG || b.type() == Type.LONG ? Type.LONG : Type.INT;
  }

  static Expr times(Expr a, Expr b) {
    if (isOne(a)) {
      return b;
    }
    if (isOne(b)) {
      return a;
    }
    if (positive(a) != null) {
      return neg(times(positive(a), b));
    }
    if (positive(b) != null) {
      return neg(times(a, positive(b)));
    }
    return new Expr.Binary(BinaryOp.TIMES, a, b, promote(a, b));
  }

  static Expr div(Expr a, Expr b) {
    if (isOne(b)) {
      return a;
    }
    if (positive(a) != null) {
      return neg(div(positive(a), b));
    }
    return new Expr.Binary(BinaryOp.DIVIDE, a, b, promote(a, b));
  }

  static Expr plus(Expr a, Expr b) {
    if (isZero(a)) {
      return b;
    }
    if (isZero(b)) {
      return a;
    }
    if (positive(b) != null) {
      return minus(a, positive(b));
    }
    return new Expr.Binary(BinaryOp.PLUS, a, b, promote(a, b));
  }

  static Expr minus(Expr a, Expr b) {
    if (isZero(b)) {
      return a;
    }
    return new Expr.Binary(BinaryOp.MINUS, a, b, promote(a, b));
  }

  /** {@code -a}; a product or quotient takes the sign on its left factor (exact in IEEE). */
  static Expr neg(Expr a) {
    if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return u.operand();
    }
    if (a instanceof Expr.Binary b && isProduct(b) && b.left().type() == Type.DOUBLE) {
      return new Expr.Binary(b.op(), neg(b.left()), b.right(), b.type());
    }
    return new Expr.Unary(UnaryOp.NEGATE, a, a.type());
  }

  /**
   * The positive form of {@code e} when {@code e} is a negation ({@code -x}, {@code -x * y}), else
   * null. An integer's negation stays: {@code -k} overflows at {@code Integer.MIN_VALUE}, so
   * {@code -k * g} is not {@code -(k * g)}.
   */
  static Expr positive(Expr e) {
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && u.type() == Type.DOUBLE) {
      return u.operand();
    }
    if (e instanceof Expr.Binary b && isProduct(b)) {
      Expr left = positive(b.left());
      return left == null ? null : new Expr.Binary(b.op(), left, b.right(), b.type());
    }
    return null;
  }

  private static boolean isProduct(Expr.Binary b) {
    return b.type() == Type.DOUBLE && (b.op() == BinaryOp.TIMES || b.op() == BinaryOp.DIVIDE);
  }

  static Expr not(Expr condition) {
    return new Expr.Unary(UnaryOp.NOT, condition, Type.BOOLEAN);
  }

  static Expr math(MathFunction function, Expr... args) {
    return new Expr.MathCall(function, "Math", List.of(args), Type.DOUBLE);
  }

  static Expr compare(BinaryOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b, Type.BOOLEAN);
  }

  /** {@code c ? a : b}, written so the non-zero branch comes first: {@code x > 0 ? g : 0}. */
  static Expr choose(Expr condition, Expr whenTrue, Expr whenFalse) {
    if (isZero(whenTrue) && !isZero(whenFalse) && condition instanceof Expr.Binary c) {
      BinaryOp negated = negation(c.op());
      if (negated != null) {
        return choose(compare(negated, c.left(), c.right()), whenFalse, whenTrue);
      }
    }
    if (condition instanceof Expr.Binary c) {
      BinaryOp mirrored = mirror(c.op());
      if (mirrored != null && !(c.left() instanceof Expr.Ref) && c.right() instanceof Expr.Ref) {
        condition = compare(mirrored, c.right(), c.left()); // 0 < s reads better as s > 0
      }
    }
    return new Expr.Conditional(condition, whenTrue, whenFalse, Type.DOUBLE);
  }

  private static BinaryOp negation(BinaryOp op) {
    return switch (op) {
      case LESS -> BinaryOp.GREATER_EQUAL;
      case LESS_EQUAL -> BinaryOp.GREATER;
      case GREATER -> BinaryOp.LESS_EQUAL;
      case GREATER_EQUAL -> BinaryOp.LESS;
      default -> null;
    };
  }

  private static BinaryOp mirror(BinaryOp op) {
    return switch (op) {
      case LESS -> BinaryOp.GREATER;
      case LESS_EQUAL -> BinaryOp.GREATER_EQUAL;
      case GREATER -> BinaryOp.LESS;
      case GREATER_EQUAL -> BinaryOp.LESS_EQUAL;
      default -> null;
    };
  }

  /**
   * Whether a value can be read again for free: a name, a literal, a constant, or an array
   * element at an index computed without calls (the backward sweep restores both).
   */
  static boolean isAtom(Expr e) {
    if (e instanceof Expr.Index index) {
      return isAtom(index.array()) && !Expressions.containsCall(index.index());
    }
    return e instanceof Expr.Ref || e instanceof Expr.Literal || e instanceof Expr.Constant
        || e instanceof Expr.Partial || e instanceof Expr.Length;
  }

  /** {@code 2 * e}, as {@code 2 * x * dz} rather than {@code 2 * (x * dz)}: doubling is exact. */
  static Expr doubled(Expr e) {
    if (e instanceof Expr.Binary b && b.op() == BinaryOp.TIMES) {
      return times(doubled(b.left()), b.right());
    }
    return times(lit(2), e);
  }

  /** Whether {@code e} contains a conditional expression. */
  static boolean containsConditional(Expr e) {
    return Expressions.any(e, x -> x instanceof Expr.Conditional);
  }

  /**
   * How many active atoms the gradient flowing into {@code e} reaches: more than one, and an
   * adjoint that is not a name yet, and it is worth naming once.
   */
  static int activeLeaves(Expr e, Activity activity) {
    if (!activity.isActive(e)) {
      return 0;
    }
    if (isAtom(e)) {
      return 1;
    }
    int n = 0;
    for (Expr child : e.children()) {
      n += activeLeaves(child, activity);
    }
    return n;
  }
}
