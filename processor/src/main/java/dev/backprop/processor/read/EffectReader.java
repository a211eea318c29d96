package dev.backprop.processor.read;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/**
 * Reads the statements kept for their effect alone ({@link Stmt.Effect}): {@code assert}, and a
 * call made as a statement, of a static {@code void} method or of a method of a static final
 * field ({@code System.err.println(...)}, {@code LOG.warning(...)}). Their arguments are values
 * and messages, never arrays, which the call could change; a call the generated class could
 * not make is refused.
 */
final class EffectReader {

  private final MethodContext context;
  private final ExpressionReader expressions;

  EffectReader(MethodContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  /** {@code assert condition;} or {@code assert condition : message;}. */
  Stmt assertion(TreePath path, AssertTree tree) {
    List<Expr> args = new ArrayList<>();
    args.add(expressions.read(new TreePath(path, tree.getCondition())));
    if (tree.getDetail() != null) {
      args.add(argument(new TreePath(path, tree.getDetail())));
    }
    return new Stmt.Effect(null, args, context.position(path));
  }

  /** The call statement whose call is at {@code path}. */
  Stmt call(TreePath path, MethodInvocationTree tree) {
    if (!(context.trees().getElement(path) instanceof ExecutableElement method)) {
      return new Stmt.Unsupported(
          Construct.MISSING_TYPE, SourceText.describe(tree), context.position(path));
    }
    Stmt.Effect.Target target = target(path, tree, method);
    if (target == null) {
      return new Stmt.Unsupported(
          Construct.EXPRESSION_STATEMENT, SourceText.describe(tree), context.position(path));
    }
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree arg : tree.getArguments()) {
      args.add(argument(new TreePath(path, arg)));
    }
    return new Stmt.Effect(target, args, context.position(path));
  }

  /**
   * What the call at {@code path} calls, if the generated class can call it the same way: a
   * static {@code void} method, or a method of a static final field; null otherwise.
   */
  private Stmt.Effect.Target target(TreePath path, MethodInvocationTree tree,
      ExecutableElement method) {
    String callerPackage = packageOf(path);
    if (!visible(method, callerPackage) || !Exceptions.checked(method).isEmpty()) {
      return null;
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      return method.getReturnType().getKind() != TypeKind.VOID ? null
          : new Stmt.Effect.Target(GradientNames.packageName(owner),
              owner.getQualifiedName().toString(), null, method.getSimpleName().toString(),
              CallReader.warnings(method));
    }
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select)) {
      return null; // a method of this, which a static method has not got
    }
    Element receiver =
        context.trees().getElement(new TreePath(new TreePath(path, select), select.getExpression()));
    if (receiver == null || receiver.getKind() != ElementKind.FIELD
        || !receiver.getModifiers().contains(Modifier.STATIC)
        || !receiver.getModifiers().contains(Modifier.FINAL)
        || !visible(receiver, callerPackage)) {
      return null;
    }
    TypeElement owner = (TypeElement) receiver.getEnclosingElement();
    return new Stmt.Effect.Target(GradientNames.packageName(owner),
        owner.getQualifiedName().toString(), receiver.getSimpleName().toString(),
        method.getSimpleName().toString(), CallReader.warnings(method, receiver));
  }

  /** A value or a message, but not an array: the call could change it. */
  private Expr argument(TreePath path) {
    Expr arg = expressions.message(path);
    if (!(arg instanceof Expr.Unsupported) && arg.type() != null && arg.type().isArray()) {
      return new Expr.Unsupported(
          Construct.EFFECT_ARRAY, context.text().of(path), context.position(path));
    }
    return arg;
  }

  private static boolean visible(Element member, String callerPackage) {
    return CallReader.visible(member, (TypeElement) member.getEnclosingElement(), callerPackage);
  }

  private static String packageOf(TreePath path) {
    var name = path.getCompilationUnit().getPackageName();
    return name == null ? "" : name.toString();
  }
}
