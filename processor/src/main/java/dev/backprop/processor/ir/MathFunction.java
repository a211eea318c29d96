package dev.backprop.processor.ir;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code java.lang.Math} / {@code StrictMath} functions a differentiable method may call, and
 * the runtime's {@code StopGradient.of}.
 * Their derivatives live in the differentiate stage's rule table (a test fails the build if one
 * has none); this enum only names them and says which are piecewise constant.
 */
public enum MathFunction {
  EXP("exp", 1), LOG("log", 1), LOG10("log10", 1), LOG1P("log1p", 1), EXPM1("expm1", 1),
  SQRT("sqrt", 1), CBRT("cbrt", 1), POW("pow", 2),
  SIN("sin", 1), COS("cos", 1), TAN("tan", 1), ASIN("asin", 1), ACOS("acos", 1),
  ATAN("atan", 1), ATAN2("atan2", 2), SINH("sinh", 1), COSH("cosh", 1), TANH("tanh", 1),
  HYPOT("hypot", 2), ABS("abs", 1), MAX("max", 2), MIN("min", 2),
  FMA("fma", 3), TO_RADIANS("toRadians", 1), TO_DEGREES("toDegrees", 1),
  COPY_SIGN("copySign", 2), SCALB("scalb", 2), IEEE_REMAINDER("IEEEremainder", 2),
  NEXT_UP("nextUp", 1), NEXT_DOWN("nextDown", 1), NEXT_AFTER("nextAfter", 2),
  CLAMP("clamp", 3), // Java 21
  SIGNUM("signum", 1, true), FLOOR("floor", 1, true), CEIL("ceil", 1, true),
  RINT("rint", 1, true), ROUND("round", 1, true), ULP("ulp", 1, true),
  GET_EXPONENT("getExponent", 1, true),
  // over int and long only: no gradient, but a differentiable method may compute with them
  FLOOR_DIV("floorDiv", 2, true), FLOOR_MOD("floorMod", 2, true), ABS_EXACT("absExact", 1, true),
  ADD_EXACT("addExact", 2, true), SUBTRACT_EXACT("subtractExact", 2, true),
  MULTIPLY_EXACT("multiplyExact", 2, true), NEGATE_EXACT("negateExact", 1, true),
  INCREMENT_EXACT("incrementExact", 1, true), DECREMENT_EXACT("decrementExact", 1, true),
  TO_INT_EXACT("toIntExact", 1, true), MULTIPLY_FULL("multiplyFull", 2, true),
  MULTIPLY_HIGH("multiplyHigh", 2, true), CEIL_DIV("ceilDiv", 2, true), // Java 18 on
  CEIL_MOD("ceilMod", 2, true), CEIL_DIV_EXACT("ceilDivExact", 2, true),
  FLOOR_DIV_EXACT("floorDivExact", 2, true), DIVIDE_EXACT("divideExact", 2, true),
  UNSIGNED_MULTIPLY_HIGH("unsignedMultiplyHigh", 2, true),
  POW_EXACT("powExact", 2, true), UNSIGNED_POW_EXACT("unsignedPowExact", 2, true), // Java 25
  UNSIGNED_MULTIPLY_EXACT("unsignedMultiplyExact", 2, true),
  /** {@code dev.backprop.StopGradient.of(x)}: the identity, with no gradient. */
  STOP_GRADIENT("of", 1, true);

  /** The class that declares {@link #STOP_GRADIENT}, which is not in {@code java.lang}. */
  public static final String STOP_GRADIENT_CLASS = "dev.backprop.StopGradient";

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
        .filter(f -> f != STOP_GRADIENT && f.javaName.equals(javaName) && f.arity == arity)
        .findFirst();
  }

  /** Every {@code Math} name, space-separated, in table order: for messages. */
  public static String supported() {
    return Arrays.stream(values()).filter(f -> f != STOP_GRADIENT).map(MathFunction::javaName)
        .distinct().collect(Collectors.joining(" "));
  }
}
