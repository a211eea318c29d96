package dev.backprop.processor.read;

import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Type;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a name ({@code x}, {@code Outer.SCALE}): a parameter or local by its IR name, a static
 * final field as a constant, or {@code a.length}.
 */
final class VariableReader {

  private final MethodContext context;
  private final ExpressionReader expressions;

  VariableReader(MethodContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  /** The identifier or member select at {@code path}, of the compiler's type {@code mirror}. */
  Expr read(TreePath path, Type type, TypeMirror mirror) {
    if (path.getLeaf() instanceof MemberSelectTree select) {
      TreePath selectedPath = new TreePath(path, select.getExpression());
      TypeMirror selected = context.trees().getTypeMirror(selectedPath);
      if (selected != null && selected.getKind() == TypeKind.ARRAY) {
        if (!select.getIdentifier().contentEquals("length")) {
          return new Expr.Unsupported(Construct.ARRAY, "", context.position(path));
        }
        Expr array = expressions.read(selectedPath);
        return array instanceof Expr.Unsupported ? array : new Expr.Length(array);
      }
    }
    Element element = context.trees().getElement(path);
    if (element == null) {
      return new Expr.Unsupported(
          Construct.MISSING_TYPE, SourceText.describe(path.getLeaf()), context.position(path));
    }
    ElementKind kind = element.getKind();
    if (kind == ElementKind.LOCAL_VARIABLE || kind == ElementKind.PARAMETER) {
      if (type == null && kind == ElementKind.PARAMETER) {
        // Already reported at the parameter: fail quietly rather than at every use.
        return new Expr.Unsupported(Construct.UNSUPPORTED_TYPE, mirror.toString(), null);
      }
      if (type == null && mirror.getKind() == TypeKind.ARRAY) {
        return new Expr.Unsupported(Construct.ARRAY, "", context.position(path));
      }
      if (type == null) {
        return expressions.unsupportedType(mirror, path);
      }
      return new Expr.Ref(context.names().of(element), type);
    }
    if (kind == ElementKind.FIELD || kind == ElementKind.ENUM_CONSTANT) {
      return field(path, (VariableElement) element, type, mirror);
    }
    return new Expr.Unsupported(
        Construct.OTHER_EXPRESSION, SourceText.describe(path.getLeaf()), context.position(path));
  }

  /**
   * A static final field of an object type in a message or an effect's arguments,
   * {@code Locale.ROOT}: read by the generated class as the method reads it.
   */
  Expr objectConstant(TreePath path, VariableElement field, Type type) {
    Expr.Unsupported problem = notStaticFinal(path, field);
    if (problem != null) {
      return problem;
    }
    String name = field.getSimpleName().toString();
    TypeElement owner = (TypeElement) field.getEnclosingElement();
    if (field.getModifiers().contains(Modifier.PRIVATE) || isPrivateNest(owner)) {
      return new Expr.Unsupported(Construct.PRIVATE_FIELD, name, context.position(path));
    }
    return constant(owner.getQualifiedName() + "." + name, owner, type);
  }

  /** An instance field or a mutable one, which the gradient class cannot read as a constant. */
  private Expr.Unsupported notStaticFinal(TreePath path, VariableElement field) {
    Set<Modifier> modifiers = field.getModifiers();
    String name = field.getSimpleName().toString();
    if (!modifiers.contains(Modifier.STATIC)) {
      return new Expr.Unsupported(Construct.INSTANCE_MEMBER, name, context.position(path));
    }
    if (!modifiers.contains(Modifier.FINAL)) {
      return new Expr.Unsupported(Construct.MUTABLE_FIELD, name, context.position(path));
    }
    return null;
  }

  /** Whether {@code type} or a class it is nested in is private. */
  static boolean isPrivateNest(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  private Expr field(TreePath path, VariableElement field, Type type, TypeMirror mirror) {
    Expr.Unsupported problem = notStaticFinal(path, field);
    if (problem != null) {
      return problem;
    }
    Set<Modifier> modifiers = field.getModifiers();
    String name = field.getSimpleName().toString();
    if (type == null) {
      return expressions.unsupportedType(mirror, path);
    }
    TypeElement owner = (TypeElement) field.getEnclosingElement();
    String ownerName = owner.getQualifiedName().toString();
    if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
      return constant(owner.getSimpleName() + "." + name, owner, type);
    }
    Object value = field.getConstantValue();
    if (modifiers.contains(Modifier.PRIVATE) || isPrivateNest(owner)) {
      // The generated class cannot see a private field; a compile-time constant is inlined.
      if (value == null) {
        return new Expr.Unsupported(Construct.PRIVATE_FIELD, name, context.position(path));
      }
      return new Expr.Literal(type, constantText(value));
    }
    return constant(ownerName + "." + name, owner, type);
  }

  /** A constant printed as {@code text}; its qualifiers are kept from the method's variables. */
  private Expr constant(String text, TypeElement owner, Type type) {
    context.names().reserveConstant(text, owner);
    return new Expr.Constant(text, type);
  }

  /** A compile-time constant's value as a Java literal of its type. */
  private static String constantText(Object value) {
    if (value instanceof Double d) {
      if (Double.isNaN(d)) {
        return "Double.NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
      }
      return Double.toString(d);
    }
    if (value instanceof Long) {
      return value + "L";
    }
    return String.valueOf(value);
  }
}
