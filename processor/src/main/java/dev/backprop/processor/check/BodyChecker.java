package dev.backprop.processor.check;

import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Position;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a method body statement by statement: unsupported constructs the read stage marked,
 * arrays written or created where they may not be, private callees. A for loop's init and update
 * are checked like any statement in its body.
 */
final class BodyChecker implements Stmt.Visitor<Void> {

  private final Errors errors;
  /** Every array variable seen so far: parameters and locals. */
  private final Set<String> arrays = new HashSet<>();
  /** Local arrays created here with {@code new}: the only ones whose elements may be written. */
  private final Set<String> writable = new HashSet<>();
  /** How many loops and ifs enclose the statement being checked. */
  private int depth;
  /** Whether the method was found nested too deep: said once. */
  private boolean tooDeep;
  /** Unsupported types already reported (in the signature, or at an earlier use): said once. */
  private final Set<String> reportedTypes;
  /** Other causes already reported, as construct and detail: said once. */
  private final Set<String> reported = new HashSet<>();

  /** Constructs whose detail names their cause (a method, a field): reported at the first use. */
  private static final Set<Construct> ONCE = EnumSet.of(Construct.LIBRARY_CALL,
      Construct.NON_DIFFERENTIABLE_CALL, Construct.INSTANCE_CALL, Construct.UNKNOWN_MATH_FUNCTION,
      Construct.RANDOM_NUMBER, Construct.MUTABLE_FIELD, Construct.PRIVATE_FIELD,
      Construct.INSTANCE_MEMBER, Construct.PULLBACK_TWICE);

  /**
   * The deepest nesting of loops and ifs (an else-if counts) differentiated: javac's parser
   * recurses into each level, and the gradient class, parsed deeper in javac's stack than the
   * user's source, overflows it from about 400 levels where the source compiled.
   */
  static final int MAX_NESTING = 256;

  private BodyChecker(Errors errors, Set<String> reportedTypes) {
    this.errors = errors;
    this.reportedTypes = new HashSet<>(reportedTypes);
  }

  /**
   * Checks {@code method}'s body; a use of a type in {@code reportedTypes} (reported at the
   * signature) adds no error.
   */
  static void check(Method method, Errors errors, Set<String> reportedTypes) {
    BodyChecker checker = new BodyChecker(errors, reportedTypes);
    for (Method.Parameter p : method.parameters()) {
      if (p.type() != null && p.type().isArray()) {
        // parameters' elements can be read, the variables not assigned
        checker.arrays.add(p.name());
      }
    }
    checker.statements(method.body());
  }

  private void statements(List<Stmt> body) {
    body.forEach(s -> s.accept(this));
  }

  private void nested(List<Stmt> body, Position at) {
    deeper(at);
    statements(body);
    depth--;
  }

  private void deeper(Position at) {
    depth++;
    if (depth > MAX_NESTING && !tooDeep) {
      tooDeep = true;
      errors.report(at, Message.NESTING, MAX_NESTING);
    }
  }

  private void expression(Expr e) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Unsupported u) {
      unsupported(u.construct(), u.detail(), u.position());
      return;
    }
    if (e instanceof Expr.Call call && !call.callee().accessible()) {
      boolean again = !reported.add("hidden " + call.callee().hidden());
      errors.report(again ? null : call.position(), Message.PRIVATE_CALLEE,
          call.callee().hidden());
    }
    e.children().forEach(this::expression);
  }

  private void unsupported(Construct construct, String detail, Position position) {
    // one cause, one error, at the first use: float in four places, a helper called thrice
    boolean again = construct == Construct.UNSUPPORTED_TYPE ? !reportedTypes.add(detail)
        : ONCE.contains(construct) && !reported.add(construct + " " + detail);
    errors.report(again ? null : position, Message.valueOf(construct.name()), detail);
  }

  /** The local matrix {@code e} is a row of ({@code m[i]}, m created here), or null. */
  private String rowOfLocalMatrix(Expr e) {
    if (e instanceof Expr.Index index && index.array() instanceof Expr.Ref array
        && writable.contains(array.name()) && e.type() == Type.DOUBLE_ARRAY) {
      return array.name();
    }
    return null;
  }

  @Override
  public Void visitDeclare(Stmt.Declare d) {
    if (d.type() == Type.DOUBLE_ARRAY || d.type() == Type.DOUBLE_MATRIX) {
      if (d.init() instanceof Expr.NewArray) {
        if (depth > 0) {
          errors.report(d.position(), Message.ARRAY_LOCAL, "move it to the top of the method");
        }
        writable.add(d.name());
      }
      String matrix = rowOfLocalMatrix(d.init());
      if (matrix != null) {
        // its reads would carry no gradient back to the matrix
        errors.report(d.position(), Message.ROW_ALIAS, d.name(), matrix, matrix);
      }
      arrays.add(d.name());
    }
    expression(d.init());
    return null;
  }

  @Override
  public Void visitAssign(Stmt.Assign a) {
    if (arrays.contains(a.name())) {
      errors.report(a.position(), Message.ARRAY_LOCAL,
          "assign its elements, not the array variable");
    }
    expression(a.value());
    return null;
  }

  @Override
  public Void visitStore(Stmt.Store store) {
    if (!writable.contains(store.array())) {
      errors.report(store.position(), Message.ARRAY_WRITE, store.array());
    }
    expression(store.row());
    expression(store.index());
    expression(store.value());
    return null;
  }

  @Override
  public Void visitFor(Stmt.For loop) {
    deeper(loop.position());
    loop.init().accept(this);
    expression(loop.condition());
    statements(loop.body());
    loop.update().accept(this);
    depth--;
    return null;
  }

  @Override
  public Void visitWhile(Stmt.While loop) {
    expression(loop.condition());
    nested(loop.body(), loop.position());
    return null;
  }

  @Override
  public Void visitIf(Stmt.If branch) {
    expression(branch.condition());
    nested(branch.then(), branch.position());
    nested(branch.otherwise(), branch.position());
    return null;
  }

  @Override
  public Void visitBreak(Stmt.Break s) {
    return null;
  }

  @Override
  public Void visitContinue(Stmt.Continue s) {
    return null;
  }

  @Override
  public Void visitReturn(Stmt.Return r) {
    expression(r.value());
    return null;
  }

  @Override
  public Void visitThrow(Stmt.Throw t) {
    t.args().forEach(this::expression);
    return null;
  }

  @Override
  public Void visitEffect(Stmt.Effect e) {
    e.args().forEach(this::expression);
    return null;
  }

  @Override
  public Void visitUnsupported(Stmt.Unsupported u) {
    unsupported(u.construct(), u.detail(), u.position());
    return null;
  }

  // The rest only appear once the differentiate stage has run.

  @Override
  public Void visitCount(Sweep.Count s) {
    return null;
  }

  @Override
  public Void visitSave(Sweep.Save s) {
    return null;
  }

  @Override
  public Void visitRestore(Sweep.Restore s) {
    return null;
  }

  @Override
  public Void visitUndo(Sweep.Undo s) {
    return null;
  }

  @Override
  public Void visitReversing(Sweep.Reversing s) {
    return null;
  }

  @Override
  public Void visitComment(Sweep.Comment s) {
    return null;
  }

  @Override
  public Void visitSeed(Sweep.Seed s) {
    return null;
  }

  @Override
  public Void visitGradientOut(Sweep.GradientOut s) {
    return null;
  }

  @Override
  public Void visitPullback(Sweep.Pullback s) {
    return null;
  }
}
