package dev.backprop.processor.ir;

/** The primitive types a differentiable method may use; only {@link #DOUBLE} carries gradient. */
public enum Type {
  DOUBLE("double", "0"),
  INT("int", "0"),
  LONG("long", "0L"),
  BOOLEAN("boolean", "false"),
  DOUBLE_ARRAY("double[]", "null"),
  DOUBLE_MATRIX("double[][]", "null"),
  INT_ARRAY("int[]", "null"),
  /**
   * Only in messages, of a thrown exception, an assert or a call made for its effect:
   * {@code "x must be positive, was " + x}.
   */
  STRING("String", "null"),
  /** Only as an argument of such a message or call: a static final field, {@code Locale.ROOT}. */
  OBJECT("Object", "null");

  private final String keyword;
  private final String zero;

  Type(String keyword, String zero) {
    this.keyword = keyword;
    this.zero = zero;
  }

  /** The type as written in Java, e.g. {@code double[]}. */
  public String keyword() {
    return keyword;
  }

  /** A literal of the default value, for a local that needs one before its first assignment. */
  public Expr.Literal zero() {
    return new Expr.Literal(this, zero);
  }

  /** Whether values of this type can carry a derivative. */
  public boolean differentiable() {
    return this == DOUBLE;
  }

  /** Whether this is {@code double}, {@code double[]} or {@code double[][]}: data that can vary. */
  public boolean ofDoubles() {
    return this == DOUBLE || this == DOUBLE_ARRAY || this == DOUBLE_MATRIX;
  }

  /** Whether this is an array type. */
  public boolean isArray() {
    return this == DOUBLE_ARRAY || this == DOUBLE_MATRIX || this == INT_ARRAY;
  }

  /** The type of an element: {@code double} for {@code double[]}, a row for a matrix. */
  public Type element() {
    return switch (this) {
      case DOUBLE_ARRAY -> DOUBLE;
      case DOUBLE_MATRIX -> DOUBLE_ARRAY;
      case INT_ARRAY -> INT;
      default -> throw new IllegalStateException(this + " is not an array");
    };
  }
}
