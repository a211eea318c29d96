package dev.backprop.processor.ir;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code java.lang.Math} / {@code StrictMath} functions a differentiable method may call.
 * Their derivatives live in the differentiate stage's rule table (a test fails the build if one
 * has none); this enum only names them and says which are piecewise constant.
 */
public enum MathFunction {
  EXP("exp", 1), LOG("log", 1), LOG10("log10", 1), LOG1P("log1p", 1), EXPM1("expm1", 1),
  SQRT("sqrt", 1), CBRT("cbrt", 1), POW("pow", 2),
  SIN("sin", 1), COS("cos", 1), TAN("tan", 1), ASIN("asin", 1), ACOS("acos", 1),
  ATAN("atan", 1), ATAN2("atan2", 2), SINH("sinh", 1), COSH("cosh", 1), TANH("tanh", 1),
  HYPOT("hypot", 2), ABS("abs", 1), MAX("max", 2), MIN("min", 2),
  SIGNUM("signum", 1, true), FLOOR("floor", 1, true), CEIL("ceil", 1, true),
  RINT("rint", 1, true), ROUND("round", 1, true);

  private final String javaName;
  private final int arity;
  private final boolean piecewiseConstant;

  MathFunction(String javaName, int arity) {
    this(javaName, arity, false);
  }

  MathFunction(String javaName, int arity, boolean piecewiseConstant) {
    this.javaName = javaName;
    this.arity = arity;
    this.piecewiseConstant = piecewiseConstant;
  }

  /** The method name as in {@code java.lang.Math}, e.g. {@code log1p}. */
  public String javaName() {
    return javaName;
  }

  /** How many arguments it takes. */
  public int arity() {
    return arity;
  }

  /** Whether its derivative is zero wherever it exists ({@code floor}, {@code signum}, ...). */
  public boolean piecewiseConstant() {
    return piecewiseConstant;
  }

  /** The function with this {@code Math} method name and arity, if we know it. */
  public static Optional<MathFunction> of(String javaName, int arity) {
    return Arrays.stream(values())
        .filter(f -> f.javaName.equals(javaName) && f.arity == arity)
        .findFirst();
  }

  /** Every Java name, space-separated, in table order: for messages. */
  public static String supported() {
    return Arrays.stream(values()).map(MathFunction::javaName).distinct()
        .collect(Collectors.joining(" "));
  }
}
