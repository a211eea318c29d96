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
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

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
    TypeMirror type = context.trees().getTypeMirror(path);
    if (!(context.trees().getElement(path) instanceof ExecutableElement method)
        || type == null || type.getKind() == TypeKind.ERROR) {
      // javac reports the underlying error itself
      return new Stmt.Unsupported(Construct.MISSING_TYPE, "", null);
    }
    String checked = Exceptions.declaredBy(method);
    if (checked != null) {
      return new Stmt.Unsupported(Construct.CHECKED_CALL, checked, context.position(path));
    }
    Object target = target(path, tree, method);
    if (target instanceof Stmt.Unsupported refused) {
      return refused;
    }
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree arg : tree.getArguments()) {
      args.add(argument(new TreePath(path, arg)));
    }
    return new Stmt.Effect((Stmt.Effect.Target) target, args, context.position(path));
  }

  /**
   * What the call at {@code path} calls, if the generated class can call it the same way (a
   * static {@code void} method, or a method of a static final field), or why not.
   */
  private Object target(TreePath path, MethodInvocationTree tree, ExecutableElement method) {
    String callerPackage = CallReader.packageOf(path);
    String name = method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName();
    if (method.getModifiers().contains(Modifier.STATIC)) {
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      if (method.getReturnType().getKind() != TypeKind.VOID) {
        return refused(path, tree);
      }
      if (!CallReader.visible(method, owner, callerPackage)) {
        return new Stmt.Unsupported(Construct.PRIVATE_EFFECT, name, context.position(path));
      }
      return new Stmt.Effect.Target(GradientNames.packageName(owner),
          owner.getQualifiedName().toString(), null, method.getSimpleName().toString(),
          warnings(method, null));
    }
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select)) {
      return refused(path, tree); // a method of this, which a static method has not got
    }
    Element receiver = context.trees().getElement(
        new TreePath(new TreePath(path, select), select.getExpression()));
    if (receiver == null || receiver.getKind() != ElementKind.FIELD
        || !receiver.getModifiers().contains(Modifier.STATIC)
        || !receiver.getModifiers().contains(Modifier.FINAL)) {
      return refused(path, tree);
    }
    TypeElement owner = (TypeElement) receiver.getEnclosingElement();
    String field = owner.getSimpleName() + "." + receiver.getSimpleName();
    // the method as seen through the field's type: StringBuilder.setLength is public there
    boolean reachable = receiver.asType() instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement type
        && CallReader.visible(type, type.getEnclosingElement() instanceof TypeElement outer
            ? outer : type, callerPackage)
        && (method.getModifiers().contains(Modifier.PUBLIC)
            || !method.getModifiers().contains(Modifier.PRIVATE)
                && GradientNames.packageName((TypeElement) method.getEnclosingElement())
                    .equals(callerPackage));
    if (!CallReader.visible(receiver, owner, callerPackage) || !reachable) {
      return new Stmt.Unsupported(Construct.PRIVATE_EFFECT,
          field + "." + method.getSimpleName(), context.position(path));
    }
    return new Stmt.Effect.Target(GradientNames.packageName(owner),
        owner.getQualifiedName().toString(), receiver.getSimpleName().toString(),
        method.getSimpleName().toString(), warnings(method, receiver));
  }

  private Stmt.Unsupported refused(TreePath path, MethodInvocationTree tree) {
    return new Stmt.Unsupported(
        Construct.EXPRESSION_STATEMENT, SourceText.describe(tree), context.position(path));
  }

  /**
   * The lint categories a call of {@code method} (through {@code receiver}) raises from another
   * class: deprecation, and unchecked for a raw receiver or generic varargs, which the source may
   * have suppressed.
   */
  private static List<String> warnings(ExecutableElement method, Element receiver) {
    Set<String> warnings = new TreeSet<>(receiver == null
        ? CallReader.warnings(method) : CallReader.warnings(method, receiver));
    if (receiver != null && receiver.asType() instanceof DeclaredType declared
        && declared.getTypeArguments().isEmpty()
        && !((TypeElement) declared.asElement()).getTypeParameters().isEmpty()) {
      warnings.add("unchecked"); // RAW.add(x)
    }
    if (method.isVarArgs() && !method.getTypeParameters().isEmpty()) {
      warnings.add("unchecked"); // many(T... xs)
    }
    return List.copyOf(warnings);
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
}
