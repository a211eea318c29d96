package dev.backprop.processor.ir;

/** The primitive types a differentiable method may use; only {@link #DOUBLE} carries gradient. */
public enum Type {
  DOUBLE("double", "0"),
  INT("int", "0"),
  LONG("long", "0L"),
  BOOLEAN("boolean", "false"),
  DOUBLE_ARRAY("double[]", "null"),
  DOUBLE_MATRIX("double[][]", "null"),
  INT_ARRAY("int[]", "null");

  private final String keyword;
  private final String zero;

  Type(String keyword, String zero) {
    this.keyword = keyword;
    this.zero = zero;
  }

  /** The Java keyword, e.g. {@code double}. */
  public String keyword() {
    return keyword;
  }

  /** A literal for the default value, used where a hoisted local needs an initial value. */
  public String zero() {
    return zero;
  }

  /** Whether values of this type can carry a derivative. */
  public boolean differentiable() {
    return this == DOUBLE;
  }

  /** Whether this is an array type. */
  public boolean isArray() {
    return this == DOUBLE_ARRAY || this == DOUBLE_MATRIX || this == INT_ARRAY;
  }

  /** The type of an element: {@code double} for {@code double[]}, a row for a matrix. */
  public Type element() {
    switch (this) {
      case DOUBLE_ARRAY: return DOUBLE;
      case DOUBLE_MATRIX: return DOUBLE_ARRAY;
      case INT_ARRAY: return INT;
      default: throw new IllegalStateException(this + " is not an array");
    }
  }
}
