package dev.backprop.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * Reads expression statements, the only ones of which the subset accepts are assignments: to a
 * parameter or local ({@link Stmt.Assign}), or to an element of a local {@code double[]} or
 * {@code double[][]} ({@link Stmt.Store}); {@code ++} and {@code --} are {@code += 1} and
 * {@code -= 1}.
 */
final class AssignmentReader {

  private final MethodContext context;
  private final ExpressionReader expressions;

  AssignmentReader(MethodContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  /** The expression statement at {@code path} (a statement, or a for loop's update). */
  Stmt statement(TreePath path, ExpressionStatementTree tree) {
    TreePath exprPath = new TreePath(path, tree.getExpression());
    Tree expr = tree.getExpression();
    return switch (expr.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree node = (AssignmentTree) expr;
        yield assignment(exprPath, node.getVariable(), null, node.getExpression());
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT,
          REMAINDER_ASSIGNMENT -> {
        CompoundAssignmentTree node = (CompoundAssignmentTree) expr;
        yield assignment(exprPath, node.getVariable(), Tables.compoundOperator(expr.getKind()),
            node.getExpression());
      }
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> {
        // As a statement, i++ is i += 1.
        boolean up = expr.getKind() == Tree.Kind.PREFIX_INCREMENT
            || expr.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        ExpressionTree operand = ((UnaryTree) expr).getExpression();
        yield assignment(exprPath, operand, up ? BinaryOp.PLUS : BinaryOp.MINUS, null);
      }
      default -> new Stmt.Unsupported(
          Construct.EXPRESSION_STATEMENT, SourceText.describe(expr), context.position(exprPath));
    };
  }

  /** {@code target op= value}; a null value stands for the 1 of {@code ++} and {@code --}. */
  private Stmt assignment(
      TreePath path, ExpressionTree target, BinaryOp compound, ExpressionTree value) {
    TreePath targetPath = new TreePath(path, target);
    Element assigned = context.trees().getElement(targetPath);
    if (assigned != null && assigned.getKind() == ElementKind.LOCAL_VARIABLE && value != null
        && ExpressionReader.isString(assigned.asType())) {
      // msg = ...; or msg += ...; of a message
      return new Stmt.Assign(context.names().of(assigned), compound,
          expressions.message(new TreePath(path, value)), context.position(path));
    }
    Expr read = value == null
        ? new Expr.Literal(Type.INT, "1")
        : expressions.read(new TreePath(path, value));
    if (target.getKind() == Tree.Kind.ARRAY_ACCESS) {
      return store(path, targetPath, (ArrayAccessTree) target, compound, read);
    }
    Element element = context.trees().getElement(targetPath);
    if (element == null
        || (element.getKind() != ElementKind.LOCAL_VARIABLE
            && element.getKind() != ElementKind.PARAMETER)) {
      return new Stmt.Unsupported(
          Construct.FIELD_WRITE, target.toString(), context.position(path));
    }
    String name = context.names().of(element);
    if (Tables.typeOf(element.asType()) == null) {
      return new Stmt.Unsupported(Construct.UNSUPPORTED_TYPE, element.asType().toString(),
          context.position(targetPath));
    }
    return new Stmt.Assign(name, compound, read, context.position(path));
  }

  /** {@code a[i] op= value} into a local {@code double[]}, or {@code m[i][j] op= value}. */
  private Stmt store(TreePath path, TreePath targetPath, ArrayAccessTree access,
      BinaryOp compound, Expr read) {
    TreePath arrayPath = new TreePath(targetPath, access.getExpression());
    Expr index = expressions.read(new TreePath(targetPath, access.getIndex()));
    if (access.getExpression().getKind() == Tree.Kind.ARRAY_ACCESS) {
      // m[i][j] = ...: an element of a local double[][]
      ArrayAccessTree row = (ArrayAccessTree) access.getExpression();
      TreePath matrixPath = new TreePath(arrayPath, row.getExpression());
      Element matrix = context.trees().getElement(matrixPath);
      if (!isLocal(matrix, Type.DOUBLE_MATRIX)) {
        return new Stmt.Unsupported(Construct.ARRAY_WRITE, row.getExpression().toString(),
            context.position(targetPath));
      }
      return new Stmt.Store(context.names().of(matrix),
          expressions.read(new TreePath(arrayPath, row.getIndex())), index, compound, read,
          context.position(path));
    }
    Element array = context.trees().getElement(arrayPath);
    if (isLocal(array, Type.DOUBLE_MATRIX)) {
      return new Stmt.Unsupported(Construct.ROW_WRITE, access.getExpression().toString(),
          context.position(targetPath));
    }
    if (!isLocal(array, Type.DOUBLE_ARRAY)) {
      return new Stmt.Unsupported(Construct.ARRAY_WRITE, access.getExpression().toString(),
          context.position(targetPath));
    }
    return new Stmt.Store(context.names().of(array), null, index, compound, read,
        context.position(path));
  }

  /** Whether {@code variable} is a local (not a parameter) of type {@code type}. */
  private static boolean isLocal(Element variable, Type type) {
    return variable != null && variable.getKind() == ElementKind.LOCAL_VARIABLE
        && Tables.typeOf(variable.asType()) == type;
  }
}
