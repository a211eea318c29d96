package dev.backprop.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.UnaryOp;
import java.util.Arrays;
import java.util.List;

/**
 * Prints expressions as Java source with the fewest parentheses that keep Java's meaning:
 * floating-point arithmetic is not associative, so {@code a + (b + c)} keeps its parentheses.
 */
final class ExprPrinter {

  private static final int CONDITIONAL = 2;
  private static final int UNARY = 13;
  private static final int PRIMARY = 15;

  private final String packageName;
  private final boolean forComments;
  private String tape = "tape";

  /** Names the local that holds the tape, for {@code new double[n]} and pops. */
  ExprPrinter withTape(String name) {
    this.tape = name;
    return this;
  }

  /**
   * @param packageName the generated class's package, whose names print unqualified
   * @param forComments print class names as plain text (comments get no imports)
   */
  ExprPrinter(String packageName, boolean forComments) {
    this.packageName = packageName;
    this.forComments = forComments;
  }

  CodeBlock print(Expr e) {
    CodeBlock.Builder out = CodeBlock.builder();
    print(e, out);
    return out.build();
  }

  private void print(Expr e, CodeBlock.Builder out) {
    if (e instanceof Expr.Literal) {
      out.add("$L", ((Expr.Literal) e).text());
    } else if (e instanceof Expr.Ref) {
      out.add("$N", ((Expr.Ref) e).name());
    } else if (e instanceof Expr.Constant) {
      out.add("$L", shorten(((Expr.Constant) e).text()));
    } else if (e instanceof Expr.Index) {
      Expr.Index index = (Expr.Index) e;
      child(index.array(), precedence(index.array()) < PRIMARY, out);
      out.add("[");
      print(index.index(), out);
      out.add("]");
    } else if (e instanceof Expr.Length) {
      Expr array = ((Expr.Length) e).array();
      child(array, precedence(array) < PRIMARY, out);
      out.add(".length");
    } else if (e instanceof Expr.NewArray) {
      // from the tape's pool: zeroed like new double[n], and no allocation once warm
      Expr.NewArray array = (Expr.NewArray) e;
      out.add("$N.zeros(", tape);
      print(array.length(), out);
      if (array.columns() != null) {
        out.add(", ");
        print(array.columns(), out);
      }
      out.add(")");
    } else if (e instanceof Expr.ZerosLike) {
      out.add("$N.zerosLike(", tape);
      print(((Expr.ZerosLike) e).matrix(), out);
      out.add(")");
    } else if (e instanceof Expr.Pop) {
      Expr.Pop pop = (Expr.Pop) e;
      String kind = pop.type() == dev.backprop.processor.ir.Type.INT ? "Int"
          : pop.type() == dev.backprop.processor.ir.Type.LONG ? "Long"
          : pop.type() == dev.backprop.processor.ir.Type.BOOLEAN ? "Boolean"
          : pop.type() == dev.backprop.processor.ir.Type.DOUBLE_ARRAY ? "DoubleArray" : "Double";
      out.add("$N.pop$L()", tape, kind);
    } else if (e instanceof Expr.Element) {
      out.add("$N[$L]", ((Expr.Element) e).array(), ((Expr.Element) e).index());
    } else if (e instanceof Expr.Unary) {
      Expr.Unary u = (Expr.Unary) e;
      out.add("$L", u.op().symbol());
      Expr operand = u.operand();
      boolean clash = operand instanceof Expr.Unary
          || (operand instanceof Expr.Literal && ((Expr.Literal) operand).text().startsWith("-"));
      child(operand, precedence(operand) < UNARY || clash, out);
    } else if (e instanceof Expr.Cast) {
      Expr.Cast c = (Expr.Cast) e;
      if (c.operand().type() == c.type()) {
        print(c.operand(), out); // a redundant cast would trip -Xlint:cast
      } else {
        out.add("($L) ", c.type().keyword());
        child(c.operand(), precedence(c.operand()) < UNARY, out);
      }
    } else if (e instanceof Expr.Binary) {
      Expr.Binary b = (Expr.Binary) e;
      int p = b.op().precedence();
      child(b.left(), precedence(b.left()) < p, out);
      out.add(" $L ", b.op().symbol());
      child(b.right(), precedence(b.right()) <= p, out);
    } else if (e instanceof Expr.Conditional) {
      Expr.Conditional c = (Expr.Conditional) e;
      child(c.condition(), precedence(c.condition()) <= CONDITIONAL, out);
      out.add(" ? ");
      child(c.whenTrue(), precedence(c.whenTrue()) <= CONDITIONAL, out);
      out.add(" : ");
      child(c.whenFalse(), precedence(c.whenFalse()) < CONDITIONAL, out);
    } else if (e instanceof Expr.MathCall) {
      Expr.MathCall m = (Expr.MathCall) e;
      out.add("$L.$L(", m.owner(), m.function().javaName());
      arguments(m.args(), out);
      out.add(")");
    } else if (e instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) e;
      ClassName owner = className(c.callee().packageName(), c.callee().sourceClass());
      if (forComments) {
        out.add("$L.$L(", String.join(".", owner.simpleNames()), c.callee().method());
      } else {
        out.add("$T.$N(", owner, c.callee().method());
      }
      arguments(c.args(), out);
      out.add(")");
    } else {
      throw new IllegalArgumentException("cannot print " + e);
    }
  }

  void arguments(List<Expr> args, CodeBlock.Builder out) {
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        out.add(", ");
      }
      print(args.get(i), out);
    }
  }

  private void child(Expr e, boolean parenthesize, CodeBlock.Builder out) {
    if (parenthesize) {
      out.add("(");
      print(e, out);
      out.add(")");
    } else {
      print(e, out);
    }
  }

  /** The condition negated, for an {@code if} whose then-branch is empty. */
  CodeBlock printNegated(Expr condition) {
    return print(new Expr.Unary(UnaryOp.NOT, condition, condition.type()));
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary) {
      return ((Expr.Binary) e).op().precedence();
    }
    if (e instanceof Expr.Cast) {
      Expr.Cast c = (Expr.Cast) e;
      return c.operand().type() == c.type() ? precedence(c.operand()) : UNARY;
    }
    if (e instanceof Expr.Unary) {
      return UNARY;
    }
    if (e instanceof Expr.Conditional) {
      return CONDITIONAL;
    }
    if (e instanceof Expr.Literal && ((Expr.Literal) e).text().startsWith("-")) {
      return UNARY;
    }
    return PRIMARY;
  }

  /** {@code p.Outer.Inner} in package {@code p} as a JavaPoet class name. */
  static ClassName className(String packageName, String canonicalName) {
    String nested = packageName.isEmpty()
        ? canonicalName
        : canonicalName.substring(packageName.length() + 1);
    String[] names = nested.split("\\.");
    return ClassName.get(packageName, names[0], Arrays.copyOfRange(names, 1, names.length));
  }

  /** Constants of the generated class's own package print without the package. */
  private String shorten(String constant) {
    String prefix = packageName + ".";
    if (!packageName.isEmpty() && constant.startsWith(prefix)
        && Character.isUpperCase(constant.charAt(prefix.length()))) {
      return constant.substring(prefix.length());
    }
    return constant;
  }
}
