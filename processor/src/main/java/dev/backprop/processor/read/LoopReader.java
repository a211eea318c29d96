package dev.backprop.processor.read;

import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads loops: {@code for (init; condition; update)} as a {@link Stmt.For}, {@code while} and
 * {@code do ... while} as a {@link Stmt.While}, and for-each lowered to the counted
 * {@link Stmt.For} it means.
 */
final class LoopReader {

  private final MethodContext context;
  private final StatementReader statements;
  private final ExpressionReader expressions;
  private final AssignmentReader assignments;

  LoopReader(MethodContext context, StatementReader statements, ExpressionReader expressions,
      AssignmentReader assignments) {
    this.context = context;
    this.statements = statements;
    this.expressions = expressions;
    this.assignments = assignments;
  }

  /** A counted for loop; anything else is an error the check stage words. */
  Stmt forLoop(TreePath path, ForLoopTree tree) {
    if (tree.getInitializer().size() != 1
        || !(tree.getInitializer().get(0) instanceof VariableTree variable)
        || tree.getCondition() == null || tree.getUpdate().size() != 1) {
      return statements.unsupported(Construct.LOOP_FORM, path);
    }
    Stmt init = statements.declaration(new TreePath(path, variable), variable);
    Stmt update = assignments.statement(new TreePath(path, tree.getUpdate().get(0)),
        tree.getUpdate().get(0));
    if (!(init instanceof Stmt.Declare declare) || !(update instanceof Stmt.Assign assign)) {
      return init instanceof Stmt.Unsupported ? init
          : update instanceof Stmt.Unsupported ? update
          : statements.unsupported(Construct.LOOP_FORM, path);
    }
    List<Stmt> body = statements.nested(new TreePath(path, tree.getStatement()));
    return new Stmt.For(declare, expressions.read(new TreePath(path, tree.getCondition())),
        assign, body, context.position(path));
  }

  /** {@code while (condition) body}. */
  Stmt whileLoop(TreePath path, WhileLoopTree tree) {
    List<Stmt> body = statements.nested(new TreePath(path, tree.getStatement()));
    return new Stmt.While(expressions.read(new TreePath(path, tree.getCondition())), body, false,
        null, context.position(path));
  }

  /** {@code do body while (condition);}. */
  Stmt doWhileLoop(TreePath path, DoWhileLoopTree tree) {
    List<Stmt> body = statements.nested(new TreePath(path, tree.getStatement()));
    return new Stmt.While(expressions.read(new TreePath(path, tree.getCondition())), body, true,
        null, context.position(path));
  }

  /**
   * {@code for (T v : array) body} as the counted loop it means: {@code for (int i = 0; i <
   * array.length; i++) { T v = array[i]; body }}, the array held in a local first unless it is
   * a variable or a constant already (Java evaluates it once).
   */
  void forEach(TreePath path, EnhancedForLoopTree tree, List<Stmt> out) {
    TreePath arrayPath = new TreePath(path, tree.getExpression());
    Type arrayType = Tables.typeOf(context.trees().getTypeMirror(arrayPath));
    if (arrayType != Type.DOUBLE_ARRAY && arrayType != Type.INT_ARRAY
        && arrayType != Type.DOUBLE_MATRIX) {
      out.add(statements.unsupported(Construct.LOOP, arrayPath));
      return;
    }
    Expr array = expressions.read(arrayPath);
    if (array instanceof Expr.Unsupported unsupported) {
      out.add(new Stmt.Unsupported(
          unsupported.construct(), unsupported.detail(), unsupported.position()));
      return;
    }
    if (!(array instanceof Expr.Ref) && !(array instanceof Expr.Constant)) {
      String held = context.names().fresh(array instanceof Expr.Index ? "row" : "array");
      out.add(new Stmt.Declare(held, arrayType, array, context.position(arrayPath)));
      array = new Expr.Ref(held, arrayType);
    }
    TreePath variablePath = new TreePath(path, tree.getVariable());
    Stmt variable = statements.declaration(variablePath, tree.getVariable());
    if (!(variable instanceof Stmt.Declare element)) {
      out.add(variable);
      return;
    }
    String index = context.names().fresh("i");
    Expr.Ref i = new Expr.Ref(index, Type.INT);
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Declare(element.name(), element.type(),
        new Expr.Index(array, i, arrayType.element()), element.position()));
    statements.read(new TreePath(path, tree.getStatement()), body);
    out.add(new Stmt.For(
        new Stmt.Declare(index, Type.INT, new Expr.Literal(Type.INT, "0"), null),
        new Expr.Binary(BinaryOp.LESS, i, new Expr.Length(array), Type.BOOLEAN),
        new Stmt.Assign(index, BinaryOp.PLUS, new Expr.Literal(Type.INT, "1"), null),
        body, context.position(path)));
  }
}
