package dev.backprop.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Callee;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.GradientMethod;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import java.util.List;

/**
 * Prints the statements of one generated method: the forward and backward sweeps, as the
 * value-and-gradient form ({@code grad[i] = ...}, seeded with 1) or the pullback
 * ({@code grad[i] += ...}, seeded with {@code seed}).
 */
final class StatementWriter implements Stmt.Visitor<Void> {

  private final GradientMethod m;
  private final boolean pullback;
  private final ExprPrinter printer;
  private final ExprPrinter commentPrinter;
  private final CodeBlock.Builder code;

  StatementWriter(GradientMethod m, boolean pullback, String packageName, CodeBlock.Builder code) {
    this.m = m;
    this.pullback = pullback;
    this.printer = new ExprPrinter(packageName, false, m.tapeName());
    this.commentPrinter = new ExprPrinter(packageName, true, m.tapeName());
    this.code = code;
  }

  void write(List<Stmt> statements) {
    statements.forEach(s -> s.accept(this));
  }

  private CodeBlock print(Expr e) {
    return printer.print(e);
  }

  private static String operator(BinaryOp compound) {
    return compound == null ? "=" : compound.symbol() + "=";
  }

  @Override
  public Void visitDeclare(Stmt.Declare d) {
    // a String by its class, which the writer names in full where the package shadows it
    Object type = d.type() == Type.STRING ? ClassName.get("java.lang", "String")
        : d.type().keyword();
    String format = d.type() == Type.STRING ? "$T" : "$L";
    if (d.init() == null) {
      code.addStatement(format + " $N", type, d.name());
    } else {
      code.addStatement(format + " $N = $L", type, d.name(), print(d.init()));
    }
    return null;
  }

  @Override
  public Void visitAssign(Stmt.Assign a) {
    code.addStatement("$N $L $L", a.name(), operator(a.compound()), print(a.value()));
    return null;
  }

  @Override
  public Void visitStore(Stmt.Store store) {
    code.addStatement("$L $L $L", print(store.element()), operator(store.compound()),
        print(store.value()));
    return null;
  }

  @Override
  public Void visitFor(Stmt.For loop) {
    String step = loop.update().compound() == BinaryOp.PLUS ? "++" : "--";
    code.beginControlFlow("for ($L $N = $L; $L; $N$L)", loop.init().type().keyword(),
        loop.counter(), print(loop.init().init()), print(loop.condition()),
        loop.update().name(), step);
    write(loop.body());
    code.endControlFlow();
    return null;
  }

  @Override
  public Void visitWhile(Stmt.While loop) {
    if (loop.bodyFirst()) {
      code.beginControlFlow("do");
      write(loop.body());
      code.endControlFlow("while ($L)", print(loop.condition()));
    } else {
      code.beginControlFlow("while ($L)", print(loop.condition()));
      write(loop.body());
      code.endControlFlow();
    }
    return null;
  }

  @Override
  public Void visitIf(Stmt.If s) {
    ifStatement(s, false);
    return null;
  }

  private void ifStatement(Stmt.If s, boolean elseIf) {
    boolean negate = s.then().isEmpty();
    CodeBlock condition = negate ? printer.printNegated(s.condition()) : print(s.condition());
    if (elseIf) {
      code.nextControlFlow("else if ($L)", condition);
    } else {
      code.beginControlFlow("if ($L)", condition);
    }
    List<Stmt> then = negate ? s.otherwise() : s.then();
    List<Stmt> otherwise = negate ? List.of() : s.otherwise();
    write(then);
    if (otherwise.size() == 1 && otherwise.get(0) instanceof Stmt.If nested) {
      ifStatement(nested, true);
      return;
    }
    if (!otherwise.isEmpty()) {
      code.nextControlFlow("else");
      write(otherwise);
    }
    code.endControlFlow();
  }

  @Override
  public Void visitCount(Sweep.Count s) {
    code.addStatement("$N++", s.counter());
    return null;
  }

  @Override
  public Void visitSave(Sweep.Save s) {
    if (s.onTape()) {
      code.addStatement("$N.push($L)", m.tapeName(), print(s.target()));
    } else {
      code.addStatement("$L $N = $L", s.target().type().keyword(), s.local(), print(s.target()));
    }
    return null;
  }

  @Override
  public Void visitRestore(Sweep.Restore s) {
    if (s.fromTape()) {
      code.addStatement("$L = $N.$L()", print(s.target()), m.tapeName(),
          ExprPrinter.pop(s.target().type()));
    } else {
      code.addStatement("$L = $N", print(s.target()), s.local());
    }
    return null;
  }

  @Override
  public Void visitUndo(Sweep.Undo s) {
    code.addStatement("$N $L= $L", s.name(), s.step().symbol(), print(s.value()));
    return null;
  }

  @Override
  public Void visitReversing(Sweep.Reversing s) {
    code.add("// $L\n", quote(s.forward()));
    return null;
  }

  @Override
  public Void visitComment(Sweep.Comment s) {
    code.add("// $L\n", s.text());
    return null;
  }

  /** A forward statement as the comment above its derivative: {@code q = a * x + c}. */
  private String quote(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.name() + " = " + commentPrinter.print(d.init());
    }
    if (s instanceof Stmt.Store store) {
      return commentPrinter.print(store.element()) + " " + operator(store.compound()) + " "
          + commentPrinter.print(store.value());
    }
    if (s instanceof Stmt.Assign a) {
      return a.name() + " " + operator(a.compound()) + " " + commentPrinter.print(a.value());
    }
    throw new IllegalStateException("no comment for " + s);
  }

  @Override
  public Void visitSeed(Sweep.Seed s) {
    code.addStatement("double $N = $L", s.name(), pullback ? m.seedName() : "1");
    return null;
  }

  @Override
  public Void visitGradientOut(Sweep.GradientOut g) {
    Expr negated = negated(g.value());
    if (!pullback) {
      code.addStatement("$N[$L] = $L", m.gradName(), g.index(), print(g.value()));
    } else if (negated != null) {
      code.addStatement("$N[$L] -= $L", m.gradName(), g.index(), print(negated));
    } else if (!isZero(g.value())) {
      code.addStatement("$N[$L] += $L", m.gradName(), g.index(), print(g.value()));
    }
    return null;
  }

  @Override
  public Void visitPullback(Sweep.Pullback p) {
    Callee callee = p.callee();
    CodeBlock.Builder args = CodeBlock.builder();
    args.add("$L, $L", printer.arguments(p.args()), print(p.seed()));
    if (p.partials() != null) {
      code.addStatement("double[] $N = new double[$L]", p.partials(), callee.gradientSize());
      args.add(", $N", p.partials());
    }
    for (Expr adjoint : p.arrayAdjoints()) {
      args.add(", $L", print(adjoint));
    }
    code.addStatement("$T.$N($L)",
        ExprPrinter.className(callee.pullback().packageName(), callee.pullback().className()),
        callee.pullback().name(), args.build());
    return null;
  }

  @Override
  public Void visitBreak(Stmt.Break s) {
    throw notPrinted(s);
  }

  @Override
  public Void visitContinue(Stmt.Continue s) {
    throw notPrinted(s);
  }

  @Override
  public Void visitReturn(Stmt.Return s) {
    throw notPrinted(s);
  }

  @Override
  public Void visitThrow(Stmt.Throw s) {
    code.addStatement("throw new $T($L)", ExprPrinter.className(s.packageName(), s.exception()),
        s.args().stream().map(this::print).collect(CodeBlock.joining(", ")));
    return null;
  }

  @Override
  public Void visitEffect(Stmt.Effect s) {
    CodeBlock args = s.args().stream().map(this::print).collect(CodeBlock.joining(", "));
    if (s.call() == null && s.args().size() == 1) {
      code.addStatement("assert $L", print(s.args().get(0)));
    } else if (s.call() == null) {
      code.addStatement("assert $L : $L", print(s.args().get(0)), print(s.args().get(1)));
    } else if (s.call().field() == null) {
      code.addStatement("$T.$N($L)",
          ExprPrinter.className(s.call().packageName(), s.call().className()),
          s.call().method(), args);
    } else {
      code.addStatement("$T.$N.$N($L)",
          ExprPrinter.className(s.call().packageName(), s.call().className()),
          s.call().field(), s.call().method(), args);
    }
    return null;
  }

  @Override
  public Void visitUnsupported(Stmt.Unsupported s) {
    throw notPrinted(s);
  }

  private static IllegalStateException notPrinted(Stmt s) {
    return new IllegalStateException("the differentiate stage leaves no " + s);
  }

  /** {@code x} for {@code -x}, {@code x * y} for {@code -x * y}; null when not negated. */
  private static Expr negated(Expr e) {
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return u.operand();
    }
    if (e instanceof Expr.Binary b
        && (b.op() == BinaryOp.TIMES || b.op() == BinaryOp.DIVIDE)) {
      Expr left = negated(b.left());
      return left == null ? null : new Expr.Binary(b.op(), left, b.right(), b.type());
    }
    return null;
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Literal literal
        && (literal.text().equals("0") || literal.text().equals("0.0"));
  }
}
