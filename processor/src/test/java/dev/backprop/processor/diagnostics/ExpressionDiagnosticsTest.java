package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Expressions outside the subset: objects, array initialisers and writes, strings, unsupported
 * types, fields the gradient class cannot read or must not write, functions without a derivative
 * rule, calls of methods that are not differentiable. Each error is at the expression. Arrays in
 * detail: ArrayDiagnosticsTest.
 */
class ExpressionDiagnosticsTest {

  private static final JavaFileObject EXPRESSIONS = source("p.Layer", """
      package p;

      import dev.backprop.Differentiable;

      final class Layer {
        static final double[] WEIGHTS = {0.5, -1.5};
        static final Model MODEL = new Model();
        static double learningRate = 0.1;
        static double lastLoss;
        private static final double SCALE = Math.sqrt(2);
        private static final double HALF = 0.5;
        static final double OFFSET = 3;

        static final class Point {
          final double x;
          final double y;

          Point(double x, double y) {
            this.x = x;
            this.y = y;
          }
        }

        static final class Model {
          double bias = 1;
        }

        private static final class Defaults {
          static final double GAIN = Math.sqrt(3);
          static final double SHIFT = 0.25;
        }

        @Differentiable
        static double norm(Point p) {
          return 0;
        }

        @Differentiable
        static double ofPoint(double x, double y) {
          return norm(new Point(x, y));
        }

        @Differentiable
        static double firstWeight(double x) {
          return x * WEIGHTS[0];
        }

        @Differentiable
        static double count(double x, int[] counts) {
          counts[0] = 1;
          return x;
        }

        @Differentiable
        static double sum(double[] values) {
          return 0;
        }

        @Differentiable
        static double sumOfPair(double x, double y) {
          return sum(new double[] {x, y}) * 2;
        }

        @Differentiable
        static double pairLocal(double x, double y) {
          double[] pair = {x, y};
          return x + y;
        }

        @Differentiable
        static double penalty(String norm, double x) {
          return x;
        }

        @Differentiable
        static double l2(double x) {
          return penalty("l2", x);
        }

        @Differentiable
        static double labelled(double x) {
          String label = "1.5";
          return x * Double.parseDouble(label);
        }

        @Differentiable
        static double single(double x) {
          float f = (float) x;
          return x;
        }

        @Differentiable
        static double roundedToFloat(double x) {
          return 2 * (float) x;
        }

        @Differentiable
        static double halfFloat(double x) {
          return x * 0.5f;
        }

        @Differentiable
        static double withBias(double x) {
          return x + MODEL.bias;
        }

        @Differentiable
        static double step(double x) {
          return x - learningRate * x;
        }

        @Differentiable
        static double scaled(double x) {
          return SCALE * x;
        }

        @Differentiable
        static double gained(double x) {
          return Defaults.GAIN * x;
        }

        @Differentiable
        static double constants(double x) {
          return HALF * x + OFFSET + Defaults.SHIFT;
        }

        @Differentiable
        static double remembered(double x) {
          lastLoss = x * x;
          return x * x;
        }

        @Differentiable
        static double accumulated(double x) {
          lastLoss += x;
          return x;
        }

        @Differentiable
        static double floatOverload(double x, int k) {
          return x * Math.scalb(k, 2);
        }

        @Differentiable
        static double noisy(double x) {
          return x + Math.random();
        }


        @Differentiable
        static double viaHelper(double x) {
          return Other.helper(x) + 1;
        }

        @Differentiable
        static double digits(double x) {
          return String.valueOf(x).length() * x;
        }

        @Differentiable
        static double larger(double x, double y) {
          return x * Double.max(x, y) + x * x * Double.max(y, x);
        }
      }

      /** Another top-level class: its methods are not helpers of Layer's. */
      final class Other {
        static double helper(double x) {
          return x * x;
        }
      }
      """);

  private static final JavaFileObject INSTANCE_CALL = source("p.Net", """
      package p;

      import dev.backprop.Differentiable;

      final class Net {
        static final Net DEFAULT = new Net();

        @Differentiable
        double predict(double x) {
          return 2 * x;
        }

        @Differentiable
        static double loss(double x) {
          return DEFAULT.predict(x) - 1;
        }
      }
      """);

  private static Compilation expressions() {
    return compile(EXPRESSIONS).compilation();
  }

  private static void assertErrorCount(int count, String firstLine, String lastLine) {
    Diagnostics.Compiled compiled = compile(EXPRESSIONS);
    assertWithMessage("errors between '%s' and '%s'; all diagnostics:\n%s",
        firstLine, lastLine, compiled.listing())
        .that(compiled.errorsBetween(EXPRESSIONS, firstLine, lastLine)).hasSize(count);
  }

  @Test
  void objectCreation() {
    assertThat(expressions()).failed();
    assertThat(expressions())
        .hadErrorContaining("[backprop:new] creating objects is not supported; only double, int, "
            + "long and boolean values flow through a differentiable method")
        .inFile(EXPRESSIONS).onLineContaining("new Point(x, y)");
    assertThat(expressions())
        .hadErrorContaining("[backprop:parameter-type] parameter 'p' has type p.Layer.Point")
        .inFile(EXPRESSIONS).onLineContaining("static double norm(Point p)");
  }

  @Test
  void elementOfAConstantArrayIsRead() {
    Diagnostics.Compiled compiled = compile(EXPRESSIONS);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(EXPRESSIONS, "static double firstWeight(", "x * WEIGHTS[0]"))
        .isEmpty();
    String generated = compiled.generatedSource("p.LayerGrad");
    assertThat(generated).contains("static double firstWeight(double x, double[] grad)");
    assertThat(generated).contains("Layer.WEIGHTS[0]");
  }

  @Test
  void doubleArrayParameterIsFine() {
    Diagnostics.Compiled compiled = compile(EXPRESSIONS);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(EXPRESSIONS, "static double sum(", "static double sum("))
        .isEmpty();
    assertThat(compiled.generatedSource("p.LayerGrad"))
        .contains("static double sum(double[] values, double[] dvalues)");
  }

  @Test
  void arrayElementAssignment() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:array-write] writing into 'counts' is not supported; only "
            + "arrays created in this method with new double[n] or new double[n][m] can be written, "
            + "declare one and copy")
        .inFile(EXPRESSIONS).onLineContaining("counts[0] = 1;");
    assertErrorCount(1, "static double count(", "counts[0] = 1;");
  }

  @Test
  void newArrayWithInitializer() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:array] only new double[n], new double[n][m] and reads of "
            + "double[], double[][] and int[] elements and lengths are supported")
        .inFile(EXPRESSIONS).onLineContaining("sum(new double[] {x, y})");
    // not the call on top, though it passes an array
    assertErrorCount(1, "static double sumOfPair(", "sum(new double[] {x, y})");
  }

  @Test
  void arrayInitializer() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:array] only new double[n], new double[n][m] and reads of "
            + "double[], double[][] and int[] elements and lengths are supported")
        .inFile(EXPRESSIONS).onLineContaining("double[] pair = {x, y};");
    assertErrorCount(1, "static double pairLocal(", "return x + y;");
  }

  @Test
  void stringArgument() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:string] strings are not supported in a @Differentiable "
            + "method but as messages: of an assert, of a call made for its effect "
            + "(System.err.println(...)), of an argument check's exception")
        .inFile(EXPRESSIONS).onLineContaining("penalty(\"l2\", x)");
    assertErrorCount(1, "static double l2(", "penalty(\"l2\", x)");
  }

  @Test
  void stringLocal() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:type] values of type java.lang.String are not supported; "
            + "use double (differentiated), or int, long or boolean (constants)")
        .inFile(EXPRESSIONS).onLineContaining("return x * Double.parseDouble(label);");
    assertErrorCount(1, "static double labelled(", "return x * Double.parseDouble(label);");
  }

  @Test
  void floatLocal() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:type] values of type float are not supported")
        .inFile(EXPRESSIONS).onLineContaining("float f = (float) x;");
    assertErrorCount(1, "static double single(", "float f = (float) x;");
  }

  @Test
  void floatCast() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:type] values of type float are not supported")
        .inFile(EXPRESSIONS).onLineContaining("2 * (float) x");
  }

  @Test
  void floatLiteral() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:expression] '0.5")
        .inFile(EXPRESSIONS).onLineContaining("x * 0.5f");
    assertThat(expressions())
        .hadErrorContaining("' is not supported in a @Differentiable method")
        .inFile(EXPRESSIONS).onLineContaining("x * 0.5f");
  }

  @Test
  void instanceFieldRead() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:instance-member] 'bias' belongs to an instance; a "
            + "differentiable method is static: pass the value as a parameter")
        .inFile(EXPRESSIONS).onLineContaining("x + MODEL.bias");
  }

  @Test
  void instanceMethodCall() {
    Compilation c = compile(INSTANCE_CALL).compilation();
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[backprop:instance-member] 'predict(...)' belongs to an instance")
        .inFile(INSTANCE_CALL).onLineContaining("DEFAULT.predict(x) - 1");
    assertThat(c).hadErrorContaining("[backprop:not-static]")
        .inFile(INSTANCE_CALL).onLineContaining("double predict(double x)");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void mutableStaticFieldRead() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:mutable-field] field 'learningRate' is not a constant the "
            + "gradient class can read; make it static final and not private, or pass it as a "
            + "parameter")
        .inFile(EXPRESSIONS).onLineContaining("x - learningRate * x");
  }

  @Test
  void privateStaticFinalFieldThatIsNotAConstant() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:private-field] 'SCALE' is private (or in a private class) "
            + "and not a compile-time constant, so the gradient class cannot read it; make it "
            + "package-private, or pass the value as a parameter")
        .inFile(EXPRESSIONS).onLineContaining("return SCALE * x;");
    assertErrorCount(1, "static double scaled(", "return SCALE * x;");
  }

  @Test
  void fieldOfAPrivateClassThatIsNotAConstant() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:private-field] 'GAIN' is private (or in a private class)")
        .inFile(EXPRESSIONS).onLineContaining("Defaults.GAIN * x");
  }

  @Test
  void privateConstantsAndPublicConstantsAreFine() {
    String generated = compile(EXPRESSIONS).generatedSource("p.LayerGrad");
    assertThat(generated).contains("static double constants(double x, double[] grad)");
  }

  @Test
  void fieldWrite() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:field-write] assigning 'lastLoss' is not supported; a "
            + "differentiable method only assigns its own locals and parameters")
        .inFile(EXPRESSIONS).onLineContaining("lastLoss = x * x;");
    assertErrorCount(1, "static double remembered(", "lastLoss = x * x;");
  }

  @Test
  void fieldCompoundAssignment() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:field-write] assigning 'lastLoss' is not supported")
        .inFile(EXPRESSIONS).onLineContaining("lastLoss += x;");
  }

  @Test
  void aFloatOverloadIsATypeProblem() {
    // Math.scalb(int, int) is scalb(float, int): the float is what is not supported
    assertThat(expressions())
        .hadErrorContaining("[backprop:type] values of type float are not supported; use double "
            + "(differentiated), or int, long or boolean (constants)")
        .inFile(EXPRESSIONS).onLineContaining("x * Math.scalb(k, 2)");
    assertErrorCount(1, "static double floatOverload(", "x * Math.scalb(k, 2)");
  }

  @Test
  void randomNumbersHaveNoDerivative() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:no-rule] Math.random is not a function of the method's "
            + "values and has no derivative; draw the random numbers outside the differentiable "
            + "method and pass them in as data (a parameter left out of wrt)")
        .inFile(EXPRESSIONS).onLineContaining("x + Math.random()");
    assertErrorCount(1, "static double noisy(", "x + Math.random()");
  }

  @Test
  void plainStaticMethodCall() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:call] Other.helper is not @Differentiable, nor in the "
            + "calling method's top-level class (whose helpers are differentiated as they are); "
            + "annotate it (it must be static and follow the same rules), give it a pullback with "
            + "@PullbackOf, or move it into this class")
        .inFile(EXPRESSIONS).onLineContaining("Other.helper(x) + 1");
    assertErrorCount(1, "static double viaHelper(", "Other.helper(x) + 1");
  }

  @Test
  void libraryMethodCall() {
    assertThat(expressions())
        .hadErrorContaining("[backprop:call] String.length is an instance method without a "
            + "derivative rule; a differentiable method calls static methods only: compute the "
            + "value outside and pass it in as a parameter")
        .inFile(EXPRESSIONS).onLineContaining("String.valueOf(x).length()");
    assertErrorCount(1, "static double digits(", "String.valueOf(x).length()");
  }

  @Test
  void staticLibraryFunctionCall() {
    // one cause, one error: the second call of the same function adds none
    assertThat(expressions())
        .hadErrorContaining("[backprop:call] Double.max has no derivative rule and is not "
            + "@Differentiable; register its pullback with @PullbackOf in this class, or compute it "
            + "outside the differentiable method and pass the value in as a parameter")
        .inFile(EXPRESSIONS).onLineContaining("x * Double.max(x, y) + x * x");
    assertErrorCount(1, "static double larger(", "x * Double.max(x, y) + x * x");
  }

  @Test
  void everyExpressionProblemIsReported() {
    Diagnostics.Compiled compiled = compile(EXPRESSIONS);
    // norm: parameter-type (no no-wrt on top); ofPoint: new; firstWeight, sum: fine; count:
    // array-write; sumOfPair: array; pairLocal: array; penalty: parameter-type; l2: string;
    // labelled: type; single: type; roundedToFloat: type; halfFloat: expression; withBias:
    // instance-member; step: mutable-field; scaled, gained: private-field; remembered,
    // accumulated: field-write; floatOverload: type; noisy: no-rule; viaHelper, digits, larger:
    // call
    assertWithMessage(compiled.listing()).that(compiled.compilation().errors()).hasSize(22);
  }
}
