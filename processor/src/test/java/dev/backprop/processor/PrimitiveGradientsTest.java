package dev.backprop.processor;

import dev.backprop.processor.testing.CompiledGradients;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every primitive with a derivative rule, and every operator, checked against central
 * differences at several random points (inside every function's domain, away from kinks).
 */
class PrimitiveGradientsTest {

  private static final String SOURCE = """
      package t;

      import dev.backprop.Differentiable;

      final class Primitives {
        @Differentiable static double plus(double x, double y) { return x + y; }
        @Differentiable static double minus(double x, double y) { return x - y; }
        @Differentiable static double times(double x, double y) { return x * y; }
        @Differentiable static double divide(double x, double y) { return x / y; }
        @Differentiable static double remainder(double x, double y) { return (x + 2) % y; }
        @Differentiable static double negate(double x) { return -x; }
        @Differentiable static double unaryPlus(double x) { return +x; }
        @Differentiable static double exp(double x) { return Math.exp(x); }
        @Differentiable static double log(double x) { return Math.log(x); }
        @Differentiable static double log10(double x) { return Math.log10(x); }
        @Differentiable static double log1p(double x) { return Math.log1p(x); }
        @Differentiable static double expm1(double x) { return Math.expm1(x); }
        @Differentiable static double sqrt(double x) { return Math.sqrt(x); }
        @Differentiable static double cbrt(double x) { return Math.cbrt(x); }
        @Differentiable static double pow(double x, double y) { return Math.pow(x, y); }
        @Differentiable static double square(double x) { return Math.pow(x, 2); }
        @Differentiable static double cube(double x) { return Math.pow(x, 3); }
        @Differentiable static double powOne(double x) { return Math.pow(x, 1.0); }
        @Differentiable static double powInt(double x, int n) { return Math.pow(x, n); }
        @Differentiable static double sin(double x) { return Math.sin(x); }
        @Differentiable static double cos(double x) { return Math.cos(x); }
        @Differentiable static double tan(double x) { return Math.tan(x); }
        @Differentiable static double asin(double x) { return Math.asin(x); }
        @Differentiable static double acos(double x) { return Math.acos(x); }
        @Differentiable static double atan(double x) { return Math.atan(x); }
        @Differentiable static double atan2(double y, double x) { return Math.atan2(y, x); }
        @Differentiable static double sinh(double x) { return Math.sinh(x); }
        @Differentiable static double cosh(double x) { return Math.cosh(x); }
        @Differentiable static double tanh(double x) { return Math.tanh(x); }
        @Differentiable static double hypot(double x, double y) { return Math.hypot(x, y); }
        @Differentiable static double abs(double x) { return Math.abs(x - 0.5); }
        @Differentiable static double max(double x, double y) { return Math.max(x, y); }
        @Differentiable static double min(double x, double y) { return Math.min(x, y); }
        @Differentiable static double relu(double x) { return Math.max(0, x - 0.5); }
        @Differentiable static double signum(double x) { return Math.signum(x - 0.5) * x; }
        @Differentiable static double floor(double x) { return Math.floor(4 * x) + x; }
        @Differentiable static double ceil(double x) { return Math.ceil(4 * x) * x; }
        @Differentiable static double rint(double x) { return Math.rint(4 * x) + x * x; }
        @Differentiable static double round(double x) { return Math.round(4 * x) * x; }
        @Differentiable static double fma(double x, double y) { return Math.fma(x, y, x * y); }
        @Differentiable static double toRadians(double x) { return Math.toRadians(x) * x; }
        @Differentiable static double toDegrees(double x) { return Math.toDegrees(x) * x; }
        @Differentiable static double copySign(double x, double y) { return Math.copySign(x - 0.5, y - 0.5); }
        @Differentiable static double scalb(double x, int n) { return Math.scalb(x * x, n); }
        @Differentiable static double ieeeRemainder(double x, double y) { return Math.IEEEremainder(x + 2, y); }
        @Differentiable static double nextUp(double x) { return Math.nextUp(x) * x; }
        @Differentiable static double nextDown(double x) { return Math.nextDown(x) * x; }
        @Differentiable static double nextAfter(double x, double y) { return Math.nextAfter(x * x, y); }
        @Differentiable static double ulp(double x) { return Math.ulp(x) + x; }
        @Differentiable static double getExponent(double x) { return Math.getExponent(8 * x) * x; }
        @Differentiable static double integers(double x, int k) {
          long big = Math.multiplyFull(k, k) + Math.multiplyHigh(k, 3L) + Math.toIntExact(7L);
          int small = Math.floorDiv(k, 3) + Math.floorMod(k, 3) + Math.absExact(k)
              + Math.addExact(k, 1) + Math.subtractExact(k, 1) + Math.multiplyExact(k, 2)
              + Math.negateExact(k) + Math.incrementExact(k) + Math.decrementExact(k);
          return (big + small) * x;
        }
        @Differentiable static double strictExp(double x) { return StrictMath.exp(x) * StrictMath.sin(x); }
        @Differentiable static double constants(double x) { return Math.PI * x + Math.E; }
      }
      """;

  private static CompiledGradients compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledGradients.compile("t.Primitives", SOURCE);
  }

  static List<String> methods() {
    return CompiledGradients.compile("t.Primitives", SOURCE).gradientMethods("t.PrimitivesGrad");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void matchesCentralDifferences(String method) {
    compiled.check("t.Primitives", "t.PrimitivesGrad", method, 0.1, 0.9, 8, method.hashCode());
  }

  @Test
  void coversEveryRule() {
    org.junit.jupiter.api.Assertions.assertEquals(53, methods().size());
  }
}
