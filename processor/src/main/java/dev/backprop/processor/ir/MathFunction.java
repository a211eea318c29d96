package dev.backprop.processor.ir;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code java.lang.Math} / {@code StrictMath} functions a differentiable method may call.
 * Their derivatives live in the differentiate stage's rule table; this enum only names them.
 */
public enum MathFunction {
  EXP(1), LOG(1), LOG10(1), LOG1P(1), EXPM1(1), SQRT(1), CBRT(1), POW(2),
  SIN(1), COS(1), TAN(1), ASIN(1), ACOS(1), ATAN(1), ATAN2(2),
  SINH(1), COSH(1), TANH(1), HYPOT(2), ABS(1), MAX(2), MIN(2),
  SIGNUM(1), FLOOR(1), CEIL(1), RINT(1), ROUND(1);

  private final int arity;

  MathFunction(int arity) {
    this.arity = arity;
  }

  /** How many arguments it takes. */
  public int arity() {
    return arity;
  }

  /** The method name as in {@code java.lang.Math}, e.g. {@code log1p}. */
  public String javaName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The function with this {@code Math} method name and arity, if we know it. */
  public static Optional<MathFunction> of(String javaName, int arity) {
    return Arrays.stream(values())
        .filter(f -> f.javaName().equals(javaName) && f.arity == arity)
        .findFirst();
  }
}
