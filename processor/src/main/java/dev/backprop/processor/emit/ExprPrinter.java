package dev.backprop.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.backprop.processor.ir.Callee;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.MathFunction;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import java.util.Arrays;
import java.util.List;

/**
 * Prints expressions as Java source with the fewest parentheses that keep Java's meaning:
 * floating-point arithmetic is not associative, so {@code a + (b + c)} keeps its parentheses.
 */
final class ExprPrinter implements Expr.Visitor<Void> {

  private static final int CONDITIONAL = 2;
  private static final int UNARY = 13;
  private static final int PRIMARY = 15;
  /** The package of the runtime's constants, which print through an import. */
  private static final String RUNTIME = "dev.backprop.runtime.";

  private final String packageName;
  private final boolean forComments;
  private final String tape;
  private CodeBlock.Builder out;

  /**
   * @param packageName the generated class's package, whose names print unqualified
   * @param forComments print class names as plain text (comments get no imports)
   * @param tape the local that holds the tape, for arrays taken from its pool
   */
  ExprPrinter(String packageName, boolean forComments, String tape) {
    this.packageName = packageName;
    this.forComments = forComments;
    this.tape = tape;
  }

  CodeBlock print(Expr e) {
    CodeBlock.Builder outer = out;
    out = CodeBlock.builder();
    e.accept(this);
    CodeBlock printed = out.build();
    out = outer;
    return printed;
  }

  /** The condition negated, for an {@code if} whose then-branch is empty. */
  CodeBlock printNegated(Expr condition) {
    return print(new Expr.Unary(UnaryOp.NOT, condition, condition.type()));
  }

  CodeBlock arguments(List<Expr> args) {
    CodeBlock.Builder list = CodeBlock.builder();
    for (int i = 0; i < args.size(); i++) {
      list.add(i == 0 ? "$L" : ", $L", print(args.get(i)));
    }
    return list.build();
  }

  private void child(Expr e, boolean parenthesize) {
    out.add(parenthesize ? "($L)" : "$L", print(e));
  }

  @Override
  public Void visitLiteral(Expr.Literal e) {
    out.add("$L", e.text());
    return null;
  }

  @Override
  public Void visitRef(Expr.Ref e) {
    out.add("$N", e.name());
    return null;
  }

  @Override
  public Void visitConstant(Expr.Constant e) {
    if (e.text().startsWith(RUNTIME)) {
      // the runtime's own constants go through an import, as the runtime's types do
      int dot = e.text().lastIndexOf('.');
      out.add("$T.$L", ClassName.bestGuess(e.text().substring(0, dot)),
          e.text().substring(dot + 1));
      return null;
    }
    String text = shorten(e.text());
    int dot = text.indexOf('.');
    if (!forComments && dot > 0 && GradientClass.JAVA_LANG.contains(text.substring(0, dot))) {
      // through $T, so that a class of the user's package named Math is no trouble
      out.add("$T.$L", ClassName.get("java.lang", text.substring(0, dot)),
          text.substring(dot + 1));
      return null;
    }
    out.add("$L", text);
    return null;
  }

  @Override
  public Void visitUnary(Expr.Unary e) {
    out.add("$L", e.op().symbol());
    Expr operand = e.operand();
    boolean clash = operand instanceof Expr.Unary
        || (operand instanceof Expr.Literal literal && literal.text().startsWith("-"));
    child(operand, precedence(operand) < UNARY || clash);
    return null;
  }

  @Override
  public Void visitBinary(Expr.Binary e) {
    int p = e.op().precedence();
    child(e.left(), precedence(e.left()) < p);
    out.add(" $L ", e.op().symbol());
    child(e.right(), precedence(e.right()) <= p);
    return null;
  }

  @Override
  public Void visitMathCall(Expr.MathCall e) {
    if (forComments) {
      out.add("$L.$L($L)", e.owner(), e.function().javaName(), arguments(e.args()));
    } else {
      ClassName owner = e.function() == MathFunction.STOP_GRADIENT
          ? ClassName.bestGuess(MathFunction.STOP_GRADIENT_CLASS)
          : ClassName.get("java.lang", e.owner());
      out.add("$T.$L($L)", owner, e.function().javaName(), arguments(e.args()));
    }
    return null;
  }

  @Override
  public Void visitCall(Expr.Call e) {
    ClassName owner = className(e.callee().packageName(), e.callee().sourceClass());
    if (forComments) {
      out.add("$L.$L($L)", String.join(".", owner.simpleNames()), e.callee().method(),
          arguments(e.args()));
    } else if (e.callee().forward() != null) { // a private helper's copy
      Callee.PullbackMethod copy = e.callee().forward();
      out.add("$T.$N($L)", className(copy.packageName(), copy.className()), copy.name(),
          arguments(e.args()));
    } else {
      out.add("$T.$N($L)", owner, e.callee().method(), arguments(e.args()));
    }
    return null;
  }

  @Override
  public Void visitConditional(Expr.Conditional e) {
    child(e.condition(), precedence(e.condition()) <= CONDITIONAL);
    out.add(" ? ");
    child(e.whenTrue(), precedence(e.whenTrue()) <= CONDITIONAL);
    out.add(" : ");
    child(e.whenFalse(), precedence(e.whenFalse()) < CONDITIONAL);
    return null;
  }

  @Override
  public Void visitCast(Expr.Cast e) {
    if (e.operand().type() == e.type()) {
      e.operand().accept(this); // a redundant cast would trip -Xlint:cast
    } else {
      out.add("($L) ", e.type().keyword());
      child(e.operand(), precedence(e.operand()) < UNARY);
    }
    return null;
  }

  @Override
  public Void visitIndex(Expr.Index e) {
    child(e.array(), precedence(e.array()) < PRIMARY);
    out.add("[$L]", print(e.index()));
    return null;
  }

  @Override
  public Void visitLength(Expr.Length e) {
    child(e.array(), precedence(e.array()) < PRIMARY);
    out.add(".length");
    return null;
  }

  @Override
  public Void visitNewArray(Expr.NewArray e) {
    // from the tape's pool: zeroed like new double[n], and no allocation once warm
    if (e.columns() == null) {
      out.add("$N.zeros($L)", tape, print(e.length()));
    } else {
      out.add("$N.zeros($L, $L)", tape, print(e.length()), print(e.columns()));
    }
    return null;
  }

  @Override
  public Void visitZerosLike(Expr.ZerosLike e) {
    out.add("$N.zerosLike($L)", tape, print(e.matrix()));
    return null;
  }

  @Override
  public Void visitPartial(Expr.Partial e) {
    out.add("$N[$L]", e.partials(), e.index());
    return null;
  }

  @Override
  public Void visitUnsupported(Expr.Unsupported e) {
    throw new IllegalStateException("cannot print " + e);
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence();
    }
    if (e instanceof Expr.Cast c) {
      return c.operand().type() == c.type() ? precedence(c.operand()) : UNARY;
    }
    if (e instanceof Expr.Unary) {
      return UNARY;
    }
    if (e instanceof Expr.Conditional) {
      return CONDITIONAL;
    }
    if (e instanceof Expr.Literal literal && literal.text().startsWith("-")) {
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

  /** Constants of java.lang and of the generated class's own package print without the package. */
  private String shorten(String constant) {
    if (constant.startsWith("java.lang.") && Character.isUpperCase(constant.charAt(10))) {
      return constant.substring(10);
    }
    String prefix = packageName + ".";
    if (!packageName.isEmpty() && constant.startsWith(prefix)
        && Character.isUpperCase(constant.charAt(prefix.length()))) {
      return constant.substring(prefix.length());
    }
    return constant;
  }

  /** The tape's pop method for a value of {@code type}: {@code popDouble}, {@code popInt}, ... */
  static String pop(Type type) {
    return switch (type) {
      case INT -> "popInt";
      case LONG -> "popLong";
      case BOOLEAN -> "popBoolean";
      case DOUBLE_ARRAY -> "popDoubleArray";
      case DOUBLE -> "popDouble";
      default -> throw new IllegalStateException("the tape keeps no " + type.keyword());
    };
  }
}
