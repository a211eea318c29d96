package dev.backprop.processor.differentiate;

import static dev.backprop.processor.differentiate.Exprs.ZERO;
import static dev.backprop.processor.differentiate.Exprs.choose;
import static dev.backprop.processor.differentiate.Exprs.compare;
import static dev.backprop.processor.differentiate.Exprs.div;
import static dev.backprop.processor.differentiate.Exprs.isLiteral;
import static dev.backprop.processor.differentiate.Exprs.isZero;
import static dev.backprop.processor.differentiate.Exprs.lit;
import static dev.backprop.processor.differentiate.Exprs.math;
import static dev.backprop.processor.differentiate.Exprs.minus;
import static dev.backprop.processor.differentiate.Exprs.neg;
import static dev.backprop.processor.differentiate.Exprs.plus;
import static dev.backprop.processor.differentiate.Exprs.times;
import static dev.backprop.processor.ir.MathFunction.*;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.MathFunction;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every local derivative, one entry per primitive, as in the article's list of local gradients.
 * An entry receives {@code y} (the primitive's value), {@code x} (its arguments) and {@code g}
 * (the adjoint of y) and returns, per argument, what to add to that argument's adjoint. Entries
 * only ever read atoms (names, literals), so the forward sweep keeps in a local every value they
 * need; see {@link Linearizer}. {@code RulesTest} fails the build if a {@link MathFunction} has
 * no entry.
 */
final class Rules {

  /** A local derivative: per argument, the contribution {@code d[x_i] += ...} (null: none). */
  @FunctionalInterface
  interface Rule {
    List<Expr> partials(Expr y, List<Expr> x, Expr g);
  }

  private static final Map<MathFunction, Rule> MATH = new EnumMap<>(MathFunction.class);
  private static final Map<BinaryOp, Rule> BINARY = new EnumMap<>(BinaryOp.class);
  private static final Map<UnaryOp, Rule> UNARY = new EnumMap<>(UnaryOp.class);

  static {
    // d[x] += d[y] * (local derivative)                          y = f(x)
    rule(EXP, (y, x, g) -> one(times(y, g)));                     // e^x
    rule(LOG, (y, x, g) -> one(div(g, x.get(0))));                // 1 / x
    rule(LOG10, (y, x, g) -> one(div(g, times(x.get(0), math(LOG, lit(10))))));
    rule(LOG1P, (y, x, g) -> one(div(g, plus(lit(1), x.get(0)))));
    rule(EXPM1, (y, x, g) -> one(times(plus(y, lit(1)), g)));     // e^x = y + 1
    rule(SQRT, (y, x, g) -> one(div(g, times(lit(2), y))));       // 1 / (2 sqrt x)
    rule(CBRT, (y, x, g) -> one(div(g, times(times(lit(3), y), y))));
    rule(POW, Rules::pow);
    rule(SIN, (y, x, g) -> one(times(math(COS, x.get(0)), g)));
    rule(COS, (y, x, g) -> one(neg(times(math(SIN, x.get(0)), g))));
    rule(TAN, (y, x, g) -> one(times(plus(lit(1), times(y, y)), g))); // 1 + tan^2
    rule(ASIN, (y, x, g) -> one(div(g, math(SQRT, minus(lit(1), times(x.get(0), x.get(0)))))));
    rule(ACOS, (y, x, g) -> one(neg(div(g, math(SQRT, minus(lit(1), times(x.get(0), x.get(0))))))));
    rule(ATAN, (y, x, g) -> one(div(g, plus(lit(1), times(x.get(0), x.get(0))))));
    rule(ATAN2, (y, x, g) -> {                                    // atan2(a, b)
      Expr r2 = plus(times(x.get(0), x.get(0)), times(x.get(1), x.get(1)));
      return List.of(div(times(x.get(1), g), r2), neg(div(times(x.get(0), g), r2)));
    });
    rule(SINH, (y, x, g) -> one(times(math(COSH, x.get(0)), g)));
    rule(COSH, (y, x, g) -> one(times(math(SINH, x.get(0)), g)));
    rule(TANH, (y, x, g) -> one(times(minus(lit(1), times(y, y)), g))); // 1 - tanh^2
    rule(HYPOT, (y, x, g) -> List.of(div(times(x.get(0), g), y), div(times(x.get(1), g), y)));
    rule(ABS, (y, x, g) -> one(times(math(SIGNUM, x.get(0)), g)));   // 0 at 0
    rule(FMA, (y, x, g) -> List.of(times(x.get(1), g), times(x.get(0), g), g)); // a * b + c
    rule(TO_RADIANS, (y, x, g) -> one(math(TO_RADIANS, g)));      // linear: the same factor
    rule(TO_DEGREES, (y, x, g) -> one(math(TO_DEGREES, g)));
    rule(COPY_SIGN, (y, x, g) -> Arrays.asList(                   // |m| sgn(s): 0 at m = 0
        times(times(math(SIGNUM, y), math(SIGNUM, x.get(0))), g), null)); // y's sign, as computed
    rule(SCALB, (y, x, g) -> Arrays.asList(math(SCALB, g, x.get(1)), null)); // d 2^n, exact
    rule(IEEE_REMAINDER, (y, x, g) -> List.of(g,                  // a - b * round(a / b)
        neg(times(g, div(minus(x.get(0), y), x.get(1))))));
    rule(NEXT_UP, (y, x, g) -> one(g));                           // x, one ulp on
    rule(NEXT_DOWN, (y, x, g) -> one(g));
    rule(NEXT_AFTER, (y, x, g) -> Arrays.asList(g, null));
    rule(CLAMP, (y, x, g) -> {                                    // clamp(v, lo, hi): who won
      Expr below = compare(BinaryOp.LESS, x.get(0), x.get(1));
      Expr above = compare(BinaryOp.GREATER, x.get(0), x.get(2));
      Expr outside = new Expr.Binary(BinaryOp.CONDITIONAL_OR, below, above, Type.BOOLEAN);
      return List.of(choose(outside, ZERO, g), choose(below, g, ZERO), choose(above, g, ZERO));
    });
    // max and min route the whole gradient to the argument that won; ties go to the first.
    rule(MAX, (y, x, g) -> route(compare(BinaryOp.GREATER_EQUAL, x.get(0), x.get(1)), g));
    rule(MIN, (y, x, g) -> route(compare(BinaryOp.LESS_EQUAL, x.get(0), x.get(1)), g));
    // Piecewise constant (signum floor ceil rint round ulp getExponent, and the int and long
    // ones): zero wherever the derivative exists.
    for (MathFunction f : MathFunction.values()) {
      if (f.piecewiseConstant()) {
        rule(f, (y, x, g) -> Arrays.asList(new Expr[x.size()]));
      }
    }

    // y = a op b
    BINARY.put(BinaryOp.PLUS, (y, x, g) -> List.of(g, g));
    BINARY.put(BinaryOp.MINUS, (y, x, g) -> List.of(g, neg(g)));
    BINARY.put(BinaryOp.TIMES, (y, x, g) -> List.of(times(x.get(1), g), times(x.get(0), g)));
    BINARY.put(BinaryOp.DIVIDE, (y, x, g) -> Exprs.isOne(x.get(0))
        ? Arrays.asList(null, neg(times(times(y, y), g)))           // 1 / b: -y^2, no division
        : List.of(div(g, x.get(1)), neg(div(times(g, x.get(0)), times(x.get(1), x.get(1))))));
    BINARY.put(BinaryOp.REMAINDER, (y, x, g) ->                   // a % b = a - b * trunc(a / b)
        List.of(g, neg(times(g, div(minus(x.get(0), new Expr.Binary(
            BinaryOp.REMAINDER, x.get(0), x.get(1), Type.DOUBLE)), x.get(1))))));

    UNARY.put(UnaryOp.NEGATE, (y, x, g) -> one(neg(g)));
    UNARY.put(UnaryOp.PLUS, (y, x, g) -> one(g));
  }

  private Rules() {}

  private static void rule(MathFunction f, Rule rule) {
    MATH.put(f, rule);
  }

  private static List<Expr> one(Expr partial) {
    return List.of(partial);
  }

  /**
   * pow(a, b): b a^(b-1) for the base, y ln a for the exponent; a^2 reads as 2 a. With b = 0,
   * a^0 is the constant 1 and the base's derivative 0, also at a = 0, where b a^(b-1) would be
   * 0 times infinity.
   */
  private static List<Expr> pow(Expr y, List<Expr> x, Expr g) {
    Expr a = x.get(0);
    Expr b = x.get(1);
    Expr base;
    if (isLiteral(b, "2") || isLiteral(b, "2.0")) {
      base = times(times(lit(2), a), g);
    } else if (isLiteral(b, "1") || isLiteral(b, "1.0")) {
      base = g;
    } else if (isZero(b) || isLiteral(b, "0L") || isLiteral(b, "0l")) {
      base = null; // no contribution
    } else if (b instanceof Expr.Literal) {
      base = times(times(b, math(POW, a, exponentLessOne(b))), g);
    } else {
      base = times(choose(compare(BinaryOp.EQUAL, b, ZERO), ZERO,
          times(b, math(POW, a, exponentLessOne(b)))), g);
    }
    return Arrays.asList(base, times(times(y, math(LOG, a)), g));
  }

  /**
   * {@code b - 1}, exactly: an int or long exponent is lowered in double arithmetic ({@code n -
   * 1.0}), since {@code n - 1} wraps around at the type's minimum; a literal folds.
   */
  private static Expr exponentLessOne(Expr b) {
    if (b.type() == Type.DOUBLE) {
      return minus(b, lit(1));
    }
    if (b instanceof Expr.Literal literal) {
      String text = literal.text().replace("_", "").replaceAll("[lL]$", "");
      try {
        long n = Long.parseLong(text);
        if (n > Integer.MIN_VALUE) {
          return new Expr.Literal(b.type(), Long.toString(n - 1));
        }
      } catch (NumberFormatException e) {
        // hexadecimal, octal or binary: not folded
      }
    }
    return minus(b, new Expr.Literal(Type.DOUBLE, "1.0"));
  }

  /** The first argument gets {@code g} when {@code firstWins}, the second otherwise. */
  private static List<Expr> route(Expr firstWins, Expr g) {
    return List.of(
        Exprs.choose(firstWins, g, ZERO),
        Exprs.choose(firstWins, ZERO, g));
  }

  /** The rule of a primitive node, or null when the node is not a differentiable primitive. */
  static Rule of(Expr node) {
    if (node instanceof Expr.MathCall call) {
      return MATH.get(call.function());
    }
    if (node instanceof Expr.Binary binary) {
      return BINARY.get(binary.op());
    }
    if (node instanceof Expr.Unary unary) {
      return UNARY.get(unary.op());
    }
    return null;
  }

  /** Whether {@code f} has an entry: the build fails otherwise (see {@code RulesTest}). */
  static boolean has(MathFunction f) {
    return MATH.containsKey(f);
  }
}
