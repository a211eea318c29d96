package dev.backprop.processor.ir;

/** The primitive types a differentiable method may use; only {@link #DOUBLE} carries gradient. */
public enum Type {
  DOUBLE("double", "0"),
  INT("int", "0"),
  LONG("long", "0L"),
  BOOLEAN("boolean", "false");

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
}
