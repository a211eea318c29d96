package dev.backprop.processor.read;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads statements: blocks (flattened, as every local has a method-unique name), declarations,
 * if, return, break and continue; loops go to {@link LoopReader}, expression statements to
 * {@link AssignmentReader}. A statement outside the subset becomes a {@link Stmt.Unsupported}.
 */
final class StatementReader {

  private final MethodContext context;
  private final ExpressionReader expressions;
  private final AssignmentReader assignments;
  private final LoopReader loops;
  private final EffectReader effects;

  StatementReader(MethodContext context) {
    this.context = context;
    this.expressions = new ExpressionReader(context);
    this.assignments = new AssignmentReader(context, expressions);
    this.loops = new LoopReader(context, this, expressions, assignments);
    this.effects = new EffectReader(context, expressions);
  }

  /** Reads {@code statements}, children of {@code parent}, into {@code out}. */
  void readAll(TreePath parent, List<? extends StatementTree> statements, List<Stmt> out) {
    for (StatementTree statement : statements) {
      read(new TreePath(parent, statement), out);
    }
  }

  /** Reads the statement at {@code path} into {@code out}: none, one, or (for-each) several. */
  void read(TreePath path, List<Stmt> out) {
    Tree tree = path.getLeaf();
    switch (tree.getKind()) {
      case BLOCK -> readAll(path, ((BlockTree) tree).getStatements(), out);
      case EMPTY_STATEMENT -> { }
      case VARIABLE -> out.add(declaration(path, (VariableTree) tree));
      case EXPRESSION_STATEMENT -> out.add(
          ((ExpressionStatementTree) tree).getExpression() instanceof MethodInvocationTree call
              ? effects.call(new TreePath(path, call), call)
              : assignments.statement(path, (ExpressionStatementTree) tree));
      case ASSERT -> out.add(effects.assertion(path, (AssertTree) tree));
      case IF -> out.add(ifStatement(path, (IfTree) tree));
      case RETURN -> out.add(returnStatement(path, (ReturnTree) tree));
      case FOR_LOOP -> out.add(loops.forLoop(path, (ForLoopTree) tree));
      case WHILE_LOOP -> out.add(loops.whileLoop(path, (WhileLoopTree) tree));
      case DO_WHILE_LOOP -> out.add(loops.doWhileLoop(path, (DoWhileLoopTree) tree));
      case ENHANCED_FOR_LOOP -> loops.forEach(path, (EnhancedForLoopTree) tree, out);
      case LABELED_STATEMENT -> {
        // A labelled loop is a loop; a labelled block is read as the block (its break is the
        // error).
        read(new TreePath(path, ((LabeledStatementTree) tree).getStatement()), out);
      }
      case SWITCH -> out.add(unsupported(Construct.SWITCH, path));
      case TRY -> out.add(unsupported(Construct.TRY, path));
      case THROW -> out.add(unsupported(Construct.THROW, path)); // but see ifStatement
      case BREAK -> out.add(((BreakTree) tree).getLabel() == null
          ? new Stmt.Break(context.position(path))
          : unsupported(Construct.BREAK_OR_CONTINUE, path));
      case CONTINUE -> out.add(((ContinueTree) tree).getLabel() == null
          ? new Stmt.Continue(context.position(path))
          : unsupported(Construct.BREAK_OR_CONTINUE, path));
      case CLASS -> out.add(unsupported(Construct.LOCAL_CLASS, path));
      default -> out.add(new Stmt.Unsupported(
          Construct.OTHER_STATEMENT, SourceText.describe(tree), context.position(path)));
    }
  }

  /** {@code T name = init;} or {@code T name;}, the local under its IR name. */
  Stmt declaration(TreePath path, VariableTree tree) {
    Element element = context.trees().getElement(path);
    TypeMirror mirror = element == null ? null : element.asType();
    Type type = Tables.typeOf(mirror);
    if (mirror != null && mirror.getKind() == TypeKind.ARRAY && type == null) {
      return unsupported(Construct.ARRAY, path);
    }
    if (type == null && ExpressionReader.isString(mirror)) {
      // a message built for an effect or an argument check
      return new Stmt.Declare(context.names().of(element), Type.STRING,
          tree.getInitializer() == null ? null
              : expressions.message(new TreePath(path, tree.getInitializer())),
          context.position(path));
    }
    if (type == null) {
      return new Stmt.Unsupported(Construct.UNSUPPORTED_TYPE,
          mirror == null ? "?" : mirror.toString(), context.position(path));
    }
    String name = context.names().of(element);
    Expr init = tree.getInitializer() == null
        ? null
        : expressions.read(new TreePath(path, tree.getInitializer()));
    return new Stmt.Declare(name, type, init, context.position(path));
  }

  /** A statement of a kind rejected whatever it holds, at {@code path}. */
  Stmt unsupported(Construct construct, TreePath path) {
    return new Stmt.Unsupported(construct, "", context.position(path));
  }

  /** The statement at {@code path} as a list (a loop's body, a branch). */
  List<Stmt> nested(TreePath path) {
    List<Stmt> statements = new ArrayList<>();
    read(path, statements);
    return statements;
  }

  private Stmt ifStatement(TreePath path, IfTree tree) {
    List<Stmt> then = branch(new TreePath(path, tree.getThenStatement()));
    List<Stmt> otherwise = tree.getElseStatement() == null
        ? List.of()
        : branch(new TreePath(path, tree.getElseStatement()));
    return new Stmt.If(expressions.read(new TreePath(path, tree.getCondition())), then, otherwise,
        context.position(path));
  }

  /**
   * A branch of an if: an argument check's {@code throw} is read there, and only there, alone or
   * after the message it throws is built ({@code String why = ...; throw new E(why);}).
   */
  private List<Stmt> branch(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof BlockTree block && block.getStatements().size() == 1) {
      return branch(new TreePath(path, block.getStatements().get(0)));
    }
    if (tree instanceof ThrowTree thrown) {
      return List.of(thrown(path, thrown));
    }
    if (tree instanceof BlockTree block && !block.getStatements().isEmpty()
        && block.getStatements().get(block.getStatements().size() - 1) instanceof ThrowTree
        && block.getStatements().stream().limit(block.getStatements().size() - 1)
            .allMatch(s -> buildsMessage(new TreePath(path, s)))) {
      List<Stmt> out = new ArrayList<>();
      List<? extends StatementTree> statements = block.getStatements();
      readAll(path, statements.subList(0, statements.size() - 1), out);
      TreePath last = new TreePath(path, statements.get(statements.size() - 1));
      out.add(thrown(last, (ThrowTree) last.getLeaf()));
      return out;
    }
    return nested(path);
  }

  /** Whether the statement at {@code path} declares or assigns a {@code String} local. */
  private boolean buildsMessage(TreePath path) {
    Tree tree = path.getLeaf();
    Tree target = tree instanceof VariableTree ? tree
        : tree instanceof ExpressionStatementTree statement
            && statement.getExpression() instanceof AssignmentTree assignment
            ? assignment.getVariable()
            : tree instanceof ExpressionStatementTree statement
                && statement.getExpression() instanceof CompoundAssignmentTree compound
                ? compound.getVariable() : null;
    if (target == null) {
      return false;
    }
    TreePath targetPath = tree instanceof VariableTree ? path
        : new TreePath(new TreePath(path, ((ExpressionStatementTree) tree).getExpression()),
            target);
    Element element = context.trees().getElement(targetPath);
    return element != null && element.getKind() == ElementKind.LOCAL_VARIABLE
        && ExpressionReader.isString(element.asType());
  }

  /**
   * {@code throw new E(args);} of an unchecked exception the generated class can create, its
   * arguments values or messages; anything else thrown is refused.
   */
  private Stmt thrown(TreePath path, ThrowTree tree) {
    TreePath expression = new TreePath(path, tree.getExpression());
    if (!(expression.getLeaf() instanceof NewClassTree creation) || creation.getClassBody() != null
        || creation.getEnclosingExpression() != null
        || !(context.trees().getTypeMirror(expression) instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement exception)
        || exception.getNestingKind() != NestingKind.TOP_LEVEL
            && exception.getNestingKind() != NestingKind.MEMBER
        || VariableReader.isPrivateNest(exception) || !Exceptions.unchecked(exception)) {
      return unsupported(Construct.THROW, path);
    }
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree arg : creation.getArguments()) {
      args.add(expressions.message(new TreePath(expression, arg)));
    }
    return new Stmt.Throw(GradientNames.packageName(exception),
        exception.getQualifiedName().toString(), args, context.position(path));
  }

  private Stmt returnStatement(TreePath path, ReturnTree tree) {
    Expr value = tree.getExpression() == null
        ? new Expr.Unsupported(Construct.OTHER_STATEMENT, "return;", context.position(path))
        : expressions.read(new TreePath(path, tree.getExpression()));
    return new Stmt.Return(value, context.position(path));
  }
}
