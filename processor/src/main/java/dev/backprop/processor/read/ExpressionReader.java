package dev.backprop.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Construct;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Type;
import java.util.Locale;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads an expression, typed as the compiler typed it: literals, operators, casts,
 * conditionals, array access and new arrays here; names and fields in {@link VariableReader},
 * calls in {@link CallReader}. An expression outside the subset becomes an
 * {@link Expr.Unsupported} at the innermost tree at fault.
 */
final class ExpressionReader {

  private final MethodContext context;
  private final VariableReader variables;
  private final CallReader calls;

  ExpressionReader(MethodContext context) {
    this.context = context;
    this.variables = new VariableReader(context, this);
    this.calls = new CallReader(context, this);
  }

  /** The expression at {@code path}. */
  Expr read(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof ParenthesizedTree parenthesized) {
      return read(new TreePath(path, parenthesized.getExpression()));
    }
    TypeMirror mirror = context.trees().getTypeMirror(path);
    if (mirror == null) {
      return new Expr.Unsupported(
          Construct.MISSING_TYPE, SourceText.describe(tree), context.position(path));
    }
    if (mirror.getKind() == TypeKind.ERROR) {
      // javac reports the underlying error itself; nothing useful to add.
      return new Expr.Unsupported(Construct.MISSING_TYPE, "", null);
    }
    Type type = Tables.typeOf(mirror);
    return switch (tree.getKind()) {
      case INT_LITERAL, LONG_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL ->
          new Expr.Literal(type, context.text().literal(path, (LiteralTree) tree));
      case IDENTIFIER, MEMBER_SELECT -> variables.read(path, type, mirror);
      case METHOD_INVOCATION -> calls.read(path, (MethodInvocationTree) tree, type, mirror);
      case CONDITIONAL_EXPRESSION ->
          conditional(path, (ConditionalExpressionTree) tree, type, mirror);
      case TYPE_CAST -> cast(path, (TypeCastTree) tree, type, mirror);
      case UNARY_MINUS, UNARY_PLUS, LOGICAL_COMPLEMENT, BITWISE_COMPLEMENT ->
          unary(path, (UnaryTree) tree, type, mirror);
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
          unsupported(Construct.INCREMENT, path);
      case ASSIGNMENT, PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT,
          REMAINDER_ASSIGNMENT -> unsupported(Construct.NESTED_ASSIGNMENT, path);
      case ARRAY_ACCESS -> arrayAccess(path, (ArrayAccessTree) tree, type, mirror);
      case NEW_ARRAY -> newArray(path, (NewArrayTree) tree, type);
      case NEW_CLASS -> unsupported(Construct.OBJECT_CREATION, path);
      case STRING_LITERAL -> unsupported(Construct.STRING, path);
      case SWITCH_EXPRESSION -> unsupported(Construct.SWITCH, path);
      default -> other(path, type, mirror);
    };
  }

  /**
   * An argument of an exception, an assert or a call made for its effect: a value, or a message
   * joined with {@code +} from string literals, values, characters, {@code String} locals,
   * static final fields, calls returning strings and choices between messages
   * ({@code "x must be positive, was " + x}).
   */
  Expr message(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof ParenthesizedTree parenthesized) {
      return message(new TreePath(path, parenthesized.getExpression()));
    }
    TypeMirror mirror = context.trees().getTypeMirror(path);
    boolean string = isString(mirror);
    if (string && tree.getKind() == Tree.Kind.STRING_LITERAL) {
      String text = context.text().of(path);
      if (!text.startsWith("\"")) { // no source to copy: the value, quoted again
        text = quoted(String.valueOf(((LiteralTree) tree).getValue()));
      }
      return new Expr.Literal(Type.STRING, text);
    }
    if (string && tree.getKind() == Tree.Kind.METHOD_INVOCATION) {
      return calls.message(path, (MethodInvocationTree) tree);
    }
    if (string && context.trees().getElement(path) instanceof VariableElement field
        && field.getConstantValue() instanceof String value) {
      return new Expr.Literal(Type.STRING, quoted(value)); // a String constant, inlined
    }
    if (mirror != null && mirror.getKind() == TypeKind.DECLARED
        && context.trees().getElement(path) instanceof VariableElement field
        && field.getKind() == ElementKind.FIELD) {
      return variables.objectConstant(path, field, string ? Type.STRING : Type.OBJECT);
    }
    if ((string || Tables.typeOf(mirror) == null)
        && tree instanceof ConditionalExpressionTree choice) {
      // a choice between messages, or between characters
      return new Expr.Conditional(read(new TreePath(path, choice.getCondition())),
          message(new TreePath(path, choice.getTrueExpression())),
          message(new TreePath(path, choice.getFalseExpression())),
          string ? Type.STRING : Type.OBJECT);
    }
    if (tree.getKind() == Tree.Kind.CHAR_LITERAL) {
      return new Expr.Literal(Type.OBJECT, context.text().of(path)); // 'c', as written
    }
    if (string && context.trees().getElement(path) instanceof VariableElement local
        && local.getKind() == ElementKind.LOCAL_VARIABLE) {
      return new Expr.Ref(context.names().of(local), Type.STRING);
    }
    if (string && tree.getKind() == Tree.Kind.PLUS) {
      BinaryTree plus = (BinaryTree) tree;
      Expr left = message(new TreePath(path, plus.getLeftOperand()));
      Expr right = message(new TreePath(path, plus.getRightOperand()));
      return left instanceof Expr.Unsupported ? left : right instanceof Expr.Unsupported ? right
          : new Expr.Binary(BinaryOp.PLUS, left, right, Type.STRING);
    }
    return read(path);
  }

  /** Whether {@code type} is {@code java.lang.String}. */
  static boolean isString(TypeMirror type) {
    return type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element
        && element.getQualifiedName().contentEquals("java.lang.String");
  }

  /** {@code value} as a Java string literal. */
  private static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** An expression of a type that is not one of ours. */
  Expr unsupportedType(TypeMirror mirror, TreePath path) {
    return new Expr.Unsupported(
        Construct.UNSUPPORTED_TYPE, mirror.toString(), context.position(path));
  }

  private Expr conditional(
      TreePath path, ConditionalExpressionTree tree, Type type, TypeMirror mirror) {
    if (type == null) {
      return unsupportedType(mirror, path);
    }
    return new Expr.Conditional(
        read(new TreePath(path, tree.getCondition())),
        read(new TreePath(path, tree.getTrueExpression())),
        read(new TreePath(path, tree.getFalseExpression())),
        type);
  }

  private Expr cast(TreePath path, TypeCastTree tree, Type type, TypeMirror mirror) {
    if (type == null) {
      return unsupportedType(mirror, path);
    }
    return new Expr.Cast(type, read(new TreePath(path, tree.getExpression())));
  }

  private Expr unary(TreePath path, UnaryTree tree, Type type, TypeMirror mirror) {
    if (type == null) {
      return unsupportedType(mirror, path);
    }
    return new Expr.Unary(
        Tables.unaryOperator(tree.getKind()), read(new TreePath(path, tree.getExpression())), type);
  }

  private Expr arrayAccess(TreePath path, ArrayAccessTree tree, Type type, TypeMirror mirror) {
    Expr array = read(new TreePath(path, tree.getExpression()));
    Expr index = read(new TreePath(path, tree.getIndex()));
    if (array instanceof Expr.Unsupported) {
      return array;
    }
    if (index instanceof Expr.Unsupported) {
      return index;
    }
    if (type == null) {
      return unsupportedType(mirror, path);
    }
    return new Expr.Index(array, index, type);
  }

  /** {@code new double[n]} or {@code new double[n][m]}, zeroed; no other array is created. */
  private Expr newArray(TreePath path, NewArrayTree tree, Type type) {
    int dimensions = type == Type.DOUBLE_ARRAY ? 1 : type == Type.DOUBLE_MATRIX ? 2 : 0;
    if (dimensions == 0 || tree.getDimensions().size() != dimensions
        || tree.getInitializers() != null) {
      return unsupported(Construct.ARRAY, path);
    }
    Expr length = read(new TreePath(path, tree.getDimensions().get(0)));
    if (length instanceof Expr.Unsupported) {
      return length;
    }
    if (dimensions == 1) {
      return new Expr.NewArray(length);
    }
    Expr columns = read(new TreePath(path, tree.getDimensions().get(1)));
    return columns instanceof Expr.Unsupported ? columns : new Expr.NewArray(length, columns);
  }

  /** A binary operation, or else an expression the subset has no place for. */
  private Expr other(TreePath path, Type type, TypeMirror mirror) {
    Tree tree = path.getLeaf();
    if (tree instanceof BinaryTree binary) {
      BinaryOp op = Tables.binaryOperator(tree.getKind());
      if (op != null) {
        if (type == null) {
          return unsupportedType(mirror, path);
        }
        return new Expr.Binary(
            op,
            read(new TreePath(path, binary.getLeftOperand())),
            read(new TreePath(path, binary.getRightOperand())),
            type);
      }
    }
    return new Expr.Unsupported(
        Construct.OTHER_EXPRESSION, SourceText.describe(tree), context.position(path));
  }

  private Expr unsupported(Construct construct, TreePath path) {
    return new Expr.Unsupported(construct, "", context.position(path));
  }
}
