package dev.backprop.processor.read;

import com.sun.source.tree.Tree;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** The compiler's types and operator tree kinds, mapped to the IR's types and operators. */
final class Tables {

  private Tables() {}

  /** Maps a compiler type to ours, or null if it is not one of ours. */
  static Type typeOf(TypeMirror mirror) {
    if (mirror == null) {
      return null;
    }
    return switch (mirror.getKind()) {
      case DOUBLE -> Type.DOUBLE;
      case INT -> Type.INT;
      case LONG -> Type.LONG;
      case BOOLEAN -> Type.BOOLEAN;
      case ARRAY -> arrayTypeOf((ArrayType) mirror);
      default -> null;
    };
  }

  /** The operator of a unary tree kind that is not an increment or decrement. */
  static UnaryOp unaryOperator(Tree.Kind kind) {
    return switch (kind) {
      case UNARY_MINUS -> UnaryOp.NEGATE;
      case UNARY_PLUS -> UnaryOp.PLUS;
      case LOGICAL_COMPLEMENT -> UnaryOp.NOT;
      default -> UnaryOp.COMPLEMENT;
    };
  }

  /** The operator of a binary tree kind, or null if it is not one of ours. */
  static BinaryOp binaryOperator(Tree.Kind kind) {
    return switch (kind) {
      case MULTIPLY -> BinaryOp.TIMES;
      case DIVIDE -> BinaryOp.DIVIDE;
      case REMAINDER -> BinaryOp.REMAINDER;
      case PLUS -> BinaryOp.PLUS;
      case MINUS -> BinaryOp.MINUS;
      case LEFT_SHIFT -> BinaryOp.SHIFT_LEFT;
      case RIGHT_SHIFT -> BinaryOp.SHIFT_RIGHT;
      case UNSIGNED_RIGHT_SHIFT -> BinaryOp.UNSIGNED_SHIFT_RIGHT;
      case LESS_THAN -> BinaryOp.LESS;
      case LESS_THAN_EQUAL -> BinaryOp.LESS_EQUAL;
      case GREATER_THAN -> BinaryOp.GREATER;
      case GREATER_THAN_EQUAL -> BinaryOp.GREATER_EQUAL;
      case EQUAL_TO -> BinaryOp.EQUAL;
      case NOT_EQUAL_TO -> BinaryOp.NOT_EQUAL;
      case AND -> BinaryOp.AND;
      case XOR -> BinaryOp.XOR;
      case OR -> BinaryOp.OR;
      case CONDITIONAL_AND -> BinaryOp.CONDITIONAL_AND;
      case CONDITIONAL_OR -> BinaryOp.CONDITIONAL_OR;
      default -> null;
    };
  }

  /** The operator of a compound assignment the reader accepts: {@code += -= *= /= %=}. */
  static BinaryOp compoundOperator(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> BinaryOp.PLUS;
      case MINUS_ASSIGNMENT -> BinaryOp.MINUS;
      case MULTIPLY_ASSIGNMENT -> BinaryOp.TIMES;
      case DIVIDE_ASSIGNMENT -> BinaryOp.DIVIDE;
      default -> BinaryOp.REMAINDER;
    };
  }

  /** {@code double[]}, {@code int[]} or {@code double[][]}; null for any other array. */
  private static Type arrayTypeOf(ArrayType array) {
    TypeMirror component = array.getComponentType();
    if (component.getKind() == TypeKind.DOUBLE) {
      return Type.DOUBLE_ARRAY;
    }
    if (component.getKind() == TypeKind.INT) {
      return Type.INT_ARRAY;
    }
    if (component instanceof ArrayType row && row.getComponentType().getKind() == TypeKind.DOUBLE) {
      return Type.DOUBLE_MATRIX;
    }
    return null;
  }
}
