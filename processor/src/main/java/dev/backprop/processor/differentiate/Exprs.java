package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Small constructors that build derivative expressions already simplified (no {@code * 1},
 * no {@code + 0}, no {@code - -x}), and traversals over expressions.
 */
final class Exprs {

  static final Expr ZERO = new Expr.Literal(Type.INT, "0");
  static final Expr ONE = new Expr.Literal(Type.INT, "1");

  private Exprs() {}

  static Expr lit(int value) {
    return new Expr.Literal(Type.INT, Integer.toString(value));
  }

  static boolean isLiteral(Expr e, String text) {
    return e instanceof Expr.Literal && ((Expr.Literal) e).text().equals(text);
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
    if (a instanceof Expr.Unary && ((Expr.Unary) a).op() == UnaryOp.NEGATE) {
      return ((Expr.Unary) a).operand();
    }
    if (a instanceof Expr.Binary && a.type() == Type.DOUBLE
        && (((Expr.Binary) a).op() == BinaryOp.TIMES || ((Expr.Binary) a).op() == BinaryOp.DIVIDE)
        && ((Expr.Binary) a).left().type() == Type.DOUBLE) {
      Expr.Binary b = (Expr.Binary) a;
      return new Expr.Binary(b.op(), neg(b.left()), b.right(), b.type());
    }
    return new Expr.Unary(UnaryOp.NEGATE, a, a.type());
  }

  /** The positive form of {@code e} when {@code e} is a negation ({@code -x}, {@code -x * y}), else null. */
  static Expr positive(Expr e) {
    if (e instanceof Expr.Unary && ((Expr.Unary) e).op() == UnaryOp.NEGATE) {
      return ((Expr.Unary) e).operand();
    }
    if (e instanceof Expr.Binary && e.type() == Type.DOUBLE
        && (((Expr.Binary) e).op() == BinaryOp.TIMES || ((Expr.Binary) e).op() == BinaryOp.DIVIDE)) {
      Expr.Binary b = (Expr.Binary) e;
      Expr left = positive(b.left());
      return left == null ? null : new Expr.Binary(b.op(), left, b.right(), b.type());
    }
    return null;
  }

  static Expr math(String function, Expr... args) {
    var f = dev.backprop.processor.ir.MathFunction.of(function, args.length).orElseThrow();
    return new Expr.MathCall(f, "Math", List.of(args), Type.DOUBLE);
  }

  static Expr compare(BinaryOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b, Type.BOOLEAN);
  }

  /** {@code c ? a : b}, written so the non-zero branch comes first: {@code x > 0 ? g : 0}. */
  static Expr choose(Expr condition, Expr whenTrue, Expr whenFalse) {
    if (isZero(whenTrue) && !isZero(whenFalse) && condition instanceof Expr.Binary) {
      Expr.Binary c = (Expr.Binary) condition;
      BinaryOp negated = negation(c.op());
      if (negated != null) {
        return choose(compare(negated, c.left(), c.right()), whenFalse, whenTrue);
      }
    }
    if (condition instanceof Expr.Binary) {
      Expr.Binary c = (Expr.Binary) condition;
      BinaryOp mirrored = mirror(c.op());
      if (mirrored != null && !(c.left() instanceof Expr.Ref) && c.right() instanceof Expr.Ref) {
        condition = compare(mirrored, c.right(), c.left()); // 0 < s reads better as s > 0
      }
    }
    return new Expr.Conditional(condition, whenTrue, whenFalse, Type.DOUBLE);
  }

  private static BinaryOp negation(BinaryOp op) {
    switch (op) {
      case LESS: return BinaryOp.GREATER_EQUAL;
      case LESS_EQUAL: return BinaryOp.GREATER;
      case GREATER: return BinaryOp.LESS_EQUAL;
      case GREATER_EQUAL: return BinaryOp.LESS;
      default: return null;
    }
  }

  private static BinaryOp mirror(BinaryOp op) {
    switch (op) {
      case LESS: return BinaryOp.GREATER;
      case LESS_EQUAL: return BinaryOp.GREATER_EQUAL;
      case GREATER: return BinaryOp.LESS;
      case GREATER_EQUAL: return BinaryOp.LESS_EQUAL;
      default: return null;
    }
  }

  /** Visits {@code e} and every sub-expression, parents first. */
  static void forEach(Expr e, Consumer<Expr> visitor) {
    visitor.accept(e);
    for (Expr child : children(e)) {
      forEach(child, visitor);
    }
  }

  static List<Expr> children(Expr e) {
    return e.children();
  }


  /** Adds the names of every local or parameter {@code e} reads. */
  static void refs(Expr e, Set<String> names) {
    forEach(e, x -> {
      if (x instanceof Expr.Ref) {
        names.add(((Expr.Ref) x).name());
      }
    });
  }

  static boolean containsCall(Expr e) {
    boolean[] found = {false};
    forEach(e, x -> found[0] |= x instanceof Expr.Call || x instanceof Expr.MathCall);
    return found[0];
  }

  /**
   * The variable an array expression reads: {@code a} for {@code a} and for the row {@code a[i]}
   * (null for anything else).
   */
  static String arrayName(Expr e) {
    if (e instanceof Expr.Index && ((Expr.Index) e).type() != Type.DOUBLE) {
      e = ((Expr.Index) e).array();
    }
    return e instanceof Expr.Ref ? ((Expr.Ref) e).name() : null;
  }

  /**
   * Whether a value can be read again for free: a name, a literal, a constant, or an array
   * element at an index computed without calls (the backward sweep restores both).
   */
  static boolean isAtom(Expr e) {
    if (e instanceof Expr.Index) {
      Expr.Index index = (Expr.Index) e;
      return isAtom(index.array()) && !containsCall(index.index());
    }
    return e instanceof Expr.Ref || e instanceof Expr.Literal || e instanceof Expr.Constant
        || e instanceof Expr.Element || e instanceof Expr.Length;
  }
}
